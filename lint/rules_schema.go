package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kb-tools/kb/content"
)

// hugoFrontMatterKeys are the common keys of Hugo sites, which many KBs
// are; kb accepts and ignores them.
var hugoFrontMatterKeys = []string{
	"weight", "draft", "aliases", "slug", "url", "layout", "type", "linktitle", "linkTitle", "menu", "toc", "keywords",
	"categories", "expirydate", "expiryDate", "publishdate", "publishDate", "lastmod", "images", "series", "params",
	"cascade", "build", "outputs", "headless", "markup", "resources", "translationKey", "sitemap", "bookToc", "bookHidden",
}

func schemaRules() []*Rule {
	return []*Rule{
		{Name: "schema/frontmatter", Severity: Error, Scope: PerKB, Run: runLoadErrors,
			Doc: "Front matter kb cannot read (not YAML, not closed, TOML, a template), files that are not text or not readable, files over their size limit, and kb.yaml that is not YAML: the document's fields are lost until it is fixed."},
		{Name: "schema/skipped-file", Severity: Warning, Scope: PerKB, Run: runSkippedFiles,
			Doc: "A path kb does not read: a symbolic link that leads outside the KB, loops or leads nowhere, a FIFO, socket, device or folder where a document or kb.yaml would be. kb reads only the KB's own regular files."},
		{Name: "schema/config", Severity: Error, Scope: PerKB, Run: runConfigProblems,
			Doc: "Settings in kb.yaml that kb does not know or cannot use: unknown keys and rules (with \"did you mean\"), rule severities other than error, warning, info and off, values out of range (stale_days or runbook_max_lines of 0 or less, an empty severities list, a negative dates.max_days_ahead), malformed globs in kinds:, a severity listed twice. The finding stands at the value, and kb uses the default instead."},
		{Name: "schema/duplicate-id", Severity: Error, Scope: PerKB, Run: runDuplicateIDs,
			Doc: "Two documents of one kind with the same id: links and URLs would point at one of them only."},
		{Name: "schema/required", Severity: Error, Scope: PerDoc, Run: runRequired,
			Doc: "Fields a postmortem (title, date, severity, services, status) or a runbook (title, owner, services) must have for the KB's lists, trends and search to include it."},
		{Name: "schema/type", Severity: Error, Scope: PerDoc, Run: runFieldErrors,
			Doc: "Front matter values of the wrong shape: a list where a single value belongs, a date that is not YYYY-MM-DD."},
		{Name: "schema/enum", Severity: Error, Scope: PerDoc, Run: runEnums,
			Doc: "A severity that kb.yaml does not list, a postmortem status other than draft, in-review or published, an action status other than open, in-progress, done or wont-do."},
		{Name: "schema/date-range", Severity: Error, Scope: PerDoc, Run: runDateRange,
			Doc: "A date or time before kb.yaml dates.earliest (default 1990-01-01) or more than dates.max_days_ahead days (default 365) after --today: front matter dates, the date of a file name, due dates, timeline times. Almost always a typo (1026 for 2026); the trends charts leave such a postmortem out rather than stretch their axis."},
		{Name: "schema/over-limit", Severity: Warning, Scope: PerDoc, Run: runOverLimits,
			Doc: "A front matter list with more values than kb.yaml limits.terms_per_document, or a document with more action items than limits.actions_per_document (100 each by default, at most 1,000): kb uses the first ones only, so that one document cannot fill the site with pages."},
		{Name: "schema/unknown-key", Severity: Warning, Scope: PerDoc, Run: runUnknownKeys,
			Doc: "A front matter key kb does not know, often a typo of one it does; kb.yaml lint.front_matter_keys accepts a team's own keys."},
		{Name: "schema/long-value", Severity: Warning, Scope: PerDoc, Run: runLongValues,
			Doc: "An id, service, tag, owner or severity (or a file or folder name) whose URL segment is longer than 100 bytes: kb cuts it and adds a hash so the site still builds, but the address no longer reads as the name."},
	}
}

// reportLoadErrors reports the load errors of one kind.
func reportLoadErrors(p *Pass, kind content.ErrorKind, suggestion string) {
	for _, errs := range [][]*content.Error{p.KB.Errors, p.Config.FileErrors} {
		for _, e := range errs {
			if e.Kind == kind {
				p.Report(e.Pos, e.Msg, suggestion)
			}
		}
	}
}

func runLoadErrors(p *Pass) { reportLoadErrors(p, content.ErrorUnreadable, "") }

func runSkippedFiles(p *Pass) {
	reportLoadErrors(p, content.ErrorSkipped, "Commit the file itself, inside the KB, in place of the link or special file.")
}

func runConfigProblems(p *Pass) {
	reportLoadErrors(p, content.ErrorConfig, "")
	for _, d := range p.Config.Problems {
		p.Report(d.Pos, d.Message, d.Suggestion)
	}
}

func runDuplicateIDs(p *Pass) {
	reportLoadErrors(p, content.ErrorDuplicateID, "Give one of the documents its own id: front matter, or rename the file.")
}

func runRequired(p *Pass) {
	d := p.Doc
	want := content.RequiredFields(d.Kind)
	if len(want) == 0 {
		return
	}
	if d.FrontMatterBroken {
		return // schema/frontmatter says why; every field would be missing
	}
	var missing []string
	for _, k := range want {
		if !hasKey(d, k) {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return
	}
	if !d.HasFrontMatter {
		p.Report(docPos(d), fmt.Sprintf("%s has no front matter: kb cannot tell its %s", d.Kind, strings.Join(missing, ", ")),
			fmt.Sprintf("Start the file with a --- block holding %s (kb new %s writes one).", strings.Join(missing, ", "), d.Kind))
		return
	}
	for _, k := range missing {
		p.Report(bodyPos(d), fmt.Sprintf("%s lacks %s in its front matter", d.Kind, k), "")
	}
}

// hasKey reports whether the front matter has key (or its singular alias)
// with a value.
func hasKey(d *content.Doc, key string) bool {
	switch key {
	case "services":
		return len(d.Meta.Services) > 0
	case "owner":
		return d.Meta.Owner != ""
	case "severity":
		return d.Meta.Severity != ""
	case "status":
		return d.Meta.Status != ""
	case "date":
		_, ok := d.KeyPos("date")
		return ok && d.Date.Set
	}
	_, ok := d.KeyPos(key)
	return ok
}

func runFieldErrors(p *Pass) {
	for _, e := range p.Doc.FieldErrors {
		if e.Kind != content.ErrorOverLimit {
			p.Report(e.Pos, e.Msg, "")
		}
	}
}

func runOverLimits(p *Pass) {
	for _, e := range p.Doc.FieldErrors {
		if e.Kind == content.ErrorOverLimit {
			p.Report(e.Pos, e.Msg, "Keep the values that matter most; kb.yaml limits: raises the limit for the whole KB.")
		}
	}
}

func runEnums(p *Pass) {
	d := p.Doc
	if d.Kind == content.KindPostmortem {
		postmortemStatuses := content.PostmortemStatuses()
		if s := d.Meta.Severity; s != "" && !slices.Contains(p.Config.KB.Severities, s) {
			p.Report(keyPos(d, "severity"), fmt.Sprintf("severity %q is not one of %s", short(s), strings.Join(p.Config.KB.Severities, ", ")),
				suggestOne(s, p.Config.KB.Severities))
		}
		if s := d.Meta.Status; s != "" && !slices.Contains(postmortemStatuses, s) {
			p.Report(keyPos(d, "status"), fmt.Sprintf("status %q is not one of %s", short(s), strings.Join(postmortemStatuses, ", ")),
				suggestOne(s, postmortemStatuses))
		}
	}
	actionStatuses := content.ActionStatuses()
	for _, a := range d.Actions {
		if !slices.Contains(actionStatuses, a.Status) {
			p.Report(a.Pos, fmt.Sprintf("action item status %q is not one of %s", short(a.Status), strings.Join(actionStatuses, ", ")),
				suggestOne(a.Status, actionStatuses))
		}
	}
}

// suggestOne proposes the nearest allowed value.
func suggestOne(s string, allowed []string) string {
	if c := content.Closest(s, allowed); c != "" {
		return fmt.Sprintf("Did you mean %q?", c)
	}
	return ""
}

func runUnknownKeys(p *Pass) {
	for _, k := range p.Doc.Keys {
		if p.Config.frontMatterKeys[k.Name] {
			continue
		}
		p.Report(k.Pos, fmt.Sprintf("unknown front matter key %q%s", short(k.Name), didYouMean(k.Name, p.Config.kbFrontMatterKeys)),
			"If the key is your team's own, list it in kb.yaml under lint.front_matter_keys.")
	}
}
