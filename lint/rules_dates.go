package lint

import (
	"fmt"
	"strconv"

	"github.com/kb-tools/kb/content"
)

// timeKeys are the front matter keys besides date that hold a date or a
// time, in the order they are reported.
var timeKeys = []string{"started", "detected", "mitigated", "resolved", "last_reviewed", "last_drilled"}

// datedValue is one date a document gives, where it is written and what
// it is: what names it in messages, around a %s for the date; charted
// says the date decides whether a postmortem is in the trends charts.
type datedValue struct {
	what    string
	t       content.Time
	pos     content.Pos
	charted bool
}

// charts are the dates that place a postmortem in the trends charts.
var charts = map[string]bool{"date": true, "started": true, "detected": true, "mitigated": true, "resolved": true}

// datedValues lists every date of a document: its front matter dates, the
// date of its file name, its action items' due dates and its timeline.
func datedValues(d *content.Doc) []datedValue {
	m := d.Meta
	byKey := map[string]content.Time{"started": m.Started, "detected": m.Detected, "mitigated": m.Mitigated,
		"resolved": m.Resolved, "last_reviewed": m.LastReviewed, "last_drilled": m.LastDrilled}
	var out []datedValue
	if v, ok := docDate(d); ok {
		out = append(out, v)
	}
	for _, k := range timeKeys {
		if pos, ok := d.ValuePos(k); ok && byKey[k].Set {
			out = append(out, datedValue{k + " %s", byKey[k], pos, charts[k]})
		}
	}
	for _, a := range d.Actions {
		if a.Due.Set {
			out = append(out, datedValue{"due date %s of " + strconv.Quote(short(a.What)), a.Due, a.DuePos, false})
		}
	}
	for _, e := range d.Timeline {
		if e.Time.Set {
			out = append(out, datedValue{"timeline time %s", e.Time, e.Pos, d.Date.Set && e.Pos == d.DatePos})
		}
	}
	return out
}

// docDate is the document's date when it comes from the date: key or the
// file name; one taken from the timeline is listed with its entry.
func docDate(d *content.Doc) (datedValue, bool) {
	if !d.Date.Set {
		return datedValue{}, false
	}
	if pos, ok := d.ValuePos("date"); ok && pos == d.DatePos {
		return datedValue{"date %s", d.Date, d.DatePos, true}, true
	}
	for _, e := range d.Timeline {
		if e.Pos == d.DatePos {
			return datedValue{}, false
		}
	}
	return datedValue{"date %s of the file name", d.Date, d.DatePos, true}, true
}

// plausible reports whether t is unset or in the KB's range of dates.
func (p *Pass) plausible(t content.Time) bool {
	return !t.Set || p.Config.KB.Dates.Contains(t.Time, p.Today)
}

func runDateRange(p *Pass) {
	r := p.Config.KB.Dates
	for _, v := range datedValues(p.Doc) {
		if p.plausible(v.t) {
			continue
		}
		what := fmt.Sprintf(v.what, v.t.Format("2006-01-02"))
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
	}
}
