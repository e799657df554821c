package main

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory for speed in the batch commands: the collector runs
// less often (every percent of new heap, as GOGC), held back by a soft
// memory limit. kb lint keeps little in memory and runs with 400% and 256
// MiB; kb build keeps every document and page model and runs with 400% and
// 560 MiB: a KB larger than the limit is collected as usual again, not
// starved. GOGC and GOMEMLIMIT in the environment override either setting.
func tuneGC(percent int, limit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}
