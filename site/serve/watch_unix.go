//go:build unix

package serve

import (
	"io/fs"
	"syscall"
)

// inode returns the inode number of a file's information, so that a file
// renamed over another is told from it even with the same size and time.
func inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
