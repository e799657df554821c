package content

import (
	"github.com/kb-tools/kb/content/mdscan"
	"regexp"
	"strings"
	"time"
)

// timelineRow reads an entry from a timeline table row. With a header kb
// knows, the date and time columns are joined, in whatever order they
// stand; else the first column is the time and the rest the event.
func (r *formReader) timelineRow(texts []string, pos Pos) {
	cols := r.table.when
	var when string
	var rest []string
	if !cols.known {
		when, rest = texts[0], texts[1:]
		if len(rest) > 1 && isDateOnly(when) && leadingClock.MatchString(rest[0]) {
			when, rest = when+" "+rest[0], rest[1:]
		}
	} else {
		when = strings.TrimSpace(cellAt(texts, cols.date) + " " + cellAt(texts, cols.time))
		if cols.date >= 0 && cols.time >= 0 {
			r.clock.dayOffset(cellAt(texts, cols.date))
			if isDayNumber(cellAt(texts, cols.date)) {
				when = cellAt(texts, cols.time)
			}
		}
		for _, i := range cols.events {
			if t := cellAt(texts, i); t != "" {
				rest = append(rest, t)
			}
		}
	}
	zone := r.clock.zone
	if cols.zone != nil {
		r.clock.zone = cols.zone
	}
	e, ok := r.clock.readTime(when)
	r.clock.zone = zone
	if !ok {
		e = TimelineEntry{TimeText: strings.TrimSpace(when)}
	}
	if t := cellAt(texts, cols.time); cols.date >= 0 && cols.time >= 0 && t != "" && !e.HasClock && !leadingClock.MatchString(t) && !isDateOnly(t) {
		// A time column of its own that kb cannot read ("late evening",
		// "~01:00?"): the day may be known, the time is not.
		e.Readable, e.TimeText = false, strings.TrimSpace(when)
	}
	e.Event = joinEvent(e.Event, rest)
	r.addEntry(e, pos)
}

// joinEvent returns a row's event: the text after its time and the cells
// of its other columns, joined with spaces and trimmed. The common rows,
// whose event is one cell, are not copied.
func joinEvent(event string, rest []string) string {
	switch {
	case len(rest) == 0:
		return strings.TrimSpace(event)
	case event == "" && len(rest) == 1:
		return strings.TrimSpace(rest[0]) // " "+rest[0], trimmed
	}
	return strings.TrimSpace(strings.Join(append([]string{event}, rest...), " "))
}

func cellAt(texts []string, i int) string {
	if i < 0 || i >= len(texts) {
		return ""
	}
	return strings.TrimSpace(texts[i])
}

// addEntry appends a timeline entry read in the current section.
func (r *formReader) addEntry(e TimelineEntry, pos Pos) {
	e.Pos, e.SectionLine = pos, r.top().line
	r.doc.Timeline = append(r.doc.Timeline, e)
}

// timelineLine reads a line of plain text that starts with a time; other
// text goes to the entry a timeline heading opened, if any.
func (r *formReader) timelineLine(text string, pos Pos) {
	if e, ok := r.clock.readTime(text); ok {
		r.addEntry(e, pos)
		return
	}
	if r.entry >= 0 && r.entry < len(r.doc.Timeline) {
		e := &r.doc.Timeline[r.entry]
		e.Event = strings.TrimSpace(e.Event + " " + strings.TrimSpace(text))
	}
}

// timelineItems reads the list items of a timeline: each that starts with
// a time is an entry, at any depth; the text of the others goes to the
// entry of the heading above them ("### 14:02").
func (r *formReader) timelineItems(items []pendingItem) {
	for _, it := range items {
		text := mdscan.PlainText(strings.Join(it.lines, " "), r.refs)
		if it.depth > 0 && !leadingTimeLike(text) {
			continue
		}
		r.timelineLine(text, it.pos)
	}
}

// timelineParagraph reads the lines of a paragraph in a timeline: "All
// times in CET" sets the section's zone, a line that starts with a time is
// an entry.
func (r *formReader) timelineParagraph(lines []paraText) {
	for _, l := range lines {
		line := strings.ReplaceAll(strings.Trim(l.text, "*_ \t"), "**", "")
		if loc := r.clock.zones.statement(line); loc != nil {
			r.setZone(loc)
			continue
		}
		r.timelineLine(mdscan.PlainText(line, r.refs), l.pos)
	}
}

// setZone gives the current timeline section, and its sub-sections, a
// time zone.
func (r *formReader) setZone(loc *time.Location) {
	if n := len(r.sections); n > 0 {
		r.sections[n-1].zone = loc
	}
	r.clock.zone = loc
}

// zoneSentence is a line that says the zone of a timeline's times: "All
// times in CET.", "Times are UTC", "(all times PT)".
var zoneSentence = regexp.MustCompile(`(?i)^\(?\s*(?:all\s+)?times?\s+(?:are\s+)?(?:in\s+|shown in\s+|given in\s+)?(?:the\s+)?([A-Za-z][A-Za-z/_+\-0-9:]*)(?:\s+time)?\s*\)?\.?$`)

// statement returns the zone a line such as "All times in CET." names.
func (z *zoneCache) statement(line string) *time.Location {
	if m := zoneSentence.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
		return z.named(m[1])
	}
	return nil
}

// timelineHeading reads a sub-heading of a timeline: "### 14:02" or "###
// 2018-04-18 12:35" is an entry whose event is the heading's rest and the
// text under it; a heading with a date alone ("### April 18, 2018", "###
// Day two") gives the day of the clock times under it.
func (r *formReader) timelineHeading(title string, pos Pos, line int) {
	if e, ok := r.clock.readTime(title); ok {
		if e.HasClock || !e.Time.Set && e.Readable {
			e.Pos, e.SectionLine = pos, line
			r.doc.Timeline = append(r.doc.Timeline, e)
			r.entry = len(r.doc.Timeline) - 1
		}
		return
	}
	r.clock.dayFromHeading(title)
}

// leadingTimeLike reports text that starts with a digit, the cheap test
// before reading a nested item as a timeline entry.
func leadingTimeLike(text string) bool {
	t := strings.TrimSpace(text)
	return t != "" && (t[0] >= '0' && t[0] <= '9' || len(t) > 3 && isMonthStart(t))
}

func isMonthStart(t string) bool {
	w, _, _ := strings.Cut(t, " ")
	_, ok := monthOf(strings.Trim(w, ".,"))
	return ok
}
