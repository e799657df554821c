//go:build !unix

package content

import (
	"errors"
	"io/fs"
	"os"
)

var errIsLink = errors.New("the last element is a symbolic link")

// openNoFollow opens name for reading unless its last element is a
// symbolic link. Where kb cannot ask the system for both at once, it looks
// first.
func openNoFollow(name string) (*os.File, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, errIsLink
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file")}
	}
	return os.Open(name)
}

// isLinkRefusal reports the error openNoFollow gives for a symbolic link.
func isLinkRefusal(err error) bool { return errors.Is(err, errIsLink) }
