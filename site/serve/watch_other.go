//go:build !unix

package serve

import "io/fs"

// inode is 0 where the system's stat has no inode number kb reads.
func inode(fs.FileInfo) uint64 { return 0 }
