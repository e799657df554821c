//go:build (!unix && !windows) || aix

package index

import "os"

// openLockFile opens (making it when missing) the lock file.
func openLockFile(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
}

// tryLock cannot lock on this system (no flock or LockFileEx): two
// processes are kept apart only by bleve's own lock there, which waits for
// at most the bolt timeout of Open.
func tryLock(*os.File) (bool, error) { return true, nil }
