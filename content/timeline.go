package content

import (
	"regexp"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// timelineClock gives clock-only timeline entries ("14:02") their day: the
// last full date seen in the timeline, else the incident's start, else the
// document date; a clock that runs backwards by more than six hours has
// passed midnight.
type timelineClock struct {
	day  time.Time
	last time.Time
}

func newTimelineClock(doc *Doc) *timelineClock {
	base := doc.Meta.Started
	if base.IsZero() {
		base = doc.Date
	}
	c := &timelineClock{}
	if !base.IsZero() {
		base = base.UTC()
		c.day = time.Date(base.Year(), base.Month(), base.Day(), 0, 0, 0, 0, time.UTC)
	}
	return c
}

// leadingTime matches a date and/or a clock time at the start of a line,
// with an optional zone, and the separator after it.
var leadingTime = regexp.MustCompile(`^\s*` +
	`(?:(\d{4}-\d{2}-\d{2})(?:[ T,]+(\d{1,2}:\d{2}(?::\d{2})?)|[ T,]+(?i:hh:mm(?::ss)?))?` +
	`|(\d{1,2}:\d{2}(?::\d{2})?))` +
	`\s*((?i:am|pm))?\s*(Z\b|(?i:utc|gmt)\b|[+-]\d{2}:?\d{2}\b)?` +
	`\s*(?:[—–|:]|-(?:\s|$)|\s|$)\s*`)

// readTime parses the time at the start of text. It returns the entry with
// its event text, or ok=false when text does not start with a time.
func (c *timelineClock) readTime(text string) (e TimelineEntry, ok bool) {
	m := leadingTime.FindStringSubmatch(text)
	if m == nil {
		return e, false
	}
	date, clock, ampm, zone := m[1], m[2]+m[3], strings.ToLower(m[4]), m[5]
	e.TimeText = strings.TrimRight(strings.TrimSpace(text[:len(m[0])]), "—–|:- ")
	e.Event = strings.TrimSpace(text[len(m[0]):])
	loc := zoneOf(zone)
	if date != "" {
		d, err := time.ParseInLocation("2006-01-02", date, loc)
		if err != nil {
			return e, true
		}
		c.day = d
		e.Time = d
		e.Readable = clock == ""
	}
	if clock == "" {
		return e, true
	}
	h, mi, s, ok := parseClock(clock, ampm)
	if !ok {
		return e, true
	}
	e.Readable = true
	if c.day.IsZero() {
		return e, true
	}
	t := time.Date(c.day.Year(), c.day.Month(), c.day.Day(), h, mi, s, 0, loc)
	if date == "" && !c.last.IsZero() && c.last.Sub(t) > 6*time.Hour {
		c.day = c.day.AddDate(0, 0, 1)
		t = t.AddDate(0, 0, 1)
	}
	e.Time, e.HasClock = t, true
	c.last = t
	return e, true
}

func zoneOf(zone string) *time.Location {
	switch {
	case zone == "", strings.EqualFold(zone, "z"), strings.EqualFold(zone, "utc"), strings.EqualFold(zone, "gmt"):
		return time.UTC
	}
	z := strings.Replace(zone, ":", "", 1)
	t, err := time.Parse("-0700", z)
	if err != nil {
		return time.UTC
	}
	_, off := t.Zone()
	return time.FixedZone(zone, off)
}

func parseClock(clock, ampm string) (h, m, s int, ok bool) {
	layout := "15:04"
	if strings.Count(clock, ":") == 2 {
		layout = "15:04:05"
	}
	t, err := time.Parse(layout, clock)
	if len(clock) == 4 || len(clock) == 7 { // "9:05"
		t, err = time.Parse(strings.Replace(layout, "15", "3", 1), clock)
	}
	if err != nil {
		return 0, 0, 0, false
	}
	h = t.Hour()
	switch {
	case ampm == "pm" && h < 12:
		h += 12
	case ampm == "am" && h == 12:
		h = 0
	}
	return h, t.Minute(), t.Second(), true
}

func (s *bodyScanner) timelineBlock(n ast.Node) {
	switch b := n.(type) {
	case *extast.Table:
		s.timelineTable(b)
	case *ast.List:
		for li := b.FirstChild(); li != nil; li = li.NextSibling() {
			if first := li.FirstChild(); first != nil {
				s.timelineLine(inlineText(first, s.src), s.nodePos(li))
			}
		}
	case *ast.Paragraph:
		s.timelineParagraph(b)
	}
}

func (s *bodyScanner) timelineTable(t *extast.Table) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*extast.TableHeader); ok {
			continue
		}
		cells := rowCells(row, s.src)
		if len(cells) == 0 || strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		when, rest := cells[0], cells[1:]
		if len(rest) > 1 && isDateOnly(when) && leadingClock.MatchString(rest[0]) {
			when, rest = when+" "+rest[0], rest[1:]
		}
		e, ok := s.clockTZ.readTime(when)
		if !ok {
			e = TimelineEntry{TimeText: strings.TrimSpace(when)}
		}
		e.Event = strings.TrimSpace(strings.Join(append([]string{e.Event}, rest...), " "))
		e.Pos = s.nodePos(row)
		s.doc.Timeline = append(s.doc.Timeline, e)
	}
}

var (
	dateOnly     = regexp.MustCompile(`^\s*\d{4}-\d{2}-\d{2}\s*$`)
	leadingClock = regexp.MustCompile(`^\s*\d{1,2}:\d{2}`)
)

func isDateOnly(s string) bool { return dateOnly.MatchString(s) }

// timelineParagraph reads a paragraph whose lines each start with a time.
func (s *bodyScanner) timelineParagraph(p *ast.Paragraph) {
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := strings.Trim(string(seg.Value(s.src)), "*_ \t")
		line = strings.ReplaceAll(line, "**", "")
		s.timelineLine(line, s.pos(seg.Start))
	}
}

func (s *bodyScanner) timelineLine(text string, pos Pos) {
	e, ok := s.clockTZ.readTime(text)
	if !ok {
		return
	}
	e.Pos = pos
	s.doc.Timeline = append(s.doc.Timeline, e)
}
