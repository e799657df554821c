//go:build unix

package serve

import (
	"errors"
	"os"
	"syscall"
)

// readFlags open a file for reading without waiting on a FIFO or a device.
const readFlags = os.O_RDONLY | syscall.O_NONBLOCK

// processAlive reports whether the process pid exists: signal 0 is
// delivered to nothing, but says whether it could be (EPERM: it exists,
// run by another user).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
