package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Where the index lives, below the KB root.
const (
	// StateDir is kb's folder of derived state in a KB (kb init's
	// .gitignore lists it).
	StateDir = ".kb"
	// IndexDir is the bleve index inside StateDir.
	IndexDir = "index.bleve"
	// LockFile is the lock of the index inside StateDir.
	LockFile = "index.lock"
)

// Option changes how Open works.
type Option func(*options)

type options struct {
	progress func(Progress)
	lockWait time.Duration
	stop     <-chan struct{}
}

// Progress tells how far an Update is: Done of Total documents to index
// or remove have been written.
type Progress struct {
	Done, Total int
}

// WithProgress has Update call fn after each batch of documents it writes.
func WithProgress(fn func(Progress)) Option {
	return func(o *options) { o.progress = fn }
}

// WithLockWait sets how long Open waits for another process to let the
// index go before it fails with a Locked error (default one second).
func WithLockWait(d time.Duration) Option {
	return func(o *options) { o.lockWait = d }
}

// WithStop has Update stop between two batches once stop is closed, with
// an *Error of kind Stopped: a long first build then ends within a batch
// when the program shuts down.
func WithStop(stop <-chan struct{}) Option {
	return func(o *options) { o.stop = stop }
}

// Index is kb's bleve index of one KB, open and locked for this process.
//
// Search may be called from several goroutines at once; Update and Close
// not concurrently with anything.
type Index struct {
	path  string // DIR/.kb/index.bleve
	opts  options
	lock  *indexLock
	bleve bleve.Index
	// hashes are the content hashes of the indexed documents, by path.
	hashes map[string]string
	// given are the documents of the last Update, and docs the same by
	// path: the text of snippets and the fields of hits.
	given []Document
	docs  map[string]*Document
	// mu is held for reading by every search, and for writing by a
	// search that rebuilds the index it found damaged; rebuilds counts
	// those rebuilds, so that searches that found the same damage at
	// once rebuild the index once.
	mu       sync.RWMutex
	rebuilds int
	// facets caches the values of each facet field as indexed, made by
	// the first search that needs them after an Update.
	facetMu sync.Mutex
	facets  map[string][]string
	// v is the snapshot searches read, made by the first search after
	// an Update (under viewMu).
	viewMu sync.Mutex
	v      atomic.Pointer[view]
	notes  []string
	// corrupt is set when the index files were found damaged in use.
	corrupt atomic.Bool
}

// Open opens the index of the KB rooted at dir, in dir/.kb/index.bleve,
// making it when missing. An index of another mapping version, or one
// that cannot be read whole (damaged, half written, not an index), is
// removed and made anew, and a note says so (see Notes). When another
// process has the index open, Open fails within the lock wait with an
// *Error of kind Locked.
func Open(dir string, opts ...Option) (*Index, error) {
	o := options{lockWait: defaultLockWait}
	for _, opt := range opts {
		opt(&o)
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	state := filepath.Join(dir, StateDir)
	if err := os.MkdirAll(state, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockIndex(filepath.Join(state, LockFile), o.lockWait)
	if err != nil {
		return nil, err
	}
	ix := &Index{path: filepath.Join(state, IndexDir), opts: o, lock: lock}
	if err := ix.open(); err != nil {
		lock.release()
		return nil, err
	}
	return ix, nil
}

// open opens the index files, or makes them when they are missing or
// cannot be used.
func (ix *Index) open() error {
	if _, err := os.Lstat(ix.path); errors.Is(err, os.ErrNotExist) {
		return ix.create()
	}
	bi, hashes, err := openChecked(ix.path)
	var stale *staleError
	switch {
	case err == nil:
		ix.bleve, ix.hashes = bi, hashes
		return nil
	case errors.As(err, &stale):
		return ix.rebuild(stale.Error())
	case errors.Is(err, bolterrors.ErrTimeout):
		return &Error{Kind: Locked, Path: ix.path, Detail: "the search index is held by another program", Err: err}
	}
	return ix.rebuild(fmt.Sprintf("the search index could not be read (%v)", err))
}

// rebuild removes the index files and makes an empty index, noting why.
func (ix *Index) rebuild(why string) error {
	ix.closeBleve()
	ix.notes = append(ix.notes, why+"; rebuilding it")
	if err := os.RemoveAll(ix.path); err != nil {
		return fmt.Errorf("removing the search index: %w", err)
	}
	ix.corrupt.Store(false)
	return ix.create()
}

// create makes a new, empty index, stamped with the mapping version.
func (ix *Index) create() error {
	bi, err := bleve.NewUsing(ix.path, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("creating the search index: %w", err)
	}
	if err := bi.SetInternal([]byte(versionKey), []byte(versionStamp())); err != nil {
		bi.Close()
		return fmt.Errorf("creating the search index: %w", err)
	}
	ix.bleve, ix.hashes = bi, map[string]string{}
	return nil
}

// Notes returns one line for each thing Open or Update did that the user
// should know, such as an index rebuilt because it was damaged or of
// another mapping version.
func (ix *Index) Notes() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return append([]string(nil), ix.notes...)
}

// Close closes the index and lets another process have it. An index found
// damaged while in use is removed, so that the next Open builds it anew.
func (ix *Index) Close() error {
	if ix.lock == nil {
		return nil
	}
	err := ix.closeBleve()
	if ix.corrupt.Load() {
		if rerr := os.RemoveAll(ix.path); rerr != nil && err == nil {
			err = rerr
		}
	}
	ix.lock.release()
	ix.lock = nil
	return err
}

// closeBleve closes the bleve index, if open; a panic of a damaged index
// while closing is an error.
func (ix *Index) closeBleve() (err error) {
	if ix.bleve == nil {
		return nil
	}
	ix.dropView()
	bi := ix.bleve
	ix.bleve = nil
	defer func() {
		if r := recover(); r != nil {
			ix.corrupt.Store(true)
			err = &Error{Kind: Corrupt, Path: ix.path, Detail: fmt.Sprintf("closing the search index: %v", r)}
		}
	}()
	return bi.Close()
}
