package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kb-tools/kb/templates"
)

func initCommand() *command {
	var date *string
	return &command{
		name:     "init",
		examples: []string{"kb init", "kb init kb", "kb init --date 2026-11-21 kb"},
		args:     "[DIR]",
		summary:  "scaffold a new KB in DIR (default .): kb.yaml, folders, a sample postmortem and runbook, .gitignore, a CI workflow",
		flags: func(fs *flag.FlagSet) {
			date = fs.String("date", "", "date the samples from `YYYY-MM-DD` (default today), so that they lint clean that day")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			_, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 1 {
				return c.usageError(stderr, "takes at most one folder, got %d arguments", len(pos))
			}
			today := time.Now().UTC()
			if *date != "" {
				t, err := time.Parse("2006-01-02", *date)
				if err != nil {
					return c.usageError(stderr, "--date %q is not YYYY-MM-DD", *date)
				}
				today = t
			}
			dir := "."
			if len(pos) == 1 {
				dir = pos[0]
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return c.fail(stderr, err)
			}
			written, skipped, err := templates.WriteSkeleton(dir, today)
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
