//go:build linux

package site

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// exchange swaps the names a and b in one step (renameat2 with
// RENAME_EXCHANGE), so that a crash leaves one or the other, never
// neither. Where the kernel or the file system cannot, it returns an error
// that wraps errNoExchange.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	for _, unsupported := range []error{unix.EINVAL, unix.ENOSYS, unix.EXDEV, unix.ENOTSUP, unix.EOPNOTSUPP, unix.EPERM} {
		if errors.Is(err, unsupported) {
			return fmt.Errorf("%w: %w", errNoExchange, err)
		}
	}
	return err
}
