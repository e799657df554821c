package index

import (
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkAnalyze runs kb's analyzer over the bodies of the KB of
// KB_BENCH_DIR (a kbgen corpus: go run ./cmd/kbgen -n 10000 -seed 1 DIR).
func BenchmarkAnalyze(b *testing.B) {
	kb, err := content.Load(kbtest.BenchDir(b))
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	size := 0
	for _, d := range kb.Docs {
		bodies = append(bodies, d.Body())
		size += len(d.Body())
	}
	a := Analyzer()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			a.Analyze(body)
		}
	}
}
