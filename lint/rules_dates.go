package lint

import (
	"fmt"

	"github.com/kb-tools/kb/content"
)

// timeKeys are the front matter keys besides date that hold a date or a
// time, in the order they are reported.
var timeKeys = []string{"started", "detected", "mitigated", "resolved", "last_reviewed", "last_drilled"}

// datedValue is one date a document gives, where it is written and what
// it is: what names it in messages, around a %s for the date (and a %q
// for item, an action item's text, when item is set); charted says the
// date decides whether a postmortem is in the trends charts.
type datedValue struct {
	what    string
	item    string
	t       content.Time
	pos     content.Pos
	charted bool
}

// name is what a message calls the value.
func (v datedValue) name() string {
	date := v.t.Format("2006-01-02")
	if v.item != "" {
		return fmt.Sprintf(v.what, date, short(v.item))
	}
	return fmt.Sprintf(v.what, date)
}

// charts are the dates that place a postmortem in the trends charts.
var charts = map[string]bool{"date": true, "started": true, "detected": true, "mitigated": true, "resolved": true}

// metaTime is the front matter time of key.
func metaTime(m *content.Meta, key string) content.Time {
	switch key {
	case "started":
		return m.Started
	case "detected":
		return m.Detected
	case "mitigated":
		return m.Mitigated
	case "resolved":
		return m.Resolved
	case "last_reviewed":
		return m.LastReviewed
	case "last_drilled":
		return m.LastDrilled
	}
	return content.Time{}
}

// eachDatedValue calls fn with every date of a document: its front matter
// dates, the date of its file name, its action items' due dates and its
// timeline.
func eachDatedValue(d *content.Doc, fn func(datedValue)) {
	if v, ok := docDate(d); ok {
		fn(v)
	}
	for _, k := range timeKeys {
		if t := metaTime(&d.Meta, k); t.Set {
			if pos, ok := d.ValuePos(k); ok {
				fn(datedValue{what: k + " %s", t: t, pos: pos, charted: charts[k]})
			}
		}
	}
	for _, a := range d.Actions {
		if a.Due.Set {
			fn(datedValue{what: "due date %s of %q", item: a.What, t: a.Due, pos: a.DuePos})
		}
	}
	for _, e := range d.Timeline {
		if e.Time.Set {
			fn(datedValue{what: "timeline time %s", t: e.Time, pos: e.Pos, charted: d.Date.Set && e.Pos == d.DatePos})
		}
	}
}

// docDate is the document's date when it comes from the date: key, the
// file name or the title; one taken from the timeline is listed with its
// entry.
func docDate(d *content.Doc) (datedValue, bool) {
	if !d.Date.Set {
		return datedValue{}, false
	}
	switch d.DateFrom {
	case content.DateFromFrontMatter:
		return datedValue{what: "date %s", t: d.Date, pos: d.DatePos, charted: true}, true
	case content.DateFromTitle:
		return datedValue{what: "date %s of the title", t: d.Date, pos: d.DatePos, charted: true}, true
	case content.DateFromTimeline:
		return datedValue{}, false
	}
	return datedValue{what: "date %s of the file name", t: d.Date, pos: d.DatePos, charted: true}, true
}

// plausible reports whether t is unset or in the KB's range of dates.
func (p *Pass) plausible(t content.Time) bool {
	return !t.Set || p.Config.KB.Dates.Contains(t.Time, p.Today)
}

func runDateRange(p *Pass) {
	r := p.Config.KB.Dates
	eachDatedValue(p.Doc, func(v datedValue) {
		if p.plausible(v.t) {
			return
		}
		what := v.name()
		msg := fmt.Sprintf("%s is more than %d days after today (%s)", what, r.MaxDaysAhead, p.Today.Format("2006-01-02"))
		suggestion := "Check the year; kb.yaml dates.max_days_ahead moves the limit."
		if v.t.Before(r.Earliest) {
			msg = fmt.Sprintf("%s is before %s, the earliest date kb takes as real", what, r.Earliest.Format("2006-01-02"))
			suggestion = "Check the year (1026 for 2026?); kb.yaml dates.earliest moves the limit."
		}
		if v.charted && p.Doc.Kind == content.KindPostmortem {
			suggestion += " Until then the postmortem is left out of the trends charts."
		}
		p.Report(v.pos, msg, suggestion)
	})
}
