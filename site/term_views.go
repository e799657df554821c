package site

import (
	"slices"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// The views of a term's page: what a service's or an owner's page leads
// with, worked out when the page is rendered (on its first part only).

// termActions is the action items a term's page shows: an owner's own, or
// those of a service's incidents; nil for other taxonomies.
func (p *page) termActions() []*actionRow {
	switch t := p.Term; {
	case t == nil:
		return nil
	case t.Taxonomy == "owners":
		return t.Actions
	case t.Taxonomy == "services":
		var rows []*actionRow
		for _, q := range t.Pages {
			rows = append(rows, q.Actions...)
		}
		sortActions(rows)
		return rows
	}
	return nil
}

// TermActions is the term's action items that still need work (open) or
// that do not (done and won't do), overdue first.
func (p *page) TermActions(open bool) []*actionRow {
	var out []*actionRow
	for _, a := range p.termActions() {
		if a.Open() == open {
			out = append(out, a)
		}
	}
	return out
}

// shownRows is the first rows of a longer list, and how many more it has.
type shownRows struct {
	Rows        []*actionRow
	Total, More int
}

// TermDone is at most n of the term's action items that need no more
// work (done and won't do), the latest due first: the page shows what was
// done recently, the action board all of them.
func (p *page) TermDone(n int) shownRows {
	rows := p.TermActions(false)
	slices.Reverse(rows)
	shown := rows[:min(n, len(rows))]
	return shownRows{Rows: shown, Total: len(rows), More: len(rows) - len(shown)}
}

// ShowsOwner says the page's action tables have an Owner column: not on
// an owner's page, where every row is the owner's.
func (p *page) ShowsOwner() bool { return p.Term == nil || p.Term.Taxonomy != "owners" }

// TermFacts is the line a service's or an owner's page opens with: its
// incidents and runbooks, its open and overdue action items and, for a
// service, the median time to resolve its incidents.
func (p *page) TermFacts() string {
	t := p.Term
	if t == nil || (t.Taxonomy != "services" && t.Taxonomy != "owners") {
		return ""
	}
	pms := ofKind(t.Pages, content.KindPostmortem)
	rbs := ofKind(t.Pages, content.KindRunbook)
	var facts []string
	if len(pms) > 0 {
		facts = append(facts, plural(len(pms), "incident"))
	}
	if len(rbs) > 0 {
		facts = append(facts, plural(len(rbs), "runbook"))
	}
	open, overdue, done := 0, 0, 0
	for _, a := range p.termActions() {
		switch {
		case a.Overdue:
			overdue++
			open++
		case a.Open():
			open++
		case a.Status == content.StatusDone:
			done++
		}
	}
	if open+done > 0 {
		facts = append(facts, plural(open, "open action item")+" ("+thousands(overdue)+" overdue), "+thousands(done)+" done")
	}
	var ttr []time.Duration
	for _, q := range pms {
		if d, ok := q.Doc.TimeToResolve(); ok {
			ttr = append(ttr, d)
		}
	}
	if len(ttr) > 0 {
		slices.Sort(ttr)
		facts = append(facts, "median time to resolve "+FormatDuration(ttr[len(ttr)/2])+" over "+plural(len(ttr), "incident"))
	}
	if len(facts) == 0 {
		return ""
	}
	return strings.Join(facts, "; ") + "."
}

// RunbookOwners are the owners of a service's runbooks, each once, in the
// order of its runbooks: whom to ask about the service, as its runbooks
// name them (each has an owner's page, see ownerTerms, which TermLinks
// links). The page shows them on its first part only, the part whose
// signature covers the runbooks.
func (p *page) RunbookOwners() []string {
	if p.Term == nil || p.Term.Taxonomy != "services" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, rb := range ofKind(p.Term.Pages, content.KindRunbook) {
		name := rb.Doc.Meta.Owner
		if slug := p.Site.slug(name); name != "" && !seen[slug] {
			seen[slug] = true
			out = append(out, name)
		}
	}
	return out
}
