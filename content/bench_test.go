package content

import (
	"runtime/metrics"
	"testing"
	"time"

	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkLoad loads the KB named by KB_BENCH_DIR (a kbgen corpus:
// go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k) and reports documents
// per operation and the peak live heap seen across the runs.
func BenchmarkLoad(b *testing.B) {
	dir := kbtest.BenchDir(b)
	var peak uint64
	stop := watchHeap(&peak)
	b.ReportAllocs()
	var docs int
	for b.Loop() {
		kb, err := Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		docs = len(kb.Docs)
	}
	stop()
	b.ReportMetric(float64(docs), "docs/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// watchHeap samples the heap in use every few milliseconds into *peak
// until the returned function is called.
func watchHeap(peak *uint64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(finished)
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > *peak {
				*peak = v
			}
			select {
			case <-done:
				return
			default:
				time.Sleep(2 * time.Millisecond)
			}
		}
	}()
	return func() { close(done); <-finished }
}
