package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kb-tools/kb/templates"
)

func initCommand() *command {
	return &command{
		name:    "init",
		args:    "[DIR]",
		summary: "scaffold a new KB in DIR (default .): kb.yaml, folders, a sample postmortem and runbook, .gitignore, a CI workflow",
		flags:   func(*flag.FlagSet) {},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			_, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 1 {
				return c.usageError(stderr, "takes at most one folder, got %d arguments", len(pos))
			}
			dir := "."
			if len(pos) == 1 {
				dir = pos[0]
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return c.fail(stderr, err)
			}
			written, skipped, err := templates.WriteSkeleton(dir)
			if err != nil {
				return c.fail(stderr, err)
			}
			for _, p := range written {
				fmt.Fprintf(stdout, "created %s\n", p)
			}
			for _, p := range skipped {
				fmt.Fprintf(stdout, "kept    %s (exists already)\n", p)
			}
			fmt.Fprintf(stdout, "\nNext: kb new --dir %s postmortem \"What happened\", then kb build --dir %s\n", dir, dir)
			return exitOK
		},
	}
}
