package site

import (
	"regexp"
	"sort"
	"strings"

	"github.com/kb-tools/kb/content"
)

// alertEntry is one alert of the site: its rules in the rule files (none
// when only a runbook names it), and the runbooks behind it. Its page,
// /alerts/<Name>/, leads to its runbook, so that an Alertmanager template
// can give every rule runbook_url: <base_url>/alerts/{{ $labels.alertname }}/.
type alertEntry struct {
	Name string
	// Path is the link to its page from the site's root ("alerts/X/",
	// see pageFile), or "" when its name cannot be a folder's.
	Path     string
	Rules    []content.AlertRule
	Runbooks []*page
}

// Severity is the severities of the alert's rules, most severe first as
// written ("critical, warning"), or "".
func (a *alertEntry) Severity() string {
	var out []string
	for _, r := range a.Rules {
		if r.Severity != "" && !containsFold(out, r.Severity) {
			out = append(out, r.Severity)
		}
	}
	return strings.Join(out, ", ")
}

// Runbook is the one runbook the alert's page redirects to, or nil when it
// has none or several to choose from.
func (a *alertEntry) Runbook() *page {
	if len(a.Runbooks) == 1 {
		return a.Runbooks[0]
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// alertFolderName is what an alert's name may be to be a folder of the
// site on any file system and host: Prometheus allows colons too.
var alertFolderName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// buildAlerts gathers the alerts of the rule files and those the runbooks
// name, each with the runbooks that answer for it (by name, then by where
// its runbook_url leads), sorted by name; it gives each runbook page the
// alerts behind it, in the order its alerts: lists them.
func buildAlerts(sd *siteData, docs []*page, rules *content.AlertRules, baseURL string) []*alertEntry {
	runbookDocs := make([]*content.Doc, 0, len(sd.Runbooks))
	pageOf := make(map[*content.Doc]*page, len(sd.Runbooks))
	for _, p := range docs {
		if p.Doc.Kind == content.KindRunbook {
			runbookDocs = append(runbookDocs, p.Doc)
			pageOf[p.Doc] = p
		}
	}
	for _, p := range docs {
		p.Alerts = nil // a page carried from the last model starts again
	}
	index := content.NewRunbookIndex(runbookDocs, baseURL)
	byName := map[string]*alertEntry{}
	entry := func(name string) *alertEntry {
		key := strings.ToLower(name)
		a := byName[key]
		if a == nil {
			a = &alertEntry{Name: name}
			byName[key] = a
		}
		return a
	}
	addRunbook := func(a *alertEntry, d *content.Doc) {
		p := pageOf[d]
		for _, q := range a.Runbooks {
			if q == p {
				return
			}
		}
		a.Runbooks = append(a.Runbooks, p)
		p.Alerts = append(p.Alerts, a)
	}
	for _, d := range runbookDocs {
		for _, name := range d.AlertNames() {
			addRunbook(entry(name), d)
		}
	}
	if rules != nil {
		for _, r := range rules.Rules {
			a := entry(r.Name)
			a.Rules = append(a.Rules, r)
			for _, d := range index.Named(r.Name) {
				addRunbook(a, d) // the runbooks of its file name, when none names it
			}
			if r.RunbookURL != "" {
				for _, d := range index.ResolveURL(r.RunbookURL, r.Name) {
					addRunbook(a, d)
				}
			}
		}
	}
	alerts := make([]*alertEntry, 0, len(byName))
	for _, a := range byName {
		if alertFolderName.MatchString(a.Name) {
			a.Path = pageFile("alerts/" + a.Name + "/")
		}
		alerts = append(alerts, a)
	}
	sort.Slice(alerts, func(i, j int) bool { return alerts[i].Name < alerts[j].Name })
	return alerts
}

// Redirect is the link an alert's page sends the browser on to, its one
// runbook, or "" for any other page.
func (p *page) Redirect() string {
	if p.Alert == nil || p.Alert.Runbook() == nil {
		return ""
	}
	return p.Root + p.Alert.Runbook().Path
}

// alertPages makes /alerts/ and a page for each alert whose name can be
// a folder's; none when the site has no alerts.
func alertPages(sd *siteData) []*page {
	if len(sd.Alerts) == 0 {
		return nil
	}
	pages := []*page{{Title: "Alerts", URL: "/alerts/", Layout: "alerts"}}
	for _, a := range sd.Alerts {
		if a.Path == "" {
			continue
		}
		p := &page{Title: a.Name, URL: "/alerts/" + a.Name + "/", Layout: "alert", Alert: a}
		pages = append(pages, p)
	}
	return pages
}
