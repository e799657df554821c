package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kb-tools/kb/lint"
)

func lintCommand() *command {
	var dir, format, today, changedFrom *string
	return &command{
		name:    "lint",
		args:    "[FILE...]",
		summary: "check blameless language, action items, structure, timelines, runbook freshness, links and privacy",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			format = fs.String("format", "text", "output `FORMAT`: "+strings.Join(lint.Formats, ", "))
			today = fs.String("today", "", "judge overdue and stale dates against `YYYY-MM-DD` (default today)")
			changedFrom = fs.String("changed-from", "", "report only findings on lines changed since git `REF`")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, files, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if !contains(lint.Formats, *format) {
				return c.usageError(stderr, "unknown --format %q: use one of %s", *format, strings.Join(lint.Formats, ", "))
			}
			for _, f := range files {
				if _, err := os.Stat(f); err != nil {
					return c.errorLine(stderr, "%s: no such file to lint", f)
				}
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			*dir = root
			tuneGC(400, 256<<20, 1.7)
			opts := lint.Options{Files: files}
			if *today != "" {
				t, err := time.Parse("2006-01-02", *today)
				if err != nil {
					return c.usageError(stderr, "--today %q is not YYYY-MM-DD", *today)
				}
				opts.Today = t
			}
			if *changedFrom != "" {
				changed, err := lint.ChangedSince(*dir, *changedFrom)
				var bad *lint.RefError
				var noGit *lint.GitUnavailableError
				if errors.As(err, &bad) || errors.As(err, &noGit) {
					return c.errorLine(stderr, "--changed-from %v", err)
				}
				if err != nil {
					return c.fail(stderr, err)
				}
				opts.Changed = changed
			}
			res, err := lint.Run(*dir, opts)
			if err != nil {
				return c.fail(stderr, err)
			}
			for i := range res.Diagnostics {
				res.Diagnostics[i].Pos.File = displayPath(*dir, res.Diagnostics[i].Pos.File)
			}
			if err := lint.Write(stdout, *format, res, lint.Rules()); err != nil {
				return c.fail(stderr, err)
			}
			if res.Docs == 0 {
				return c.errorLine(stderr, "no documents to lint in %s: kb reads the *.md and *.markdown files below it (kb.yaml ignore: leaves some out); --dir names the KB root", *dir)
			}
			c.noteFound(stderr, res.Kinds)
			if *format == "github" {
				if err := appendStepSummary(res); err != nil {
					fmt.Fprintf(stderr, "kb lint: writing the step summary: %v\n", err)
				}
			}
			if res.Count(lint.Error) > 0 {
				return exitFailed
			}
			return exitOK
		},
	}
}

// displayPath shows a KB-relative path relative to the working folder.
func displayPath(dir, file string) string {
	if dir == "." || dir == "" {
		return file
	}
	return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(file)))
}

// appendStepSummary adds a findings table to $GITHUB_STEP_SUMMARY, when set.
func appendStepSummary(res *lint.Result) error {
	p := os.Getenv("GITHUB_STEP_SUMMARY")
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := lint.WriteStepSummary(f, res); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
