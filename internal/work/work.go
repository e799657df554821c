// Package work runs a loop over indexes on all processors.
package work

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls a do function for every index in [0, n) on up to GOMAXPROCS
// goroutines, each taking the next index in turn, and returns when they
// are done. Each goroutine first calls start for its do function, which
// may hold state of its own (a parser, a renderer, a buffer). A do that
// returns false stops its goroutine; the others go on until they stop or
// run out of indexes. Indexes are taken in order, but done in no order.
func Each(n int, start func() (do func(i int) bool)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			do := start()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || !do(i) {
					return
				}
			}
		})
	}
	wg.Wait()
}
