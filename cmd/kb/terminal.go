package main

import (
	"bufio"
	"io"
	"os"
)

// terminalWriter is kb's buffered standard output, which knows whether it
// writes to a terminal (colour and progress are for terminals only).
type terminalWriter struct {
	*bufio.Writer
	terminal bool
}

// Terminal reports whether the output is a terminal.
func (w terminalWriter) Terminal() bool { return w.terminal }

// isTerminal reports whether w writes to a terminal: an *os.File that is
// one, or a writer that says so (kb's buffered standard output).
func isTerminal(w io.Writer) bool {
	switch w := w.(type) {
	case interface{ Terminal() bool }:
		return w.Terminal()
	case *os.File:
		return fileIsTerminal(w)
	}
	return false
}

// useColour reports whether output to w may be coloured: w is a terminal,
// NO_COLOR is unset or empty, and TERM is not "dumb".
func useColour(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}
