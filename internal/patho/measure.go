package patho

import (
	"runtime"
	"testing"
	"time"
)

// Cost is what one call of an entry point costs: the least wall time of
// several calls (robust on a busy machine) and the bytes the least
// allocating call allocated.
type Cost struct {
	Time  time.Duration
	Alloc uint64
}

// Measure calls f runs times and returns its cost.
func Measure(runs int, f func()) Cost {
	var c Cost
	var ms runtime.MemStats
	for i := range runs {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		start := time.Now()
		f()
		elapsed := time.Since(start)
		runtime.ReadMemStats(&ms)
		alloc := ms.TotalAlloc - before
		if i == 0 || elapsed < c.Time {
			c.Time = elapsed
		}
		if i == 0 || alloc < c.Alloc {
			c.Alloc = alloc
		}
	}
	return c
}

// Ratio bounds what a pathological input may cost beside a plain one of
// the same size.
type Ratio struct {
	Time, Alloc float64
}

// DefaultRatio is the bound of the tests: ten times the time and the
// allocations of a plain document of the same size.
func DefaultRatio() Ratio { return Ratio{Time: 10, Alloc: 10} }

// Compare measures patho and plain (runs calls each, alternating, after
// one warm-up call of each) and fails t when the pathological call costs
// more than the ratio of the plain one. Minimums are compared, so that a
// busy moment of the machine does not count; when the time is over the
// bound, up to nine times as many calls again are made before t fails (on
// a loaded machine, inputs that cost a few milliseconds vary by more than
// the bound from call to call), as a truly pathological input stays over
// it however often it is measured.
// Under the race detector only the allocations are compared (see
// RaceDetector). It logs both costs.
func Compare(t testing.TB, name string, bound Ratio, runs int, patho, plain func()) {
	t.Helper()
	patho() // warm-up: caches, pools and page faults of the first call
	plain()
	var p, q Cost
	over := func() bool { return !RaceDetector && float64(p.Time) > bound.Time*float64(q.Time) }
	for i := 0; i < runs || over() && i < 10*runs; i++ {
		cp, cq := Measure(1, patho), Measure(1, plain)
		if i == 0 {
			p, q = cp, cq
			continue
		}
		p.Time, q.Time = min(p.Time, cp.Time), min(q.Time, cq.Time)
		p.Alloc, q.Alloc = min(p.Alloc, cp.Alloc), min(q.Alloc, cq.Alloc)
	}
	t.Logf("%s: %v, %d bytes allocated; plain document of the same size: %v, %d bytes", name, p.Time, p.Alloc, q.Time, q.Alloc)
	if RaceDetector {
		t.Logf("%s: times not compared under the race detector", name)
	}
	if over() {
		t.Errorf("%s took %v, over %.0f times the %v of a plain document of the same size", name, p.Time, bound.Time, q.Time)
	}
	if float64(p.Alloc) > bound.Alloc*float64(q.Alloc) {
		t.Errorf("%s allocated %d bytes, over %.0f times the %d of a plain document of the same size", name, p.Alloc, bound.Alloc, q.Alloc)
	}
}
