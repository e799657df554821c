package lint

import (
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkRun lints the KB named by KB_BENCH_DIR (a kbgen corpus:
// go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k).
func BenchmarkRun(b *testing.B) {
	dir := kbtest.BenchDir(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		res, err := Run(dir, Options{Today: fixtureToday})
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.Diagnostics)
	}
	b.ReportMetric(float64(n), "findings/op")
}
