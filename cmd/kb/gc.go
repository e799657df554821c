package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// tuneGC trades memory for speed in the batch commands: the collector runs
// less often (every percent of new heap, as GOGC), held back by a soft
// memory limit of base bytes or room times the heap the last two
// collections found live, whichever is larger. kb lint keeps little in
// memory and runs with 400% over 256 MiB; kb build keeps every document
// and page model and runs with 400% over 560 MiB. The limit is judged
// again after every collection, so that it follows a KB too large for
// base instead of keeping the collector running without end. GOGC and
// GOMEMLIMIT in the environment override either setting. The returned
// function stops the following (a command simply exits).
func tuneGC(percent int, base int64, room float64) (stop func()) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	var stopped atomic.Bool
	debug.SetMemoryLimit(base)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var last float64 // the live heap found by the collection before
	var afterGC func(*gcSentinel)
	afterGC = func(s *gcSentinel) {
		if stopped.Load() {
			return
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			// The smaller of the last two, so that a passing peak (the
			// largest pages in memory at once) does not raise the limit.
			live := float64(sample[0].Value.Uint64())
			debug.SetMemoryLimit(max(base, int64(room*min(live, last))))
			last = live
		}
		runtime.SetFinalizer(s, afterGC) // again after the next collection
	}
	runtime.SetFinalizer(&gcSentinel{}, afterGC)
	return func() { stopped.Store(true) }
}

// gcSentinel is an object that nothing holds: its finalizer runs after a
// collection, and sets itself again. It is not a tiny allocation, which
// the runtime may batch with others and finalize late.
type gcSentinel struct{ _ [32]byte }
