package main

import (
	"bufio"
	"flag"
	"io"
	"os"
	"strings"
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

// colourModes are the values of --color.
var colourModes = []string{"auto", "always", "never"}

// colourFlag declares --color on fs.
func colourFlag(fs *flag.FlagSet) *string {
	return fs.String("color", "auto", "colour the output: `WHEN` is auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never")
}

// colourEnv is what the colour decision reads of the output and the
// environment.
type colourEnv struct {
	terminal bool
	noColor  string // $NO_COLOR
	term     string // $TERM
}

// decideColour says whether to colour the output for a --color mode: always
// and never say so, auto colours a terminal when NO_COLOR is unset or
// empty and TERM is not "dumb". ok is false for an unknown mode.
func decideColour(mode string, env colourEnv) (colour, ok bool) {
	switch mode {
	case "always":
		return true, true
	case "never":
		return false, true
	case "auto":
		return env.terminal && env.noColor == "" && env.term != "dumb", true
	}
	return false, false
}

// colourFor decides, for a --color mode, whether output to w is coloured;
// a command reports ok false as a usage error (see badColour).
func colourFor(mode string, w io.Writer) (colour, ok bool) {
	return decideColour(mode, colourEnv{terminal: isTerminal(w), noColor: os.Getenv("NO_COLOR"), term: os.Getenv("TERM")})
}

// badColour reports an unknown --color value and returns exitUsage.
func (c *command) badColour(stderr io.Writer, mode string) int {
	return c.usageError(stderr, "unknown --color %q: use one of %s", mode, strings.Join(colourModes, ", "))
}
