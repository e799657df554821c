package serve

import (
	"runtime"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

// TestWatchCloseStopsGoroutines closes watchers in each mode, after the
// fall back to polling too, while a batch waits for a reader that never
// comes: Close returns, Batches and Notes are closed, and every
// goroutine the watcher started has ended.
func TestWatchCloseStopsGoroutines(t *testing.T) {
	modes := []struct {
		name  string
		opts  WatchOptions
		hooks watchHooks
	}{
		{"fsnotify", WatchOptions{Quiet: testQuiet}, watchHooks{}},
		{"poll", WatchOptions{Quiet: testQuiet, Poll: testPoll, ForcePoll: true}, watchHooks{}},
		{"after watching failed", WatchOptions{Quiet: testQuiet, Poll: testPoll}, watchHooks{add: failFolder}},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			dir := t.TempDir()
			writeFixture(t, dir)
			files, err := content.OpenFiles(dir)
			must(t, err)
			w, err := newWatcher(files, mode.opts, mode.hooks)
			must(t, err)
			<-w.hashed
			writeFile(t, dir, "full/x.md", "# X\n")
			writeFile(t, dir, "a.md", "# A, unread\n")
			time.Sleep(10 * testQuiet) // let a batch wait for its reader: not needed for the test to pass
			closed := make(chan error)
			go func() { closed <- w.Close() }()
			select {
			case err := <-closed:
				must(t, err)
			case <-time.After(waitLimit):
				t.Fatal("Close did not return")
			}
			for range w.Batches() {
			}
			for range w.Notes() {
			}
			deadline := time.Now().Add(waitLimit)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				buf := make([]byte, 1<<16)
				t.Errorf("%d goroutines after Close, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
			}
			if err := w.Close(); err != nil {
				t.Errorf("a second Close: %v", err)
			}
		})
	}
}
