package serve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// hasRescan reports whether a batch asked for a rescan.
func hasRescan(batches []Batch, _ []string) bool {
	return slices.ContainsFunc(batches, func(b Batch) bool { return b.Rescan })
}

// TestWatchRescanOnOverflow gives the event loop fsnotify's overflow
// error: a Rescan batch comes, and the watcher goes on watching, folders
// made afterwards included.
func TestWatchRescanOnOverflow(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	errs := make(chan error)
	run := startWatch(t, dir, WatchOptions{Quiet: testQuiet}, watchHooks{errs: errs})
	errs <- fsnotify.ErrEventOverflow
	run.waitUntil("Rescan batch", hasRescan)
	writeFile(t, dir, "after/new.md", "# New\n")
	writeFile(t, dir, "sub/deep/y.md", "# Y, changed\n")
	if got, want := run.settle(), []string{"after/new.md", "sub/deep/y.md"}; !slices.Equal(got, want) {
		t.Errorf("after the rescan, reported %q, want %q", got, want)
	}
}

// TestWatchRealOverflow stalls the event loop while more files are made
// than inotify's queue holds: the kernel's overflow leads to a Rescan
// batch, and later edits are reported.
func TestWatchRealOverflow(t *testing.T) {
	if testing.Short() {
		t.Skip("makes tens of thousands of files")
	}
	limit := inotifyQueueLimit(t)
	dir := t.TempDir()
	writeFixture(t, dir)
	hold := make(chan struct{})
	run := startWatch(t, dir, WatchOptions{Quiet: testQuiet}, watchHooks{hold: hold})
	hold <- struct{}{}
	for i := range limit + 1000 {
		f, err := os.Create(filepath.Join(dir, "sub", fmt.Sprintf("flood-%06d.md", i)))
		must(t, err)
		must(t, f.Close())
	}
	hold <- struct{}{}
	flood := limit + 1000
	rescanned := false
	run.waitUntil("Rescan batch after the overflow, or every file reported", func(batches []Batch, notes []string) bool {
		if hasRescan(batches, notes) {
			rescanned = true
			return true
		}
		return floodReported(batches) == flood
	})
	if !rescanned {
		// Where the kernel's queue did not fill (events read into
		// fsnotify's own buffer while the loop was held), nothing was
		// lost and every file was reported; TestWatchRescanOnOverflow
		// checks the rescan itself.
		t.Skip("the kernel's event queue did not overflow here: every file made was reported")
	}
	writeFile(t, dir, "a.md", "# A, after the flood\n")
	if got := run.settle(); !slices.Contains(got, "a.md") {
		t.Errorf("after the overflow, reported %q, want a.md among them", got)
	}
}

// inotifyQueueLimit reads the kernel's limit of queued inotify events,
// skipping the test where it is unknown or too large to reach quickly.
func inotifyQueueLimit(t *testing.T) int {
	data, err := os.ReadFile("/proc/sys/fs/inotify/max_queued_events")
	if err != nil {
		t.Skip("no inotify queue limit to overflow here")
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || n > 100000 {
		t.Skipf("inotify queue limit %q: too large to overflow in a test", data)
	}
	return n
}

// failFolder adds watches as fsnotify does, except of folders named
// "full", as if inotify's limit of watches were reached there.
func failFolder(fsw *fsnotify.Watcher, dir string) error {
	if filepath.Base(dir) == "full" {
		return fmt.Errorf("inotify_add_watch %s: %w", dir, syscall.ENOSPC)
	}
	return fsw.Add(dir)
}

// TestWatchFallsBackToPolling has a watch fail as at inotify's limit for
// a folder made while watching: one note, a Rescan batch, and then the
// watcher polls, still reporting edits.
func TestWatchFallsBackToPolling(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	run := startWatch(t, dir, WatchOptions{Quiet: testQuiet, Poll: testPoll}, watchHooks{add: failFolder})
	must(t, os.Mkdir(filepath.Join(dir, "full"), 0o755))
	run.waitUntil("Rescan batch", hasRescan)
	writeFile(t, dir, "full/y.md", "# Y\n")
	writeFile(t, dir, "a.md", "# A, polled\n")
	if got, want := run.settle(), []string{"a.md", "full/y.md"}; !slices.Equal(got, want) {
		t.Errorf("while polling, reported %q, want %q", got, want)
	}
	if notes := run.notesSoFar(); len(notes) != 1 {
		t.Errorf("notes %q, want one saying watching failed", notes)
	}
}

// TestWatchPollsWhenWatchingFailsAtStart has every watch fail: NewWatcher
// polls from the start, says so once, and reports edits.
func TestWatchPollsWhenWatchingFailsAtStart(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	failAll := func(*fsnotify.Watcher, string) error { return syscall.ENOSPC }
	run := startWatch(t, dir, WatchOptions{Quiet: testQuiet, Poll: testPoll}, watchHooks{add: failAll})
	writeFile(t, dir, "sub/x.md", "# X, polled\n")
	if got, want := run.settle(), []string{"sub/x.md"}; !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
	if notes := run.notesSoFar(); len(notes) != 1 {
		t.Errorf("notes %q, want one saying watching failed", notes)
	}
	if hasRescan(run.snapshot(), nil) {
		t.Error("a Rescan batch, though nothing was lost")
	}
}

// TestWatchFolderErrorsAreNotFailures checks an error of one folder's
// watch other than a limit skips that folder only, with a note.
func TestWatchFolderErrorsAreNotFailures(t *testing.T) {
	if !isWatchFailure(fmt.Errorf("add: %w", syscall.ENOSPC)) || isWatchFailure(fmt.Errorf("add: %w", syscall.EACCES)) {
		t.Fatal("ENOSPC must end watching, EACCES must not")
	}
	dir := t.TempDir()
	writeFixture(t, dir)
	denySub := func(fsw *fsnotify.Watcher, d string) error {
		if filepath.Base(d) == "deep" {
			return &os.PathError{Op: "inotify_add_watch", Path: d, Err: syscall.EACCES}
		}
		return fsw.Add(d)
	}
	run := startWatch(t, dir, WatchOptions{Quiet: testQuiet}, watchHooks{add: denySub})
	writeFile(t, dir, "sub/x.md", "# X, watched\n")
	if got, want := run.settle(), []string{"sub/x.md"}; !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
	if notes := run.notesSoFar(); len(notes) != 1 {
		t.Errorf("notes %q, want one naming the folder not watched", notes)
	}
	if errors.Is(syscall.EACCES, syscall.ENOSPC) {
		t.Fatal("unexpected errno identity")
	}
}

// floodReported counts the distinct flood files the batches reported.
func floodReported(batches []Batch) int {
	seen := map[string]bool{}
	for _, b := range batches {
		for _, p := range b.Paths {
			if strings.HasPrefix(p, "sub/flood-") {
				seen[p] = true
			}
		}
	}
	return len(seen)
}
