package serve

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestWatchGroupsBurst writes a file ten times, 5 ms apart, well within
// the quiet time of one second: it is reported once, in one batch. The
// premise is checked: a burst in which the machine stalled the writer for
// a quarter of the quiet time is tried again.
func TestWatchGroupsBurst(t *testing.T) {
	const quiet = time.Second
	for range 3 {
		dir := t.TempDir()
		writeFixture(t, dir)
		run := startWatch(t, dir, WatchOptions{Quiet: quiet, MaxDelay: time.Minute}, watchHooks{})
		if longest := writeBurst(t, dir, 10); longest >= quiet/4 {
			t.Logf("the writes were %v apart at most: trying again", longest)
			continue
		}
		if got := run.settle(); !slices.Equal(got, []string{"a.md"}) {
			t.Fatalf("reported %q, want a.md", got)
		}
		n := 0
		for _, b := range run.snapshot() {
			if slices.Contains(b.Paths, "a.md") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("a.md was in %d batches, want 1: %+v", n, run.snapshot())
		}
		return
	}
	t.Skip("the machine stalled every burst of writes")
}

// writeBurst writes a.md n times, 5 ms apart, and returns the longest
// time between two writes.
func writeBurst(t *testing.T, dir string, n int) time.Duration {
	var longest time.Duration
	prev := time.Now()
	for i := range n {
		writeFile(t, dir, "a.md", fmt.Sprintf("# A\n\nwrite %d\n", i))
		longest = max(longest, time.Since(prev))
		prev = time.Now()
		time.Sleep(5 * time.Millisecond)
	}
	return longest
}

// TestWatchMaxDelay writes a file every 5 ms, far within the quiet time
// of half a second, for seconds: the file is reported while the writes
// go on, as MaxDelay (one second) bounds the grouping, not after they
// stop.
func TestWatchMaxDelay(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	run := startWatch(t, dir, WatchOptions{Quiet: 500 * time.Millisecond, MaxDelay: time.Second}, watchHooks{})
	stop := make(chan struct{})
	var timedOut atomic.Bool
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		deadline := time.After(waitLimit / 2)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-deadline:
				timedOut.Store(true)
				return
			case <-time.After(5 * time.Millisecond):
			}
			writeFile(t, dir, "a.md", fmt.Sprintf("# A\n\nwrite %d\n", i))
		}
	}()
	run.waitFor("a.md")
	close(stop)
	<-finished
	if timedOut.Load() {
		t.Error("a.md was reported only after the writes stopped")
	}
}

// TestWatchStress writes 200 distinct files in quick succession, in
// folders that were there and folders made meanwhile: every one is
// reported, and nothing else.
func TestWatchStress(t *testing.T) {
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFixture(t, dir)
			run := startWatch(t, dir, mode.opts, watchHooks{})
			folders := []string{"sub", "sub/deep", "runbooks/r", "fresh", "fresh/er"}
			var want []string
			for i := range 200 {
				rel := filepath.ToSlash(filepath.Join(folders[i%len(folders)], fmt.Sprintf("doc-%03d.md", i)))
				writeFile(t, dir, rel, fmt.Sprintf("# Doc %d\n", i))
				want = append(want, rel)
			}
			slices.Sort(want)
			if got := run.settle(); !slices.Equal(got, want) {
				t.Errorf("reported %d paths, want the %d written: missing %q, extra %q",
					len(got), len(want), difference(want, got), difference(got, want))
			}
		})
	}
}

// difference returns the elements of a not in b.
func difference(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}
