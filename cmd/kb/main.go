// Command kb turns a git repository of markdown postmortems and runbooks
// into a linted, indexed, searchable static knowledge base.
package main

import (
	"bufio"
	"os"
)

func main() {
	// Standard output is buffered: kb lint can print thousands of findings.
	stdout := terminalWriter{bufio.NewWriterSize(os.Stdout, 64<<10), fileIsTerminal(os.Stdout)}
	code := run(os.Args[1:], stdout, os.Stderr)
	if err := stdout.Flush(); err != nil && code == exitOK {
		code = exitUsage
	}
	os.Exit(code)
}
