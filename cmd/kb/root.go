package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/kb-tools/kb/content"
)

// kbRoot returns the KB root a command works on: --dir when it was given,
// else the nearest folder at or above the working folder that holds
// kb.yaml (looked for as git looks for .git, up to the repository's top),
// else the working folder. A root found above is named on stderr.
func (c *command) kbRoot(fs *flag.FlagSet, dir string, stderr io.Writer) (string, error) {
	if flagGiven(fs, "dir") {
		return dir, nil
	}
	found, err := content.FindRoot(dir)
	if err != nil {
		return "", err
	}
	if found.Stop != content.RootConfig {
		return dir, nil
	}
	if found.Dir != dir {
		fmt.Fprintf(stderr, "kb %s: using the KB at %s (its %s; --dir to choose another)\n", c.name, found.Dir, content.ConfigFile)
	}
	return found.Dir, nil
}

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// errorLine reports a usage error of a command in one line and returns
// exitUsage.
func (c *command) errorLine(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "kb %s: %s\n", c.name, fmt.Sprintf(format, args...))
	return exitUsage
}

// noteFound says on stderr what kinds of documents kb found, when it
// guessed some (see content.KindCounts.Found).
func (c *command) noteFound(stderr io.Writer, counts content.KindCounts) {
	if found := counts.Found(); found != "" {
		fmt.Fprintf(stderr, "kb %s: found %s\n", c.name, found)
	}
}
