package work

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachDoesEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]atomic.Int32, n)
		var starts atomic.Int32
		Each(n, func() func(int) bool {
			starts.Add(1)
			return func(i int) bool { seen[i].Add(1); return true }
		})
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("n=%d: index %d done %d times", n, i, got)
			}
		}
		if n == 0 && starts.Load() != 0 {
			t.Errorf("n=0: %d goroutines started", starts.Load())
		}
	}
}

func TestEachStopsAGoroutineWhoseDoReturnsFalse(t *testing.T) {
	var done atomic.Int32
	Each(1000, func() func(int) bool {
		return func(int) bool { done.Add(1); return false }
	})
	if got := int(done.Load()); got < 1 || got > runtime.GOMAXPROCS(0) {
		t.Errorf("%d indexes done; each of the %d goroutines should stop after its first", got, runtime.GOMAXPROCS(0))
	}
}
