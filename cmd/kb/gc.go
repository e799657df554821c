package main

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory for speed in the batch commands (lint, build): the
// collector runs at a quarter of its default frequency, held back by a
// soft limit of 256 MiB, which a 10,000-document KB stays under. GOGC and
// GOMEMLIMIT in the environment override either setting.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}
