package content

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	// The zones timelines name ("all times PT") are read from Go's own
	// copy of the time zone database, so that a KB reads the same on a
	// machine without one.
	_ "time/tzdata"
)

// zoneAbbreviations maps the zone names teams write in timelines to the
// zone they mean. Daylight-saving names (PDT, CEST) map to the whole zone:
// teams write "PST" all year round.
var zoneAbbreviations = map[string]string{
	"UTC": "UTC", "GMT": "UTC", "Z": "UTC",
	"PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
	"MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver", "MOUNTAIN": "America/Denver",
	"CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago", "CENTRAL": "America/Chicago",
	"ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York", "EASTERN": "America/New_York",
	"CET": "Europe/Paris", "CEST": "Europe/Paris", "EET": "Europe/Helsinki", "EEST": "Europe/Helsinki",
	"WET": "Europe/Lisbon", "WEST": "Europe/Lisbon", "BST": "Europe/London",
	"IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong",
	"AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
}

// knownZones loads the zones of zoneAbbreviations once; it is not changed
// afterwards.
var knownZones = sync.OnceValue(func() map[string]*time.Location {
	out := make(map[string]*time.Location, len(zoneAbbreviations))
	for abbr, name := range zoneAbbreviations {
		if loc, err := time.LoadLocation(name); err == nil {
			out[abbr] = loc
		}
	}
	return out
})

var utcOffsetZone = regexp.MustCompile(`^(?i:utc|gmt)([+-])(\d{1,2})(?::?(\d{2}))?$`)

// zoneCache holds the zones of the database a document's timelines named
// ("Europe/Copenhagen"), and the names that are none, so that each name
// is looked up once a document however often it is written: a lookup
// reads the file system.
type zoneCache struct {
	loaded map[string]*time.Location // nil for a name of no zone
}

// load returns the zone of the database of that name, nil for none.
func (z *zoneCache) load(name string) *time.Location {
	if loc, ok := z.loaded[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	if z.loaded == nil {
		z.loaded = map[string]*time.Location{}
	}
	z.loaded[name] = loc
	return loc
}

// named returns the zone a name stands for: an abbreviation ("PT",
// "CET"), an offset from UTC ("UTC+2") or a zone of the database
// ("Europe/Copenhagen"); nil when it names none.
func (z *zoneCache) named(name string) *time.Location {
	if loc, ok := knownZones()[strings.ToUpper(name)]; ok {
		return loc
	}
	if m := utcOffsetZone.FindStringSubmatch(name); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins, _ := strconv.Atoi(m[3])
		off := (h*60 + mins) * 60
		if m[1] == "-" {
			off = -off
		}
		if h <= 14 && mins < 60 {
			return time.FixedZone(strings.ToUpper(name), off)
		}
	}
	if strings.Contains(name, "/") {
		return z.load(name)
	}
	return nil
}

// in returns the zone a heading names: "Timeline (all times PT)",
// "Timeline (UTC)", "Timeline — CET", "Time (Europe/Berlin)". Abbreviations
// count in capitals only, so that words of the heading are not read as
// zones.
func (z *zoneCache) in(title string) *time.Location {
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/_+-:", r))
	}) {
		if w != strings.ToUpper(w) && !strings.Contains(w, "/") && !isZoneWord(w) {
			continue
		}
		if loc := z.named(w); loc != nil {
			return loc
		}
	}
	return nil
}

// isZoneWord reports the zone names written as words: "Pacific time".
func isZoneWord(w string) bool {
	switch w {
	case "Pacific", "Eastern", "Central", "Mountain":
		return true
	}
	return false
}

var dayOrdinal = regexp.MustCompile(`(?i)^\s*day\s+(\d{1,2}|one|two|three|four|five|six|seven)\b`)

var dayWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

// isDayNumber reports "Day 2", "Day two".
func isDayNumber(s string) bool { return dayOrdinal.MatchString(s) }

// dayOffset sets the clock's day from "Day N", counted from the incident's
// first day.
func (c *timelineClock) dayOffset(s string) {
	m := dayOrdinal.FindStringSubmatch(s)
	if m == nil || !c.base.Set {
		return
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = dayWords[strings.ToLower(m[1])]
	}
	c.day, c.last = At(c.base.AddDate(0, 0, n-1)), Time{}
}

// dayFromHeading sets the clock's day from a heading that gives one:
// "Timeline - May 29, 2021", "### 2018-04-18", "### Day two".
func (c *timelineClock) dayFromHeading(title string) {
	if isDayNumber(title) {
		c.dayOffset(title)
		return
	}
	if t, ok := dateIn(title); ok {
		c.day, c.last = At(t), Time{}
	}
}
