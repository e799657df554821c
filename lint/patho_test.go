package lint

import (
	"testing"

	"github.com/kb-tools/kb/internal/patho"
)

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
	patho.CompareCases(t, "linting", 5, func(t testing.TB, dir string) { mustRun(t, dir) })
}

// BenchmarkPathological lints each pathological document at its test
// scale.
func BenchmarkPathological(b *testing.B) {
	patho.BenchmarkCases(b, func(b testing.TB, dir string) { mustRun(b, dir) })
}
