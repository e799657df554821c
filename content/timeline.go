package content

import (
	"regexp"
	"strings"
	"time"
)

// timelineClock gives clock-only timeline entries ("14:02") their day: the
// last full date seen in the timeline, else the incident's start, else the
// document date; a clock that runs backwards by more than six hours has
// passed midnight.
type timelineClock struct {
	day  Time
	last Time
	// base is the incident's first day, from which "Day 2" counts.
	base Time
	// zone is the zone of times that name none: the one the timeline's
	// heading or a line under it names, else UTC (nil).
	zone *time.Location
	// zones are the zones the document's timelines named.
	zones zoneCache
}

func newTimelineClock(doc *Doc) *timelineClock {
	base := doc.Meta.Started
	if !base.Set {
		base = doc.Date
	}
	c := &timelineClock{}
	if base.Set {
		u := base.UTC()
		c.day = At(time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC))
		c.base = c.day
	}
	return c
}

// readTime parses the time at the start of text. It returns the entry with
// its event text, or ok=false when text does not start with a time.
func (c *timelineClock) readTime(text string) (e TimelineEntry, ok bool) {
	// A date written another way ("April 18, 2018", "18-04-2018") is read
	// as YYYY-MM-DD; the entry keeps the text as written.
	read, skew := text, 0
	if iso, n, found := leadingDate(text); found {
		read, skew = iso+" "+text[n:], n-len(iso)-1
	}
	m, found := matchLeadingTime(read)
	if !found {
		return e, false
	}
	date, clock, ampm, zone := m.date, m.clock, strings.ToLower(m.ampm), m.zone
	end := min(max(m.end+skew, 0), len(text))
	if zone == "" && clock != "" {
		// A zone named by its abbreviation ("09:05 PT — …").
		if z, n := leadingZoneWord(text[end:]); z != "" {
			zone, end = z, end+n
		}
	}
	e.TimeText = strings.TrimRight(strings.TrimSpace(text[:end]), "—–|:-, ")
	e.Event = strings.TrimSpace(text[end:])
	loc := c.zone
	if zone != "" || loc == nil {
		loc = c.zones.of(zone)
	}
	if date != "" {
		d, err := time.ParseInLocation("2006-01-02", date, loc)
		if err != nil {
			return e, true
		}
		c.day = At(d)
		e.Time = At(d)
		e.Readable = clock == ""
	}
	if clock == "" {
		return e, true
	}
	h, mi, s, ok := parseClock(clock, ampm)
	if !ok || s == 60 && !lastMinuteOfUTCDay(h, mi, loc) {
		return e, true
	}
	e.Readable = true
	if !c.day.Set {
		return e, true
	}
	t := time.Date(c.day.Year(), c.day.Month(), c.day.Day(), h, mi, s, 0, loc)
	if date == "" && c.last.Set && c.last.Sub(t) > 6*time.Hour {
		c.day = At(c.day.AddDate(0, 0, 1))
		t = t.AddDate(0, 0, 1)
	}
	e.Time, e.HasClock = At(t), true
	c.last = At(t)
	return e, true
}

// leadingZoneWord reads a zone abbreviation in capitals at the start of
// text ("PT — Alert fires") and the separator after it; it returns the
// abbreviation and the length taken, or "" when text starts with none.
func leadingZoneWord(text string) (string, int) {
	n := 0
	for n < len(text) && n < 5 && text[n] >= 'A' && text[n] <= 'Z' {
		n++
	}
	if n < 2 || n < len(text) && text[n] != ' ' && text[n] != ':' && text[n] != ')' && text[n] != ',' {
		return "", 0
	}
	if _, ok := zoneAbbreviations[text[:n]]; !ok {
		return "", 0
	}
	m := leadingSeparator.FindStringIndex(text[n:])
	return text[:n], n + m[1]
}

var leadingSeparator = regexp.MustCompile(`^\)?\s*(?:[—–|:]|-(?:\s|$)|\s|$)?\s*`)

// lastMinuteOfUTCDay reports whether the clock time h:m in loc is 23:59
// UTC, the only minute that can hold a leap second (:60). time.Date reads
// such a second as the first of the next minute, as ParseTime does.
func lastMinuteOfUTCDay(h, m int, loc *time.Location) bool {
	u := time.Date(2000, 1, 1, h, m, 0, 0, loc).UTC()
	return u.Hour() == 23 && u.Minute() == 59
}

// of returns the zone a time names after it ("UTC", "PT", "+02:00"),
// UTC when it names none.
func (z *zoneCache) of(zone string) *time.Location {
	switch {
	case zone == "", strings.EqualFold(zone, "z"), strings.EqualFold(zone, "utc"), strings.EqualFold(zone, "gmt"):
		return time.UTC
	}
	if loc := z.named(zone); loc != nil {
		return loc
	}
	offset := strings.Replace(zone, ":", "", 1)
	t, err := time.Parse("-0700", offset)
	if err != nil {
		return time.UTC
	}
	_, off := t.Zone()
	return time.FixedZone(zone, off)
}

// parseClock reads "9:05", "14:02" or "14:02:33", with "am" or "pm";
// seconds may be 60, a leap second, which the caller places.
func parseClock(clock, ampm string) (h, m, s int, ok bool) {
	var v [3]int
	part, digits := 0, 0
	for i := 0; i < len(clock); i++ {
		c := clock[i]
		switch {
		case c == ':':
			if digits == 0 || part > 0 && digits != 2 || part == 2 {
				return 0, 0, 0, false
			}
			part, digits = part+1, 0
		case c >= '0' && c <= '9' && digits < 2:
			v[part] = v[part]*10 + int(c-'0')
			digits++
		default:
			return 0, 0, 0, false
		}
	}
	if part == 0 || digits != 2 {
		return 0, 0, 0, false
	}
	h, m, s = v[0], v[1], v[2]
	if h > 23 || m > 59 || s > 60 {
		return 0, 0, 0, false
	}
	switch {
	case ampm == "pm" && h < 12:
		h += 12
	case ampm == "am" && h == 12:
		h = 0
	}
	return h, m, s, true
}

var (
	dateOnly     = regexp.MustCompile(`^\s*\d{4}-\d{2}-\d{2}\s*$`)
	leadingClock = regexp.MustCompile(`^\s*\d{1,2}:\d{2}`)
)

func isDateOnly(s string) bool { return dateOnly.MatchString(s) }
