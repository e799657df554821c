package index

import (
	"fmt"
	"os"
	"time"

	"github.com/kb-tools/kb/internal/filelock"
)

// defaultLockWait is how long Open waits for another process to let the
// index go before it fails with a Locked error.
const defaultLockWait = time.Second

// lockRetry is how often Open tries the lock again while it waits.
const lockRetry = 20 * time.Millisecond

// indexLock is the advisory lock on DIR/.kb/index.lock, held from Open to
// Close so that two processes never use one index at once. bleve's own
// lock (bolt's, on root.bolt) would make the second wait without end; this
// one is tried for a short while and then refused. The operating system
// drops it when the process ends, however it ends.
type indexLock struct {
	f *os.File
}

// lockIndex takes the lock in file p, waiting at most wait for another
// holder to let it go.
func lockIndex(p string, wait time.Duration) (*indexLock, error) {
	f, err := filelock.Open(p)
	if err != nil {
		return nil, fmt.Errorf("opening the index lock: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		ok, err := filelock.TryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", p, err)
		}
		if ok {
			return &indexLock{f: f}, nil
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, &Error{Kind: Locked, Path: p, Detail: "the search index is in use by another kb process; try again when it has finished"}
		}
		time.Sleep(lockRetry)
	}
}

// release lets the next process have the index.
func (l *indexLock) release() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}
