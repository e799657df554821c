package content

import (
	"testing"

	"github.com/kb-tools/kb/internal/patho"
)

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
	patho.CompareCases(t, "loading", 5, func(t testing.TB, dir string) { mustLoad(t, dir) })
}

// BenchmarkPathological loads each pathological document at its test
// scale.
func BenchmarkPathological(b *testing.B) {
	patho.BenchmarkCases(b, func(b testing.TB, dir string) { mustLoad(b, dir) })
}
