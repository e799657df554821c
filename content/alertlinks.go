package content

import (
	"net/url"
	"regexp"
	"strings"
)

// AlertNames returns the alerts a runbook answers for: those its alerts:
// lists, else the name its file gives it when that is written as an alert
// is (runbooks/KubePodCrashLooping.md), as collections of one runbook per
// alert are laid out. Other documents answer for none.
func (d *Doc) AlertNames() []string {
	if d.Kind != KindRunbook {
		return nil
	}
	if len(d.Meta.Alerts) > 0 {
		return d.Meta.Alerts
	}
	if name := nameOf(d.Path); isAlertName(name) {
		return []string{name}
	}
	return nil
}

// RunbookIndex finds the runbooks behind alerts: by the names runbooks
// answer for, and by where an alert's runbook_url leads.
type RunbookIndex struct {
	byName map[string][]*Doc // lower-case alert name
	byID   map[string]*Doc   // lower-case runbook id
	byPath map[string]*Doc   // lower-case KB path
	// byFile holds the runbooks without alerts: by their file name as
	// written, for alerts whose name is one word (runbooks/Watchdog.md).
	byFile map[string][]*Doc
	// baseHost and basePath are the site's host and path prefix, from
	// base_url ("" and "/" without one).
	baseHost, basePath string
}

// NewRunbookIndex indexes the runbooks among docs; baseURL is kb.yaml's
// base_url, the address the site is published at.
func NewRunbookIndex(docs []*Doc, baseURL string) *RunbookIndex {
	x := &RunbookIndex{byName: map[string][]*Doc{}, byID: map[string]*Doc{}, byPath: map[string]*Doc{}, byFile: map[string][]*Doc{}, basePath: "/"}
	if u, err := url.Parse(baseURL); err == nil && baseURL != "" {
		x.baseHost = strings.ToLower(u.Host)
		x.basePath = "/" + strings.Trim(u.Path, "/") + "/"
		if x.basePath == "//" {
			x.basePath = "/"
		}
	}
	for _, d := range docs {
		if d.Kind != KindRunbook {
			continue
		}
		for _, a := range d.AlertNames() {
			k := strings.ToLower(a)
			x.byName[k] = append(x.byName[k], d)
		}
		if len(d.Meta.Alerts) == 0 {
			name := nameOf(d.Path)
			x.byFile[name] = append(x.byFile[name], d)
		}
		x.byID[strings.ToLower(d.ID)] = d
		x.byPath[strings.ToLower(d.Path)] = d
	}
	return x
}

// Named returns the runbooks that answer for the alert, in path order
// (alert names are matched without regard to case); when none does, the
// runbooks without alerts: whose file name is the alert's name, case and
// all: an alert named in one word (Watchdog) is not told from a file
// name by its shape, only by a rule that defines it.
func (x *RunbookIndex) Named(alert string) []*Doc {
	if docs := x.byName[strings.ToLower(alert)]; len(docs) > 0 {
		return docs
	}
	return x.byFile[alert]
}

// alertnameTemplate is the Go template Alertmanager and Prometheus fill
// with the alert's name: {{ $labels.alertname }}, {{ .Labels.alertname }}.
var alertnameTemplate = regexp.MustCompile(`\{\{-?\s*(\$labels|\.Labels)\.alertname\s*-?\}\}`)

// ResolveURL returns the runbooks an alert's runbook_url leads to, or none
// when it leads to no runbook of the KB. The URL is matched as kb build
// publishes runbooks and alerts, under the site's base URL or any other
// (a KB served from two hosts, or a relative URL): /alerts/NAME/ leads to
// the runbooks that answer for NAME; /runbooks/ID/ to the runbook of that
// id; a URL ending with a runbook's path in the KB (a forge's view of the
// file, .../blob/main/runbooks/disk-full.md) to that runbook; and else its
// last segment, without .md or .html, names a runbook by id or by alert.
// A {{ $labels.alertname }} in the URL stands for alert.
func (x *RunbookIndex) ResolveURL(rawURL, alert string) []*Doc {
	u, err := url.Parse(alertnameTemplate.ReplaceAllString(strings.TrimSpace(rawURL), alert))
	if err != nil {
		return nil
	}
	p := u.Path
	if x.baseHost != "" && strings.EqualFold(u.Host, x.baseHost) {
		p = "/" + strings.TrimPrefix(p, strings.TrimSuffix(x.basePath, "/"))
	}
	var segs []string
	for _, s := range strings.Split(strings.ToLower(p), "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return nil
	}
	n := len(segs)
	if n >= 2 && segs[n-2] == "alerts" {
		if docs := x.byName[segs[n-1]]; len(docs) > 0 {
			return docs
		}
	}
	for i := range segs[:n-1] {
		if segs[i] == "runbooks" {
			if d := x.byID[segs[i+1]]; d != nil && i+2 == n {
				return []*Doc{d}
			}
		}
	}
	for i := range segs {
		if d := x.byPath[strings.Join(segs[i:], "/")]; d != nil {
			return []*Doc{d}
		}
	}
	last := segs[n-1]
	for _, ext := range []string{".md", ".markdown", ".html", ".htm"} {
		last = strings.TrimSuffix(last, ext)
	}
	for _, id := range []string{last, Slug(last)} {
		if d := x.byID[id]; d != nil {
			return []*Doc{d}
		}
	}
	return x.byName[last]
}
