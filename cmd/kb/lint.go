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

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
)

func lintCommand() *command {
	var dir, format, today, changedFrom, colourMode *string
	alertRules := &listFlag{}
	return &command{
		name:     "lint",
		examples: []string{"kb lint", "kb lint --dir kb postmortems/2026-10-01-db-disk-full.md", "kb lint --format github --changed-from origin/main", "kb lint --color always | less -R"},
		args:     "[FILE...]",
		summary:  "check blameless language, action items, structure, timelines, runbook freshness, links and privacy",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			format = fs.String("format", "text", "output `FORMAT`: "+strings.Join(lint.Formats, ", "))
			today = fs.String("today", "", "judge overdue and stale dates against `YYYY-MM-DD` (default today)")
			changedFrom = fs.String("changed-from", "", "report only findings on lines changed since git `REF`")
			fs.Var(alertRules, "alert-rules", "check the alerts of the Prometheus rule files `GLOB` names (a file, a folder, * and **; repeatable) against the runbooks, beside kb.yaml's alert_rules:")
			colourMode = colourFlag(fs)
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, files, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if !contains(lint.Formats, *format) {
				return c.usageError(stderr, "unknown --format %q: use one of %s", *format, strings.Join(lint.Formats, ", "))
			}
			colour, ok := colourFor(*colourMode, stdout)
			if !ok {
				return c.badColour(stderr, *colourMode)
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			*dir = root
			for i, f := range files {
				p, problem := fileInKB(root, f)
				if problem != "" {
					return c.errorLine(stderr, "%s: %s", f, problem)
				}
				files[i] = p
			}
			ruleFiles, err := expandRuleGlobs(alertRules.values)
			if err != nil {
				return c.usageError(stderr, "--alert-rules %v", err)
			}
			tuneGC(400, 256<<20, 1.7)
			opts := lint.Options{Files: files, AlertRules: ruleFiles}
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
				recurrences := &indexRecurrences{dir: *dir, stderr: stderr}
				defer recurrences.Close()
				opts.Recurrences = recurrences
			}
			res, err := lint.Run(*dir, opts)
			if err != nil {
				return c.fail(stderr, err)
			}
			for i := range res.Diagnostics {
				res.Diagnostics[i].Pos.File = displayPath(*dir, res.Diagnostics[i].Pos.File)
			}
			if res.Docs == 0 {
				if *format == "json" || *format == "sarif" || *format == "gitlab" {
					// A machine reads stdout: it stays a document of its format.
					if err := lint.Write(stdout, *format, res, lint.Rules()); err != nil {
						return c.fail(stderr, err)
					}
				}
				return c.errorLine(stderr, "no documents to lint in %s: kb reads the *.md and *.markdown files below it (kb.yaml ignore: leaves some out); --dir names the KB root", *dir)
			}
			if err := lint.Write(stdout, *format, res, lint.Rules(), lint.WithColour(colour)); err != nil {
				return c.fail(stderr, err)
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

// expandRuleGlobs lists the rule files the --alert-rules arguments name.
func expandRuleGlobs(globs []string) ([]string, error) {
	var out []string
	for _, g := range globs {
		paths, err := content.ExpandRuleGlob(g)
		if err != nil {
			return nil, err
		}
		out = append(out, paths...)
	}
	return out, nil
}

// fileInKB finds a document named on the command line: a path from the
// working folder, else from the KB root. It returns the path to give
// lint, or what is wrong with it: missing, a folder, or outside the KB.
func fileInKB(root, f string) (string, string) {
	p := f
	info, err := os.Stat(p)
	if err != nil && !filepath.IsAbs(f) {
		p = filepath.Join(root, f)
		info, err = os.Stat(p)
	}
	switch {
	case err != nil:
		return "", "no such file to lint"
	case info.IsDir():
		return "", "is a folder: kb lint FILE takes documents (--dir names the KB root)"
	}
	absRoot, err1 := filepath.Abs(root)
	absFile, err2 := filepath.Abs(p)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(absRoot, absFile); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", "is not in the KB at " + root
		}
	}
	return p, ""
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
