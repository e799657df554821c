package lint

import (
	"io"
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

// BenchmarkWriteJSON writes the findings of the KB named by KB_BENCH_DIR
// as --format json does, and as encoding/json's indented Encoder did.
func BenchmarkWriteJSON(b *testing.B) {
	res, err := Run(kbtest.BenchDir(b), Options{Today: fixtureToday})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("kb", func(b *testing.B) {
		for b.Loop() {
			if err := WriteJSON(io.Discard, res); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		for b.Loop() {
			encodingJSON(b, res.Diagnostics)
		}
	})
}
