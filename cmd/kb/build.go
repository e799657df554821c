package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/site"
)

func buildCommand() *command {
	var dir, out, baseURL *string
	var noWait *bool
	alertRules := &listFlag{}
	return &command{
		name:     "build",
		examples: []string{"kb build", "kb build --dir kb --out public --base-url https://kb.example.com/", "kb build --no-wait"},
		summary:  "render the KB into a static site (written atomically: a failed build keeps the previous one)",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			out = fs.String("out", "", "the output `DIR` (default DIR/public)")
			baseURL = fs.String("base-url", "", "the `URL` the site is served from (default kb.yaml's base_url)")
			fs.Var(alertRules, "alert-rules", "give the alerts of the Prometheus rule files `GLOB` names (a file, a folder, * and **; repeatable) their pages under /alerts/, beside kb.yaml's alert_rules:")
			noWait = fs.Bool("no-wait", false, "fail at once (exit 2) when another build of the same output is running, instead of waiting for it")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				return c.usageError(stderr, "takes no arguments; use --dir for the KB root")
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			*dir = root
			ruleFiles, err := expandRuleGlobs(alertRules.values)
			if err != nil {
				return c.usageError(stderr, "--alert-rules %v", err)
			}
			tuneGC(400, 560<<20, 1.7)
			start := time.Now()
			kb, err := content.Load(*dir, content.WithAlertRules(ruleFiles))
			if err != nil {
				return c.fail(stderr, err)
			}
			for _, e := range kb.Errors {
				fmt.Fprintln(stderr, e.Excerpt())
			}
			if kb.Alerts != nil {
				for _, e := range kb.Alerts.Errors {
					fmt.Fprintln(stderr, e.Pos.String()+": "+e.Msg)
				}
			}
			c.noteFound(stderr, content.CountKinds(kb.Docs))
			target := *out
			if target == "" {
				target = filepath.Join(*dir, "public")
			}
			res, err := site.Build(kb, site.Options{Out: target, DefaultOut: *out == "", BaseURL: *baseURL, NoWait: *noWait, OnWait: func() {
				fmt.Fprintf(stderr, "kb build: waiting for another build of %s to finish (--no-wait to fail at once)\n", target)
			}})
			var oe *site.OutputError
			if errors.As(err, &oe) && oe.Kind == site.OutputBusy {
				return c.fail(stderr, err) // exit 2: nothing was built, nothing is wrong with the KB
			}
			if err != nil {
				fmt.Fprintf(stderr, "kb build: %v\nThe previous output, if any, is unchanged.\n", err)
				return exitFailed
			}
			for _, note := range res.Notes {
				fmt.Fprintln(stderr, "kb build: "+note)
			}
			fmt.Fprintf(stdout, "built %d documents into %d pages in %s", res.Docs, res.Pages, time.Since(start).Round(time.Millisecond))
			if n := len(kb.Errors); n > 0 {
				fmt.Fprintf(stdout, "; %d content problems (listed above)", n)
			}
			fmt.Fprintf(stdout, "\nopen %s\n", filepath.Join(target, "index.html"))
			return exitOK
		},
	}
}
