//go:build !linux && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd && !windows

package main

import "os"

// fileIsTerminal cannot tell a terminal on this system: kb prints no
// colour or progress there.
func fileIsTerminal(*os.File) bool { return false }
