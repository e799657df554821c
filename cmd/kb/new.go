package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/templates"
)

func newCommand() *command {
	var dir, date, owner *string
	services := &listFlag{}
	return &command{
		name:     "new",
		examples: []string{"kb new postmortem \"Checkout down: payments DB disk full\"", "kb new --service payments --owner team-payments runbook \"Payments DB disk full\"", "kb new --dir kb --date 2026-11-20 postmortem \"Login errors after the deploy\""},
		args:     "postmortem|runbook TITLE",
		summary:  "create a document from its archetype and print its path; never overwrites",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			date = fs.String("date", "", "the document's date, `YYYY-MM-DD` (default today)")
			fs.Var(services, "service", "a `SERVICE` the document is about; repeat or separate by commas for several")
			owner = fs.String("owner", "", "the `TEAM` that owns a runbook")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) < 2 {
				return c.usageError(stderr, "needs a kind (postmortem or runbook) and a title")
			}
			kind := content.Kind(pos[0])
			if kind != content.KindPostmortem && kind != content.KindRunbook {
				return c.usageError(stderr, "unknown kind %q: use postmortem or runbook", pos[0])
			}
			day := time.Now().UTC()
			if *date != "" {
				t, err := time.Parse("2006-01-02", *date)
				if err != nil {
					return c.usageError(stderr, "--date %q is not YYYY-MM-DD", *date)
				}
				day = t
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			*dir = root
			files, err := content.OpenFiles(*dir)
			if err != nil {
				return c.fail(stderr, err)
			}
			cfg, cfgErrs := files.LoadConfig()
			for _, e := range cfgErrs {
				fmt.Fprintln(stderr, e.Excerpt())
			}
			arch, err := templates.Read(files.Templates, "archetypes/"+string(kind)+".md")
			if err != nil {
				return c.fail(stderr, err)
			}
			rel, err := content.Create(*dir, &cfg, content.NewDoc{
				Kind: kind, Title: strings.Join(pos[1:], " "), Date: day,
				Services: services.values, Owner: *owner,
				Archetype: arch.Data, ArchetypeName: arch.Path,
			})
			var bad *content.TitleError
			if errors.As(err, &bad) {
				return c.usageError(stderr, "%v", bad)
			}
			if err != nil {
				return c.fail(stderr, err)
			}
			fmt.Fprintln(stdout, filepath.Join(*dir, filepath.FromSlash(rel)))
			if missing := missingFields(kind, services.values, *owner); missing != "" {
				fmt.Fprintf(stderr, "kb new: fill in %s in its front matter (kb lint requires it; --service and --owner set it)\n", missing)
			}
			return exitOK
		},
	}
}

// missingFields names the front matter fields kb lint requires that kb
// new was not given, or "".
func missingFields(kind content.Kind, services []string, owner string) string {
	var missing []string
	if len(services) == 0 {
		missing = append(missing, "services")
	}
	if kind == content.KindRunbook && strings.TrimSpace(owner) == "" {
		missing = append(missing, "owner")
	}
	return strings.Join(missing, " and ")
}
