package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

// waitLimit bounds every wait of the watcher tests: generous, as the
// machine may be busy; no test asserts how long anything took.
const waitLimit = 15 * time.Second

// testQuiet and testPoll keep the tests quick; saveQuiet groups the steps
// of one save however the machine schedules the test (see TestWatchSaves).
const (
	testQuiet = 20 * time.Millisecond
	testPoll  = 25 * time.Millisecond
	saveQuiet = 150 * time.Millisecond
)

// watchRun is a watcher under test and what it sent so far.
type watchRun struct {
	t   *testing.T
	dir string
	w   *Watcher
	mu  sync.Mutex
	// batches are those sent so far; from is the first not yet returned
	// by settle.
	batches []Batch
	from    int
	notes   []string
	signal  chan struct{}
	settles int
}

// watchModes are the two ways a watcher finds changes.
var watchModes = []struct {
	name string
	opts WatchOptions
}{
	{"fsnotify", WatchOptions{Quiet: testQuiet}},
	{"poll", WatchOptions{Quiet: testQuiet, Poll: testPoll, ForcePoll: true}},
}

// startWatch watches dir, collecting batches and notes, and waits until
// the first hashes are taken. The watcher is closed when the test ends.
func startWatch(t *testing.T, dir string, opts WatchOptions, hooks watchHooks) *watchRun {
	t.Helper()
	r := startWatchNow(t, dir, opts, hooks)
	select {
	case <-r.w.hashed:
	case <-time.After(waitLimit):
		t.Fatal("the first hashes were not taken in time")
	}
	return r
}

// startWatchNow is startWatch without the wait for the first hashes.
func startWatchNow(t *testing.T, dir string, opts WatchOptions, hooks watchHooks) *watchRun {
	t.Helper()
	files, err := content.OpenFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(files, opts, hooks)
	if err != nil {
		t.Fatal(err)
	}
	r := &watchRun{t: t, dir: dir, w: w, signal: make(chan struct{}, 1)}
	var wg sync.WaitGroup
	wg.Go(r.collectBatches)
	wg.Go(r.collectNotes)
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		wg.Wait()
	})
	return r
}

func (r *watchRun) collectBatches() {
	for b := range r.w.Batches() {
		if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
			r.t.Errorf("batch paths not sorted and unique: %q", b.Paths)
		}
		r.mu.Lock()
		r.batches = append(r.batches, b)
		r.mu.Unlock()
		r.wake()
	}
}

func (r *watchRun) collectNotes() {
	for n := range r.w.Notes() {
		r.mu.Lock()
		r.notes = append(r.notes, n)
		r.mu.Unlock()
		r.wake()
	}
}

func (r *watchRun) wake() {
	select {
	case r.signal <- struct{}{}:
	default:
	}
}

// waitUntil waits until ok holds of the batches and notes so far, failing
// the test after waitLimit with what describes the wait.
func (r *watchRun) waitUntil(what string, ok func(batches []Batch, notes []string) bool) {
	r.t.Helper()
	deadline := time.After(waitLimit)
	for {
		r.mu.Lock()
		done := ok(r.batches, r.notes)
		r.mu.Unlock()
		if done {
			return
		}
		select {
		case <-r.signal:
		case <-deadline:
			r.t.Fatalf("no %s in time; batches: %+v", what, r.snapshot())
		}
	}
}

// snapshot returns the batches so far.
func (r *watchRun) snapshot() []Batch {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.batches)
}

// waitFor waits until every path was reported, in any batches.
func (r *watchRun) waitFor(paths ...string) {
	r.t.Helper()
	r.waitUntil(fmt.Sprintf("report of %q", paths), func(batches []Batch, _ []string) bool {
		seen := reported(batches)
		for _, p := range paths {
			if !seen[p] {
				return false
			}
		}
		return true
	})
}

// settle returns the paths reported since the last settle, once every
// change made before the call has been decided. It writes two marker
// files one after the other and waits for each: the second is found only
// by a look at the tree (an event, or a walk of the polling) that began
// after the first was reported, so after every change before the call.
func (r *watchRun) settle() []string {
	r.t.Helper()
	for range 2 {
		r.settles++
		name := fmt.Sprintf("settle-%d.txt", r.settles)
		writeFile(r.t, r.dir, name, name)
		r.waitFor(name)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := reported(r.batches[r.from:])
	r.from = len(r.batches)
	var paths []string
	for p := range seen {
		if !strings.HasPrefix(p, "settle-") {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}

// reported returns the union of the batches' paths.
func reported(batches []Batch) map[string]bool {
	seen := map[string]bool{}
	for _, b := range batches {
		for _, p := range b.Paths {
			seen[p] = true
		}
	}
	return seen
}

// writeFile writes a file of the KB, making its folders.
func writeFile(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// must fails the test on an error of a file operation.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// notesSoFar returns the notes sent so far.
func (r *watchRun) notesSoFar() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.notes)
}
