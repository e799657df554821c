//go:build !unix

package serve

import "os"

// readFlags open a file for reading.
const readFlags = os.O_RDONLY

// processAlive reports whether the process pid exists, as far as the
// system tells: where it cannot, the connection to the server decides.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
