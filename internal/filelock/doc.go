// Package filelock takes an exclusive lock on a lock file, with flock(2) on
// Unix and LockFileEx on Windows: the lock beside a build's output and the
// lock of the search index.
package filelock
