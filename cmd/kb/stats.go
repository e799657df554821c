package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/site"
)

func statsCommand() *command {
	var dir, since, until, by, format, today *string
	return &command{
		name: "stats",
		examples: []string{"kb stats", "kb stats --since 2026-01-01 --by quarter", "kb stats --by service --format csv > services.csv",
			"kb stats --format json | jq .total.time_to_resolve"},
		summary: "incident counts, time to detect, contain and resolve, blast radius, action items and runbook freshness, as the trends page has them",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			since = fs.String("since", "", "count incidents dated on or after `YYYY-MM-DD`")
			until = fs.String("until", "", "count incidents dated on or before `YYYY-MM-DD`")
			by = fs.String("by", "", "group the figures by `GROUPING`: "+strings.Join(site.StatsGroupings, ", ")+" (several with commas)")
			format = fs.String("format", "table", "output `FORMAT`: "+strings.Join(site.StatsFormats, ", "))
			today = fs.String("today", "", "judge overdue items and stale runbooks against `YYYY-MM-DD` (default today)")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				return c.usageError(stderr, "takes no arguments; use --dir for the KB root")
			}
			if !contains(site.StatsFormats, *format) {
				return c.usageError(stderr, "unknown --format %q: use one of %s", *format, strings.Join(site.StatsFormats, ", "))
			}
			opts := site.StatsOptions{}
			for _, d := range []struct {
				name, value string
				into        *time.Time
			}{{"since", *since, &opts.Since}, {"until", *until, &opts.Until}, {"today", *today, &opts.Today}} {
				if d.value == "" {
					continue
				}
				t, err := time.Parse(time.DateOnly, d.value)
				if err != nil {
					return c.usageError(stderr, "--%s %q is not YYYY-MM-DD", d.name, d.value)
				}
				*d.into = t
			}
			if !opts.Since.IsZero() && !opts.Until.IsZero() && opts.Until.Before(opts.Since) {
				return c.usageError(stderr, "--until %s is before --since %s", *until, *since)
			}
			for _, g := range strings.Split(*by, ",") {
				if g = strings.TrimSpace(g); g == "" {
					continue
				}
				if !contains(site.StatsGroupings, g) {
					return c.usageError(stderr, "unknown --by %q: use one of %s", g, strings.Join(site.StatsGroupings, ", "))
				}
				opts.By = append(opts.By, g)
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			kb, err := content.Load(root)
			if err != nil {
				return c.fail(stderr, err)
			}
			for _, e := range kb.Errors {
				fmt.Fprintln(stderr, e.Excerpt())
			}
			c.noteFound(stderr, content.CountKinds(kb.Docs))
			if err := site.WriteStats(stdout, *format, site.ComputeStats(kb, opts)); err != nil {
				return c.fail(stderr, err)
			}
			return exitOK
		},
	}
}
