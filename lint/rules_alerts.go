package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// alertRules check the alerting rules of the rule files kb.yaml's
// alert_rules: or kb lint --alert-rules name against the KB's runbooks.
// They report in the rule files, except unknown-alert, which reports in
// the runbook.
func alertRules() []*Rule {
	return []*Rule{
		{Name: "alerts/rule-file", Severity: Error, Scope: PerKB, Run: runRuleFileErrors,
			Doc: "A rule file, or a rule in it, that kb cannot read: its alerts go unchecked, and Prometheus would likely refuse it too."},
		{Name: "alerts/missing-runbook-url", Severity: Warning, Scope: PerKB, Run: runMissingRunbookURL,
			Doc: "An alert without annotations.runbook_url: whoever it pages must search for what to do."},
		{Name: "alerts/unknown-runbook-url", Severity: Warning, Scope: PerKB, Run: runUnknownRunbookURL,
			Doc: "A runbook_url that leads to no runbook of the KB (by the site's address, /alerts/NAME/, /runbooks/ID/, the runbook's file, or its id): the link on the page leads nowhere useful."},
		{Name: "alerts/no-runbook", Severity: Warning, Scope: PerKB, Run: runNoRunbook,
			Doc: "An alert no runbook names, in its alerts: or by its file name: /alerts/NAME/ has nowhere to lead, and the runbook cannot be found from the alert."},
		{Name: "alerts/stale-runbook", Severity: Error, Scope: PerKB, Run: runStaleAlertRunbook,
			Doc: "An alert that pages (severity critical or page) whose runbooks are all stale or never drilled: the night it fires, its steps are untried."},
		{Name: "alerts/unknown-alert", Severity: Info, Scope: PerKB, Run: runUnknownAlert,
			Doc: "A runbook's alerts: names an alert no rule file defines: renamed or removed, or a rule file not given to kb."},
	}
}

// alertCheck is what the alert rules of one pass share: the rules and the
// runbooks behind them.
type alertCheck struct {
	alerts *content.AlertRules
	index  *content.RunbookIndex
}

func newAlertCheck(p *Pass) *alertCheck {
	if !p.KB.Alerts.Loaded() {
		return nil
	}
	return &alertCheck{alerts: p.KB.Alerts, index: content.NewRunbookIndex(p.KB.Docs, p.KB.Config.BaseURL)}
}

func runRuleFileErrors(p *Pass) {
	if p.KB.Alerts == nil {
		return
	}
	for _, e := range p.KB.Alerts.Errors {
		p.Report(e.Pos, e.Msg, "")
	}
}

func runMissingRunbookURL(p *Pass) {
	c := newAlertCheck(p)
	if c == nil {
		return
	}
	// Alertmanager and the pages it sends need the whole address, so
	// without base_url the suggestion says where the site's goes.
	suggestion := "Add annotations: runbook_url: SITE/alerts/{{ $labels.alertname }}/, SITE being the address the KB's site is published at (kb build gives every alert that address; with base_url: in kb.yaml this suggestion gives it whole)."
	if base := strings.TrimSuffix(p.KB.Config.BaseURL, "/"); base != "" {
		suggestion = "Add annotations: runbook_url: " + base + "/alerts/{{ $labels.alertname }}/ (kb build gives every alert that address)."
	}
	for i := range c.alerts.Rules {
		r := &c.alerts.Rules[i]
		if r.RunbookURL == "" {
			p.Report(r.Pos, fmt.Sprintf("alert %s has no runbook_url", r.Name), suggestion)
		}
	}
}

func runUnknownRunbookURL(p *Pass) {
	c := newAlertCheck(p)
	if c == nil {
		return
	}
	for i := range c.alerts.Rules {
		r := &c.alerts.Rules[i]
		if r.RunbookURL != "" && len(c.index.ResolveURL(r.RunbookURL, r.Name)) == 0 {
			p.Report(r.RunbookURLPos, fmt.Sprintf("runbook_url of %s leads to no runbook of the KB: %s", r.Name, r.RunbookURL), c.suggestRunbook(r))
		}
	}
}

// suggestRunbook says where an alert's runbook_url could lead.
func (c *alertCheck) suggestRunbook(r *content.AlertRule) string {
	if named := c.index.Named(r.Name); len(named) > 0 {
		return fmt.Sprintf("%s names it: link /runbooks/%s/, or /alerts/%s/.", named[0].Path, named[0].ID, r.Name)
	}
	return ""
}

func runNoRunbook(p *Pass) {
	c := newAlertCheck(p)
	if c == nil {
		return
	}
	for i := range c.alerts.Rules {
		r := &c.alerts.Rules[i]
		if len(c.index.Named(r.Name)) > 0 {
			continue
		}
		if byURL := c.index.ResolveURL(r.RunbookURL, r.Name); r.RunbookURL != "" && len(byURL) > 0 {
			p.Report(r.Pos, fmt.Sprintf("no runbook names alert %s; its runbook_url leads to %s, which does not list it", r.Name, byURL[0].Path),
				fmt.Sprintf("Add %s to the alerts: of %s.", r.Name, byURL[0].Path))
			continue
		}
		p.Report(r.Pos, fmt.Sprintf("no runbook names alert %s", r.Name),
			fmt.Sprintf("Write a runbook for it (kb new runbook) and list %s in its alerts:.", r.Name))
	}
}

func runStaleAlertRunbook(p *Pass) {
	c := newAlertCheck(p)
	if c == nil {
		return
	}
	limit := p.Config.KB.StaleDays
	for i := range c.alerts.Rules {
		r := &c.alerts.Rules[i]
		if !r.Pages() {
			continue
		}
		behind := c.runbooksBehind(r)
		if len(behind) == 0 {
			continue
		}
		var reasons []string
		for _, d := range behind {
			reason := staleness(d, p.Today, limit)
			if reason == "" {
				reasons = nil
				break
			}
			reasons = append(reasons, d.Path+" "+reason)
		}
		if len(reasons) > 0 {
			p.Report(r.Pos, fmt.Sprintf("alert %s pages (severity %s), and its runbook is not fresh: %s", r.Name, r.Severity, strings.Join(reasons, "; ")),
				"Review and drill the runbook, then set last_reviewed and last_drilled.")
		}
	}
}

// runbooksBehind returns the runbooks an alert leads to: those naming it,
// then where its runbook_url leads, each once.
func (c *alertCheck) runbooksBehind(r *content.AlertRule) []*content.Doc {
	docs := append([]*content.Doc(nil), c.index.Named(r.Name)...)
	if r.RunbookURL != "" {
		for _, d := range c.index.ResolveURL(r.RunbookURL, r.Name) {
			if !containsDoc(docs, d) {
				docs = append(docs, d)
			}
		}
	}
	return docs
}

func containsDoc(docs []*content.Doc, d *content.Doc) bool {
	for _, x := range docs {
		if x == d {
			return true
		}
	}
	return false
}

// staleness says why a runbook is not fresh (never drilled, reviewed or
// drilled more than limit days before today), or "" when it is fresh.
func staleness(d *content.Doc, today time.Time, limit int) string {
	var why []string
	for _, c := range []struct {
		last content.Time
		verb string
	}{{d.Meta.LastReviewed, "reviewed"}, {d.Meta.LastDrilled, "drilled"}} {
		switch {
		case !c.last.Set:
			why = append(why, "never "+c.verb)
		case content.DaysBetween(c.last.Time, today) > int64(limit):
			why = append(why, fmt.Sprintf("last %s %s", c.verb, c.last.Format("2006-01-02")))
		}
	}
	return strings.Join(why, ", ")
}

func runUnknownAlert(p *Pass) {
	c := newAlertCheck(p)
	if c == nil {
		return
	}
	defined := map[string]bool{}
	for _, r := range c.alerts.Rules {
		defined[strings.ToLower(r.Name)] = true
	}
	for _, d := range p.KB.Docs {
		if d.Kind != content.KindRunbook {
			continue
		}
		for _, a := range d.Meta.Alerts {
			if !defined[strings.ToLower(a)] {
				p.Report(keyPos(d, "alerts"), fmt.Sprintf("alerts: names %s, which no rule file defines", a), "")
			}
		}
	}
}
