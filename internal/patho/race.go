//go:build race

package patho

// RaceDetector reports whether the tests run with the race detector
// (go test -race). It slows code down by a factor that depends on what
// the code does (memory accesses, goroutines, locks) rather than on its
// input's size, so a time ratio measured under it says nothing of the
// work's growth; allocation ratios still hold.
const RaceDetector = true
