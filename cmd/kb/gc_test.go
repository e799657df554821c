package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The memory limit grows with the heap a KB keeps live, instead of
// holding the collector against a base that is too small.
func TestMemoryLimitFollowsLiveHeap(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: tuneGC leaves the collector alone")
	}
	oldLimit, oldPercent := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
	debug.SetGCPercent(oldPercent)
	const base, live = 1 << 20, 64 << 20
	stop := tuneGC(100, base, 2)
	defer func() {
		stop()
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}()
	kept := make([]byte, live)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if debug.SetMemoryLimit(-1) >= 2*live {
			break
		}
		runtime.GC()
	}
	if got := debug.SetMemoryLimit(-1); got < 2*live {
		t.Errorf("limit %d MiB with %d MiB live; want at least twice the live heap", got>>20, live>>20)
	}
	runtime.KeepAlive(kept)
}
