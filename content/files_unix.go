//go:build unix

package content

import (
	"errors"
	"os"
	"syscall"
)

// openNoFollow opens name for reading without following a symbolic link
// in its last element and without blocking on a FIFO or a device.
func openNoFollow(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
}

// isLinkRefusal reports the error openNoFollow gives for a symbolic link
// (ELOOP; EMLINK on FreeBSD, EFTYPE on NetBSD are not told apart here).
func isLinkRefusal(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}
