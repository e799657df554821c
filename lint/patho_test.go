package lint

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

func mustRun(t testing.TB, dir string) *Result {
	res, err := Run(dir, Options{Today: fixtureToday})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestPathologicalLint lints each pathological document and checks that
// it costs no more than a bounded multiple of the time and allocations of
// a plain document of the same size.
func TestPathologicalLint(t *testing.T) {
	for _, c := range patho.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			bad, plain := pathoKBs(t, c)
			patho.Compare(t, "linting "+c.Name, patho.DefaultRatio, 5,
				func() { mustRun(t, bad) }, func() { mustRun(t, plain) })
		})
	}
}

// BenchmarkPathological lints each pathological document at its test
// scale.
func BenchmarkPathological(b *testing.B) {
	for _, c := range patho.Cases() {
		b.Run(c.Name, func(b *testing.B) {
			dir, _ := pathoKBs(b, c)
			b.ReportAllocs()
			for b.Loop() {
				mustRun(b, dir)
			}
		})
	}
}
