package content

import (
	"testing"

	"github.com/kb-tools/kb/internal/patho"
)

// pathoKBs writes, for a case at its test scale, a KB holding the case's
// document and one holding a plain document of the same size.
func pathoKBs(t testing.TB, c patho.Case) (bad, plain string) {
	t.Helper()
	doc := c.Doc(c.TestScale)
	bad, plain = t.TempDir(), t.TempDir()
	if err := patho.WriteKB(bad, doc); err != nil {
		t.Fatal(err)
	}
	if err := patho.WriteKB(plain, patho.Plain(len(doc))); err != nil {
		t.Fatal(err)
	}
	return bad, plain
}

func mustLoad(t testing.TB, dir string) *KB {
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

// TestPathologicalLoad loads each pathological document and checks that
// it costs no more than a bounded multiple of the time and allocations of
// a plain document of the same size.
func TestPathologicalLoad(t *testing.T) {
	for _, c := range patho.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			bad, plain := pathoKBs(t, c)
			patho.Compare(t, "loading "+c.Name, patho.DefaultRatio, 5,
				func() { mustLoad(t, bad) }, func() { mustLoad(t, plain) })
		})
	}
}

// BenchmarkPathological loads each pathological document at its test
// scale.
func BenchmarkPathological(b *testing.B) {
	for _, c := range patho.Cases() {
		b.Run(c.Name, func(b *testing.B) {
			dir, _ := pathoKBs(b, c)
			b.ReportAllocs()
			for b.Loop() {
				mustLoad(b, dir)
			}
		})
	}
}
