package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/kb-tools/kb/content"
)

// Batch is a group of changes to the KB's files, reported together.
type Batch struct {
	// Paths are the KB-relative slash paths of files whose content changed,
	// that appeared or that went away, sorted and unique; only files whose
	// content hash differs from the last one seen (or which appeared or
	// went away).
	Paths []string
	// Rescan says events may have been lost (inotify overflow, a watch that
	// could not be added): the caller reloads the whole KB. Paths may then
	// be empty.
	Rescan bool
}

// WatchOptions tune a Watcher; the zero value watches with fsnotify and
// the default delays.
type WatchOptions struct {
	// Quiet groups events until this long after the last one (default
	// 20ms: an editor's save, a rename over the file included, comes in
	// a few milliseconds). The group is the KB's, not a path's: a save of
	// several files, or a checkout, comes in one batch.
	Quiet time.Duration
	// MaxDelay bounds the grouping: a batch is handed on at most this
	// long after its first event, even while events go on (default
	// 250ms).
	MaxDelay time.Duration
	// Poll is the interval of the polling that replaces fsnotify where
	// watching fails (default 1s).
	Poll time.Duration
	// ForcePoll polls the tree from the start instead of using fsnotify.
	ForcePoll bool
	// Ignore leaves out more paths (slash, KB-relative; dir says whether
	// rel is a folder), such as the KB's output folder; it is called from
	// one goroutine at a time. Hidden files and folders (.git, .kb),
	// editors' temporary files and the top-level node_modules and vendor
	// folders are always left out.
	Ignore func(rel string, dir bool) bool
}

// The default delays of WatchOptions.
const (
	DefaultQuiet    = 20 * time.Millisecond
	DefaultMaxDelay = 250 * time.Millisecond
	DefaultPoll     = time.Second
)

// hashLimit is the largest file whose content the watcher hashes, above
// every size limit kb reads files with by default: a larger file is one
// that cannot be read, reported as changed whenever it has an event.
const hashLimit = 64 << 20

// Watcher reports the changes to a KB's files in batches. It watches
// every folder of the KB with fsnotify, and polls the tree where watching
// fails. A change is reported only when the file's content hash differs
// from the one seen before, so a save of the same bytes or a touch is
// not.
//
// The first hashes are taken in the background after NewWatcher returns,
// and a change made meanwhile is neither missed nor made up: the walk
// keeps each file's stat (size, time of change, inode) until the file is
// hashed. A file hashed while its stat is still the walk's gets that
// hash; one whose stat changed since has none to compare with, and its
// next event reports it. An event that comes before a file's first hash
// reports it when its stat is no longer the walk's (an edit, or a touch,
// reported then though its bytes are the same), not when it is (a
// chmod). A rewrite of the same size within the file system's clock tick
// of the file's previous change, just as the walk looked at it, is the
// one change this cannot tell.
type Watcher struct {
	files *content.Files
	opts  WatchOptions
	// root is the KB's absolute path with its links resolved, which the
	// walks and fsnotify's event names start with.
	root    string
	batches chan Batch
	notes   chan string
	handoff *handoff
	hooks   watchHooks
	done    chan struct{}
	// hashed is closed once the files found at the start are all hashed.
	hashed    chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// watchHooks let tests reach what a real system rarely does: a watch that
// cannot be added, an error of fsnotify's.
type watchHooks struct {
	// add adds the watch of a folder; nil means fsw.Add.
	add func(fsw *fsnotify.Watcher, dir string) error
	// errs are taken by the event loop as errors of fsnotify's.
	errs chan error
	// hold pauses the event loop from a value sent until the next one, so
	// that events pile up in the kernel's queue.
	hold chan struct{}
}

// NewWatcher walks the KB read by files, watching each of its folders, and
// returns once the walk is done; the files' first hashes are taken in the
// background. Every change after the walk is reported, so a caller starts
// the watcher before it reads the KB. Where fsnotify cannot watch (or
// with ForcePoll) the watcher polls the tree, and says so in a note when
// it was not asked to.
func NewWatcher(files *content.Files, opts WatchOptions) (*Watcher, error) {
	return newWatcher(files, opts, watchHooks{})
}

func newWatcher(files *content.Files, opts WatchOptions, hooks watchHooks) (*Watcher, error) {
	root, err := realRoot(files.Root())
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		files:   files,
		opts:    withDefaults(opts),
		root:    root,
		batches: make(chan Batch),
		notes:   make(chan string, 16),
		handoff: newHandoff(),
		hooks:   hooks,
		done:    make(chan struct{}),
		hashed:  make(chan struct{}),
	}
	loop, start, err := w.start()
	if err != nil {
		return nil, err
	}
	rep := newReporter(w, start)
	w.wg.Go(rep.run)
	w.wg.Go(func() { w.watch(loop, start) })
	return w, nil
}

// start walks the KB, watching its folders with fsnotify unless the
// options say to poll or watching fails; loop is nil when polling.
func (w *Watcher) start() (*eventLoop, tree, error) {
	if !w.opts.ForcePoll {
		loop, err := newEventLoop(w)
		if err == nil {
			t, werr := w.walk(".", loop.watchDir)
			if werr == nil {
				return loop, t, nil
			}
			loop.close()
			if !isWatchFailure(werr) {
				return nil, tree{}, werr
			}
			err = werr
		}
		w.notePolling(err)
	}
	t, err := w.walk(".", nil)
	return nil, t, err
}

// watch runs the event loop until the watcher is closed or watching
// fails, then polls.
func (w *Watcher) watch(loop *eventLoop, start tree) {
	if loop != nil {
		err := loop.run()
		if cerr := loop.close(); err == nil {
			w.closeErr = cerr
			return
		}
		w.notePolling(err)
		if start, err = w.walk(".", nil); err != nil {
			w.note(fmt.Sprintf("cannot read the KB folder: %v", err))
		}
		w.handoff.put(nil, &start)
	}
	w.poll(start.keys())
}

// notePolling says that watching failed and polling replaces it.
func (w *Watcher) notePolling(err error) {
	w.note(fmt.Sprintf("watching the KB's files failed (%v); polling every %v instead", err, w.opts.Poll))
}

// Batches returns the channel of the changes found, closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Notes returns one-line notes for the user, such as "watching failed;
// polling every 1s". It is closed by Close; notes nobody reads are
// dropped once a few are waiting.
func (w *Watcher) Notes() <-chan string { return w.notes }

// note sends a note without waiting for a reader.
func (w *Watcher) note(msg string) {
	select {
	case w.notes <- msg:
	default:
	}
}

// Close stops the watcher's goroutines, then closes Batches and Notes.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		w.wg.Wait()
		close(w.batches)
		close(w.notes)
	})
	return w.closeErr
}

// withDefaults fills the options left zero.
func withDefaults(o WatchOptions) WatchOptions {
	if o.Quiet <= 0 {
		o.Quiet = DefaultQuiet
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = DefaultMaxDelay
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	return o
}

// realRoot returns the absolute path of dir with its links resolved,
// checking that it is a folder.
func realRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", &os.PathError{Op: "watch", Path: dir, Err: errNotFolder}
	}
	return real, nil
}
