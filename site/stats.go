package site

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// StatsOptions says which incidents the figures cover and how they are
// grouped.
type StatsOptions struct {
	// Since and Until bound the incidents by their date, both days
	// included; a zero value leaves that end open. With either set, a
	// postmortem without a date is left out, as it cannot be placed.
	Since, Until time.Time
	// By lists the groupings to work out, each one of StatsGroupings.
	By []string
	// Today is the day overdue items and stale runbooks are judged
	// against; zero means the current date.
	Today time.Time
}

// StatsGroupings are the ways kb stats can group its figures: an incident
// counts in each of its services, in its severity, in the month and the
// quarter of its date, and under its incident commander; an action item
// under its own owner; a runbook in each of its services and under its
// owner.
var StatsGroupings = []string{"service", "severity", "quarter", "month", "owner"}

// Stats are a KB's reliability figures, the ones the trends page shows,
// worked out once for kb stats, /api/stats.json and the trends page.
type Stats struct {
	Today string `json:"today"`
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
	// Severities are kb.yaml's, in order: the keys of every BySeverity.
	Severities []string `json:"severities"`
	Total      Figures  `json:"total"`
	// By holds the groups of each grouping asked for, by its name.
	By        map[string][]Group `json:"by,omitempty"`
	Recurring []Recurrence       `json:"recurring"`
}

// Group is the figures of one service, severity, month, quarter or owner.
type Group struct {
	Key string `json:"key"`
	Figures
}

// Figures are the counts and durations of a set of incidents, their
// action items and runbooks.
type Figures struct {
	Incidents     int            `json:"incidents"`
	BySeverity    map[string]int `json:"by_severity"`
	TimeToDetect  Span           `json:"time_to_detect"`
	TimeToContain Span           `json:"time_to_contain"`
	TimeToResolve Span           `json:"time_to_resolve"`
	BlastRadius   BlastRadius    `json:"blast_radius"`
	Actions       ActionFigures  `json:"actions"`
	// Runbooks is the freshness of the runbooks; nil for a grouping that
	// runbooks have no part in (severity, month, quarter).
	Runbooks *RunbookFigures `json:"runbooks,omitempty"`
}

// Span is the median and 90th percentile (nearest rank) of one incident
// duration, over the incidents that give both of its times.
type Span struct {
	Count         int     `json:"count"`
	MedianMinutes float64 `json:"median_minutes"`
	P90Minutes    float64 `json:"p90_minutes"`
	Median        string  `json:"median"`
	P90           string  `json:"p90"`
}

// BlastRadius counts incidents by how many users they affected, as impact:
// gives it, with the data lost and the regions.
type BlastRadius struct {
	// Given counts the incidents whose front matter has impact:.
	Given int `json:"given"`
	// Users counts incidents by the band of users affected, in the order of
	// UserBands; "not given" holds the rest.
	Users         map[string]int `json:"users"`
	UsersAffected int64          `json:"users_affected"`
	DataLost      int            `json:"data_lost"`
	MultiRegion   int            `json:"multi_region"`
}

// UserBands are the bands of users affected that BlastRadius counts by.
var UserBands = []string{"under 1,000", "1,000 to 99,999", "100,000 or more", "not given"}

// ActionFigures count action items. CompletionRate is Done over the items
// not marked won't do, in percent with one decimal; nil when there are none.
type ActionFigures struct {
	Opened         int      `json:"opened"`
	Done           int      `json:"done"`
	WontDo         int      `json:"wont_do"`
	Open           int      `json:"open"`
	Overdue        int      `json:"overdue"`
	CompletionRate *float64 `json:"completion_rate"`
}

// RunbookFigures count runbooks by freshness (see the trends page).
type RunbookFigures struct {
	Total int `json:"total"`
	Fresh int `json:"fresh"`
	Due   int `json:"due"`
	Stale int `json:"stale"`
	Never int `json:"never"`
}

// Recurrence is a contributing factor or tag seen in two or more incidents
// within 90 days of each other.
type Recurrence struct {
	Kind      string   `json:"kind"`
	Name      string   `json:"name"`
	Incidents int      `json:"incidents"`
	Latest    []string `json:"latest"` // URLs, newest first
}

// ComputeStats works out the figures of kb's postmortems and runbooks.
func ComputeStats(kb *content.KB, opts StatsOptions) *Stats {
	today := dayOf(opts.Today)
	in := statsInput{kb: kb, today: today, staleDays: kb.Config.StaleDays}
	windowed := !opts.Since.IsZero() || !opts.Until.IsZero()
	for _, d := range kb.Docs {
		switch d.Kind {
		case content.KindPostmortem:
			if windowed && (!d.Date.Set || !inWindow(d.Date.Time, opts.Since, opts.Until)) {
				continue
			}
			in.postmortems = append(in.postmortems, d)
			if d.Date.Set && chartedIn(d, kb.Config.Dates, today) {
				in.incidents = append(in.incidents, d)
			}
		case content.KindRunbook:
			in.runbooks = append(in.runbooks, d)
		}
	}
	sort.SliceStable(in.incidents, func(i, j int) bool { return in.incidents[i].Date.Before(in.incidents[j].Date.Time) })
	s := &Stats{Today: today.Format(time.DateOnly), Severities: append([]string{}, kb.Config.Severities...)}
	if windowed {
		s.Since, s.Until = dayText(opts.Since), dayText(opts.Until)
	}
	s.Total = in.figures(in.incidents, in.postmortems, nil, in.runbooks, true)
	for _, by := range opts.By {
		if s.By == nil {
			s.By = map[string][]Group{}
		}
		s.By[by] = in.groups(by)
	}
	s.Recurring = in.recurring()
	return s
}

// statsInput is what the figures are worked out from.
type statsInput struct {
	kb        *content.KB
	today     time.Time
	staleDays int
	// postmortems are those in the window (all without one), whose action
	// items count; incidents those of them that are dated and whose times
	// lie in the KB's range of dates (see charted), oldest first.
	postmortems, incidents, runbooks []*content.Doc
	// facts holds what each postmortem adds to the figures, once worked
	// out.
	facts map[*content.Doc]*docFacts
}

// figures counts the incidents, the action items of actionsOf and items
// and, withRunbooks, the runbooks.
func (in *statsInput) figures(incidents, actionsOf []*content.Doc, items []*content.ActionItem, runbooks []*content.Doc, withRunbooks bool) Figures {
	f := Figures{Incidents: len(incidents), BySeverity: make(map[string]int, len(in.kb.Config.Severities))}
	for _, s := range in.kb.Config.Severities {
		f.BySeverity[s] = 0
	}
	var detect, contain, resolve []time.Duration
	for _, d := range incidents {
		if s := d.Meta.Severity; s != "" {
			f.BySeverity[s]++
		}
		x := in.factsOf(d)
		detect = appendKnown(detect, x.detect)
		contain = appendKnown(contain, x.contain)
		resolve = appendKnown(resolve, x.resolve)
	}
	f.TimeToDetect, f.TimeToContain, f.TimeToResolve = spanOf(detect), spanOf(contain), spanOf(resolve)
	f.BlastRadius = blastRadius(incidents)
	var count actionCount
	for _, d := range actionsOf {
		count.merge(in.factsOf(d).actions)
	}
	for _, it := range items {
		count.add(it, in.today)
	}
	f.Actions = count.figures()
	if withRunbooks {
		r := runbookFigures(runbooks, in.today, in.staleDays)
		f.Runbooks = &r
	}
	return f
}

// docFacts are what a postmortem adds to the figures of each group it is
// in, worked out once: its durations (-1 when not known) and the counts of
// its action items.
type docFacts struct {
	detect, contain, resolve time.Duration
	actions                  ActionFigures
}

func (in *statsInput) factsOf(d *content.Doc) *docFacts {
	if x := in.facts[d]; x != nil {
		return x
	}
	known := func(span func() (time.Duration, bool)) time.Duration {
		if v, ok := span(); ok && v >= 0 {
			return v
		}
		return -1
	}
	x := &docFacts{detect: known(d.TimeToDetect), contain: known(d.TimeToContain), resolve: known(d.TimeToResolve)}
	var count actionCount
	for i := range d.Actions {
		count.add(&d.Actions[i], in.today)
	}
	x.actions = count.a
	if in.facts == nil {
		in.facts = map[*content.Doc]*docFacts{}
	}
	in.facts[d] = x
	return x
}

func appendKnown(ds []time.Duration, d time.Duration) []time.Duration {
	if d >= 0 {
		return append(ds, d)
	}
	return ds
}

func appendSpan(ds []time.Duration, span func() (time.Duration, bool)) []time.Duration {
	if d, ok := span(); ok && d >= 0 {
		return append(ds, d)
	}
	return ds
}

// spanOf is the median and p90 of ds, as the trends page works them out;
// it sorts ds.
func spanOf(ds []time.Duration) Span {
	s := Span{Count: len(ds), Median: "–", P90: "–"}
	if len(ds) == 0 {
		return s
	}
	slices.Sort(ds)
	median, p90 := sortedPercentile(ds, 50), sortedPercentile(ds, 90)
	s.MedianMinutes, s.P90Minutes = roundMinutes(median), roundMinutes(p90)
	s.Median, s.P90 = FormatDuration(median), FormatDuration(p90)
	return s
}

func roundMinutes(d time.Duration) float64 { return math.Round(d.Minutes()*10) / 10 }

func blastRadius(incidents []*content.Doc) BlastRadius {
	b := BlastRadius{Users: make(map[string]int, len(UserBands))}
	bands := make([]int, len(UserBands))
	for _, d := range incidents {
		im := &d.Meta.Impact
		if im.Given {
			b.Given++
		}
		bands[userBand(im)]++
		if im.HasUsers {
			b.UsersAffected += im.Users
		}
		if im.HasDataLost && im.DataLost {
			b.DataLost++
		}
		if len(im.Regions) > 1 {
			b.MultiRegion++
		}
	}
	for i, band := range UserBands {
		b.Users[band] = bands[i]
	}
	return b
}

// userBand is the place in UserBands of the band an incident's users
// affected lie in.
func userBand(im *content.Impact) int {
	switch {
	case !im.HasUsers:
		return 3
	case im.Users < 1000:
		return 0
	case im.Users < 100000:
		return 1
	default:
		return 2
	}
}

// actionCount counts action items; an overdue item is open or in progress
// and past its due date, as the action board has it.
type actionCount struct{ a ActionFigures }

func (c *actionCount) add(it *content.ActionItem, today time.Time) {
	a := &c.a
	a.Opened++
	switch {
	case it.Status == content.StatusDone:
		a.Done++
	case it.Status == content.StatusWontDo:
		a.WontDo++
	case it.Open():
		a.Open++
	}
	if _, late := overdueDays(*it, today); late {
		a.Overdue++
	}
}

// merge adds the counts of other.
func (c *actionCount) merge(other ActionFigures) {
	c.a.Opened += other.Opened
	c.a.Done += other.Done
	c.a.WontDo += other.WontDo
	c.a.Open += other.Open
	c.a.Overdue += other.Overdue
}

// figures are the counts, with the completion rate.
func (c *actionCount) figures() ActionFigures {
	a := c.a
	if counted := a.Opened - a.WontDo; counted > 0 {
		rate := math.Round(float64(a.Done)*1000/float64(counted)) / 10
		a.CompletionRate = &rate
	}
	return a
}

// overdueDays reports how many days an open action item is past its due
// date, and whether it is.
func overdueDays(a content.ActionItem, today time.Time) (int, bool) {
	days := ageDays(a.Due, today)
	return days, a.Open() && a.Due.Set && days > 0
}

func runbookFigures(runbooks []*content.Doc, today time.Time, staleDays int) RunbookFigures {
	r := RunbookFigures{Total: len(runbooks)}
	for _, d := range runbooks {
		switch freshnessOf(d, today, staleDays).State {
		case "fresh":
			r.Fresh++
		case "due":
			r.Due++
		case "stale":
			r.Stale++
		case "never":
			r.Never++
		}
	}
	return r
}

// recurring lists the contributing factors and tags that came back within
// 90 days, as the trends page does.
func (in *statsInput) recurring() []Recurrence {
	out := []Recurrence{}
	for _, r := range recurrences(in.incidents, func(d *content.Doc) *content.Doc { return d }) {
		rec := Recurrence{Kind: r.kind, Name: r.name, Incidents: len(r.items), Latest: []string{}}
		for i := len(r.items) - 1; i >= 0 && len(rec.Latest) < recurrenceLatest; i-- {
			rec.Latest = append(rec.Latest, docURL(r.items[i]))
		}
		out = append(out, rec)
	}
	return out
}

// dayOf is the day of t at midnight UTC, today for a zero t.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// inWindow reports whether the day of t lies within [since, until], an end
// that is zero being open.
func inWindow(t, since, until time.Time) bool {
	day := t.Format(time.DateOnly)
	return (since.IsZero() || day >= since.Format(time.DateOnly)) && (until.IsZero() || day <= until.Format(time.DateOnly))
}

// quarterOf names the quarter of t: 2026-Q1.
func quarterOf(t time.Time) string {
	return t.Format("2006") + "-Q" + string(rune('1'+(int(t.Month())-1)/3))
}

// noCommander and noService name the groups of incidents without one.
const (
	noCommander = "(no incident commander)"
	noService   = "(no service)"
)

// groupKey folds a group's name for matching, as the taxonomies do.
func groupKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
