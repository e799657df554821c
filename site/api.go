package site

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// APIDoc is a document of /api/docs.json: its front matter as kb read it,
// with its action items, derived durations and address. Every field has
// one type in every document (lists are never null, absent times are
// left out), so that the file loads as it is into a search cluster.
type APIDoc struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	URL   string `json:"url"`
	// Link is the page's absolute address, when the site has a base URL.
	Link        string `json:"link,omitempty"`
	Path        string `json:"path"`
	Date        string `json:"date,omitempty"`
	Description string `json:"description,omitempty"`
	Severity    string `json:"severity,omitempty"`
	Status      string `json:"status,omitempty"`

	Services []string `json:"services"`
	Tags     []string `json:"tags"`
	Authors  []string `json:"authors"`

	IncidentCommander    string     `json:"incident_commander,omitempty"`
	Started              string     `json:"started,omitempty"`
	Detected             string     `json:"detected,omitempty"`
	Mitigated            string     `json:"mitigated,omitempty"`
	Resolved             string     `json:"resolved,omitempty"`
	TimeToDetectMinutes  *float64   `json:"time_to_detect_minutes,omitempty"`
	TimeToContainMinutes *float64   `json:"time_to_contain_minutes,omitempty"`
	TimeToResolveMinutes *float64   `json:"time_to_resolve_minutes,omitempty"`
	ContributingFactors  []string   `json:"contributing_factors"`
	Insight              string     `json:"insight,omitempty"`
	Guardrails           []string   `json:"guardrails"`
	Runbooks             []string   `json:"runbooks"`
	Impact               *APIImpact `json:"impact,omitempty"`

	Owner        string   `json:"owner,omitempty"`
	Escalation   string   `json:"escalation,omitempty"`
	Alerts       []string `json:"alerts"`
	LastReviewed string   `json:"last_reviewed,omitempty"`
	LastDrilled  string   `json:"last_drilled,omitempty"`
	// Freshness is a runbook's: fresh, due, stale or never.
	Freshness string `json:"freshness,omitempty"`

	Actions []APIAction `json:"actions"`
}

// APIImpact is a postmortem's impact: as kb read it; a field not given is
// left out.
type APIImpact struct {
	Users          *int64   `json:"users,omitempty"`
	FailedRequests *float64 `json:"failed_requests_percent,omitempty"`
	Regions        []string `json:"regions"`
	DataLost       *bool    `json:"data_lost,omitempty"`
	Cost           string   `json:"cost,omitempty"`
}

// APIAction is an action item of /api/docs.json.
type APIAction struct {
	What  string `json:"what"`
	Owner string `json:"owner,omitempty"`
	Due   string `json:"due,omitempty"`
	// DueText is what was written for the due date when it is no date.
	DueText     string `json:"due_text,omitempty"`
	Status      string `json:"status"`
	Done        string `json:"done,omitempty"`
	Link        string `json:"link,omitempty"`
	Overdue     bool   `json:"overdue"`
	DaysOverdue int    `json:"days_overdue,omitempty"`
	// Form says where the item is written (front-matter, table,
	// task-list, list, line) and Line on which line of the file.
	Form string `json:"form"`
	Line int    `json:"line"`
}

// APIDocs lists the documents of kb as /api/docs.json has them, with the
// site paths of urls under the absolute base (none when empty), judged
// against today.
func APIDocs(kb *content.KB, urls map[*content.Doc]string, base string, today time.Time) []APIDoc {
	out := make([]APIDoc, 0, len(kb.Docs))
	for _, d := range kb.Docs {
		a := apiDoc(d, urls[d], today, kb.Config.StaleDays)
		if base != "" {
			a.Link = base + strings.TrimPrefix(a.URL, "/")
		}
		out = append(out, a)
	}
	return out
}

func apiDoc(d *content.Doc, url string, today time.Time, staleDays int) APIDoc {
	m := d.Meta
	a := APIDoc{
		ID: d.ID, Kind: string(d.Kind), Title: d.Title, URL: url, Path: d.Path, Date: apiDate(d.Date),
		Description: m.Description, Severity: m.Severity, Status: m.Status,
		Services: list(m.Services), Tags: list(m.Tags), Authors: list(m.Authors),
		IncidentCommander: m.IncidentCommander, Started: apiTime(m.Started), Detected: apiTime(m.Detected),
		Mitigated: apiTime(m.Mitigated), Resolved: apiTime(m.Resolved),
		TimeToDetectMinutes: apiMinutes(d.TimeToDetect), TimeToContainMinutes: apiMinutes(d.TimeToContain),
		TimeToResolveMinutes: apiMinutes(d.TimeToResolve),
		ContributingFactors:  list(m.ContributingFactors), Insight: m.Insight, Guardrails: list(m.Guardrails), Runbooks: list(m.Runbooks),
		Impact: apiImpact(m.Impact),
		Owner:  m.Owner, Escalation: m.Escalation, Alerts: list(d.AlertNames()),
		LastReviewed: apiDate(m.LastReviewed), LastDrilled: apiDate(m.LastDrilled),
		Actions: make([]APIAction, 0, len(d.Actions)),
	}
	if d.Kind == content.KindRunbook {
		a.Freshness = freshnessOf(d, today, staleDays).State
	}
	for _, it := range d.Actions {
		days, late := overdueDays(it, today)
		act := APIAction{What: it.What, Owner: it.Owner, Due: apiDate(it.Due), Status: it.Status, Done: apiDate(it.Done),
			Link: it.Link, Overdue: late, Form: string(it.Form), Line: it.Pos.Line}
		if !it.Due.Set {
			act.DueText = it.DueText
		}
		if late {
			act.DaysOverdue = days
		}
		a.Actions = append(a.Actions, act)
	}
	return a
}

func list(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}

func apiDate(t content.Time) string {
	if !t.Set {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func apiTime(t content.Time) string {
	if !t.Set {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func apiMinutes(span func() (time.Duration, bool)) *float64 {
	d, ok := span()
	if !ok || d < 0 {
		return nil
	}
	v := roundMinutes(d)
	return &v
}

func apiImpact(im content.Impact) *APIImpact {
	if !im.Known() {
		return nil
	}
	out := &APIImpact{Regions: list(im.Regions), Cost: im.Cost}
	if im.HasUsers {
		out.Users = &im.Users
	}
	if im.HasFailedRequests {
		out.FailedRequests = &im.FailedRequests
	}
	if im.HasDataLost {
		out.DataLost = &im.DataLost
	}
	return out
}

// writeAPI writes /api/stats.json, with every grouping, and
// /api/docs.json.
func (m *model) writeAPI(out sink) error {
	stats := ComputeStats(m.kb, StatsOptions{By: StatsGroupings, Today: m.sd.Today})
	data, err := json.MarshalIndent(stats, "", " ")
	if err != nil {
		return err
	}
	if err := out.write("api/stats.json", append(data, '\n')); err != nil {
		return err
	}
	if data, err = json.Marshal(APIDocs(m.kb, m.urls, m.feedBase, m.sd.Today)); err != nil {
		return err
	}
	return out.write("api/docs.json", append(data, '\n'))
}
