package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes shared by every command.
const (
	exitOK      = 0
	exitFailed  = 1 // findings at error level, or a failed build
	exitUsage   = 2 // usage or runtime error
	programName = "kb"
)

// command is one kb subcommand.
type command struct {
	name    string
	args    string // the synopsis after the flags
	summary string
	// help, when set, says more than the summary in the command's --help.
	help string
	// examples are command lines that --help shows last; a test parses
	// each with the command's flags.
	examples []string
	// run parses args and does the work; it returns an exit code.
	run func(c *command, args []string, stdout, stderr io.Writer) int
	// flags declares the command's flags on fs.
	flags func(fs *flag.FlagSet)
}

func commands() []*command {
	return []*command{initCommand(), newCommand(), lintCommand(), buildCommand(), serveCommand(), searchCommand(), statsCommand(), schemaCommand(), versionCommand()}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "kb turns a repository of markdown postmortems and runbooks into a static knowledge base.\n\nUsage:\n  kb COMMAND [flags] [args]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'kb COMMAND --help' for a command's flags.\nExit codes: 0 ok, 1 findings at error level or a failed build, 2 usage or runtime error.\n")
	writeExamples(w, topExamples)
}

// topExamples are the examples of kb --help: a KB from its start.
var topExamples = []string{
	"kb init kb",
	"kb lint --dir kb",
	"kb serve --dir kb --open",
	"kb search --dir kb disk full",
}

// writeExamples closes a usage text with its examples, if any.
func writeExamples(w io.Writer, examples []string) {
	if len(examples) == 0 {
		return
	}
	fmt.Fprintf(w, "\nExamples:\n")
	for _, e := range examples {
		fmt.Fprintf(w, "  %s\n", e)
	}
}

// run dispatches to a subcommand and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help", "help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(c, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "kb: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

// parse parses flags that may stand before, between or after the
// positional arguments, and returns the positional ones. ok is false when
// the command should stop, with code as its exit status (--help or a bad
// flag).
func (c *command) parse(args []string, stdout, stderr io.Writer) (fs *flag.FlagSet, pos []string, code int, ok bool) {
	fs = flag.NewFlagSet(programName+" "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		c.flags(fs)
	}
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.usage(fs, stdout)
			return nil, nil, exitOK, false
		}
		if err != nil {
			fmt.Fprintf(stderr, "kb %s: %v\n\n", c.name, err)
			c.usage(fs, stderr)
			return nil, nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return fs, pos, exitOK, true
		}
		if rest[0] == "--" {
			return fs, append(pos, rest[1:]...), exitOK, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (c *command) usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "Usage: kb %s [flags] %s\n\n%s\n", c.name, c.args, c.summary)
	if c.help != "" {
		fmt.Fprintf(w, "\n%s\n", c.help)
	}
	var flags strings.Builder
	fs.SetOutput(&flags)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
	}
	writeExamples(w, c.examples)
}

// usageError reports a usage problem of a command and returns exitUsage.
func (c *command) usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "kb %s: %s\nRun 'kb %s --help' for usage.\n", c.name, fmt.Sprintf(format, args...), c.name)
	return exitUsage
}

// fail reports a runtime error of a command and returns exitUsage.
func (c *command) fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "kb %s: %v\n", c.name, err)
	return exitUsage
}
