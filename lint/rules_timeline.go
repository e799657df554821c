package lint

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

func timelineRules() []*Rule {
	return []*Rule{
		{Name: "timeline/order", Severity: Error, Scope: PerDoc, Run: runTimelineOrder,
			Doc: "started ≤ detected ≤ mitigated ≤ resolved must hold, or time to detect and resolve come out negative; timeline entries should run forward."},
		{Name: "timeline/missing", Severity: Error, Scope: PerDoc, Run: runTimelineMissing,
			Doc: "A SEV1 or SEV2 postmortem (the two most severe levels of kb.yaml) without started, detected and resolved times: the incidents that matter most would drop out of MTTD and MTTR."},
		{Name: "timeline/timestamp", Severity: Warning, Scope: PerDoc, Run: runTimelineTimestamps,
			Doc: "Timeline entries whose time kb cannot read (HH:MM, YYYY-MM-DD HH:MM, \"April 18, 2018 12:35\", with the zone in the heading), reported once per timeline section, or a time after --today (past kb.yaml's range of dates, schema/date-range reports it instead)."},
	}
}

type namedTime struct {
	key string
	t   content.Time
}

func incidentTimes(d *content.Doc) []namedTime {
	m := d.Meta
	return []namedTime{{"started", m.Started}, {"detected", m.Detected}, {"mitigated", m.Mitigated}, {"resolved", m.Resolved}}
}

func runTimelineOrder(p *Pass) {
	d := p.Doc
	var prev namedTime
	for _, nt := range incidentTimes(d) {
		if !nt.t.Set {
			continue
		}
		if prev.t.Set && nt.t.Before(prev.t.Time) {
			p.Report(keyPos(d, nt.key), fmt.Sprintf("%s (%s) is before %s (%s)", nt.key, nt.t.Format(time.RFC3339), prev.key, prev.t.Format(time.RFC3339)),
				"Check the date and the time zone: times are UTC unless they say otherwise.")
		}
		prev = nt
	}
	var last content.TimelineEntry
	for _, e := range d.Timeline {
		if !e.HasClock {
			continue
		}
		if last.HasClock && e.Time.Before(last.Time.Time) {
			p.Report(e.Pos, fmt.Sprintf("timeline entry %s is earlier than the entry before it (%s)", short(e.TimeText), short(last.TimeText)),
				"Order the entries by time, or give the date when the timeline crosses midnight.")
		}
		last = e
	}
}

func runTimelineMissing(p *Pass) {
	d := p.Doc
	if !severe(p, d) {
		return
	}
	var missing []string
	for _, nt := range incidentTimes(d) {
		if !nt.t.Set && nt.key != "mitigated" {
			missing = append(missing, nt.key)
		}
	}
	if len(missing) > 0 {
		p.Report(keyPos(d, "severity"), fmt.Sprintf("%s postmortem lacks %v", d.Meta.Severity, missing),
			"Add the times (UTC, YYYY-MM-DDTHH:MM:SSZ) to the front matter; estimates are fine when marked so in the timeline.")
	}
}

func runTimelineTimestamps(p *Pass) {
	d := p.Doc
	tomorrow := p.Today.AddDate(0, 0, 1)
	reportUnreadable(p, d)
	for _, e := range d.Timeline {
		if !e.Readable {
			continue
		}
		if e.Time.Set && !e.Time.Before(tomorrow) && p.plausible(e.Time) { // else schema/date-range says it
			p.Report(e.Pos, fmt.Sprintf("timeline time %s is in the future (today is %s)", e.Time.Format("2006-01-02 15:04"), p.Today.Format("2006-01-02")), "")
		}
	}
	for _, nt := range incidentTimes(d) {
		if nt.t.Set && !nt.t.Before(tomorrow) && p.plausible(nt.t) {
			p.Report(keyPos(d, nt.key), fmt.Sprintf("%s %s is in the future (today is %s)", nt.key, nt.t.Format(time.RFC3339), p.Today.Format("2006-01-02")), "")
		}
	}
}

// reportUnreadable reports the timeline times kb cannot read once per
// timeline section, at the first of them, with the first few as written:
// a table of estimates is one thing to fix, not one per row.
func reportUnreadable(p *Pass, d *content.Doc) {
	const shown = 3
	var order []int
	bySection := map[int][]content.TimelineEntry{}
	for _, e := range d.Timeline {
		if e.Readable {
			continue
		}
		if _, seen := bySection[e.SectionLine]; !seen {
			order = append(order, e.SectionLine)
		}
		bySection[e.SectionLine] = append(bySection[e.SectionLine], e)
	}
	for _, line := range order {
		es := bySection[line]
		if len(es) == 1 {
			p.Report(es[0].Pos, fmt.Sprintf("timeline time %q is not a time kb can read", short(es[0].TimeText)), unreadableHint)
			continue
		}
		quoted := make([]string, 0, shown)
		for _, e := range es[:min(shown, len(es))] {
			quoted = append(quoted, strconv.Quote(short(e.TimeText)))
		}
		if len(es) > shown {
			quoted = append(quoted, "…")
		}
		p.Report(es[0].Pos, fmt.Sprintf("%d timeline times in %s are not times kb can read: %s", len(es), sectionName(d, line), strings.Join(quoted, ", ")), unreadableHint)
	}
}

const unreadableHint = "Write HH:MM (UTC), or YYYY-MM-DD HH:MM; name the zone in the heading (\"Timeline (all times PT)\"); mark an estimate in the event text."

// sectionName names the section whose heading is on line, for a message.
func sectionName(d *content.Doc, line int) string {
	for _, s := range d.Sections {
		if s.Pos.Line == line {
			return fmt.Sprintf("%q", short(s.Title))
		}
	}
	return "the timeline"
}
