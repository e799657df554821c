package lint

import (
	"fmt"

	"github.com/kb-tools/kb/content"
)

func runbookRules() []*Rule {
	return []*Rule{
		{Name: "runbook/stale-review", Severity: Warning, Scope: PerDoc, Run: runStaleReview,
			Doc: "A runbook whose last_reviewed is older than stale_days (default 180), or that has none: systems change, and a stale runbook misleads at the worst moment."},
		{Name: "runbook/stale-drill", Severity: Warning, Scope: PerDoc, Run: runStaleDrill,
			Doc: "A runbook never drilled (no last_drilled) or not drilled within stale_days: a runbook nobody has rehearsed has steps nobody has tried."},
	}
}

func runStaleReview(p *Pass) {
	checkFreshness(p, "last_reviewed", p.Doc.Meta.LastReviewed, "reviewed", "Review it against the system as it is today and set last_reviewed.")
}

func runStaleDrill(p *Pass) {
	checkFreshness(p, "last_drilled", p.Doc.Meta.LastDrilled, "drilled", "Rehearse it (a game day, or a dry run on staging) and set last_drilled.")
}

func checkFreshness(p *Pass, key string, last content.Time, verb, suggestion string) {
	d := p.Doc
	if d.Kind != content.KindRunbook {
		return
	}
	if !last.Set {
		if _, hasKey := d.KeyPos(key); !hasKey {
			p.Report(keyPos(d, "title"), fmt.Sprintf("runbook has never been %s (no %s)", verb, key), suggestion)
		}
		return
	}
	limit := p.Config.KB.StaleDays
	if age := content.DaysBetween(last.Time, p.Today); age > int64(limit) {
		p.Report(keyPos(d, key), fmt.Sprintf("runbook was last %s %s, %d days ago (more than %d)", verb, last.Format("2006-01-02"), age, limit), suggestion)
	}
}
