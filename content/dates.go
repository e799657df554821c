package content

import (
	"strings"
	"time"
)

// Time is a date or a moment read from a document, and whether one was
// given at all. A time.Time alone cannot tell a missing date from
// 0001-01-01, which is its zero value; kb reads every year, 0000 and 0001
// among them, as the date written (lint then says whether it is plausible).
type Time struct {
	time.Time
	// Set reports that the document gave this time and kb read it.
	Set bool
}

// At returns the Time of a moment that was given.
func At(t time.Time) Time { return Time{Time: t, Set: true} }

// IsZero reports that no time was given. Unlike time.Time's IsZero, it is
// false for a given 0001-01-01T00:00:00Z. Templates that test a date with
// .IsZero get this meaning too.
func (t Time) IsZero() bool { return !t.Set }

// Date and time forms accepted in front matter and action items, grouped by
// what follows the date; a time without a zone is UTC.
var (
	tLayouts = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05",
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04",
	}
	spaceLayouts = []string{
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 -07:00",
		"2006-01-02 15:04:05 MST",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04Z07:00",
		"2006-01-02 15:04 MST",
		"2006-01-02 15:04",
	}
)

// ParseTime reads a date (YYYY-MM-DD) or a timestamp in the forms people
// write in front matter; times without a zone are taken as UTC. A leap
// second (23:59:60 UTC, or the same moment written in another zone) is
// read as the second after it, 00:00:00 of the next day, as POSIX time and
// Go's time.Date count it.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	if t, ok := parseLayouts(s); ok {
		return t, true
	}
	return parseLeapSecond(s)
}

// parseLayouts reads s in the first layout of its group that fits.
func parseLayouts(s string) (time.Time, bool) {
	var layouts []string
	switch {
	case len(s) == 10:
		layouts = []string{"2006-01-02"}
	case s[10] == 'T' || s[10] == 't':
		layouts = tLayouts
	case s[10] == ' ':
		layouts = spaceLayouts
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseLeapSecond reads a timestamp whose seconds are 60. It is a leap
// second only where one can be: in the last minute of a UTC day.
func parseLeapSecond(s string) (time.Time, bool) {
	if len(s) < 19 || s[13] != ':' || s[16] != ':' || s[17:19] != "60" || len(s) > 19 && s[19] >= '0' && s[19] <= '9' {
		return time.Time{}, false
	}
	t, ok := parseLayouts(s[:17] + "59" + s[19:])
	if !ok {
		return time.Time{}, false
	}
	if u := t.UTC(); u.Hour() != 23 || u.Minute() != 59 {
		return time.Time{}, false
	}
	return t.Add(time.Second), true
}

// DaysBetween returns the number of calendar days from the date of from to
// the date of to (each in its own zone), negative when to is earlier. It
// counts on civil dates, so it is right for any year: a time.Duration
// overflows past 292 years.
func DaysBetween(from, to time.Time) int64 {
	return dayNumber(to) - dayNumber(from)
}

// dayNumber numbers the date of t: days since 1970-01-01, counted on the
// proleptic Gregorian calendar with integers alone, right for any year
// time.Time holds.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return daysFromCivil(int64(y), int64(m), int64(d))
}

// daysFromCivil is the day number of year y, month m (1-12), day d, in
// eras of 400 years (146,097 days) from March 1 of year 0.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yearOfEra := y - era*400
	month := m + 9 // March is month 0 of the shifted year
	if m > 2 {
		month = m - 3
	}
	dayOfYear := (153*month+2)/5 + d - 1
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return era*146097 + dayOfEra - 719468
}

// DateRange is the span of dates kb takes as real: none before Earliest,
// none more than MaxDaysAhead days after the day kb runs. A date outside
// it is almost always a typo (1026 for 2026); lint reports it, and the
// trends charts leave its document out rather than stretch their axis
// over a thousand years. kb.yaml sets it under dates:.
type DateRange struct {
	Earliest     time.Time
	MaxDaysAhead int
}

// DefaultMaxDaysAhead is how far ahead of today a date may lie by default.
const DefaultMaxDaysAhead = 365

// DefaultDateRange returns the range of a KB whose kb.yaml sets none:
// from 1990-01-01 to a year after today.
func DefaultDateRange() DateRange {
	return DateRange{Earliest: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), MaxDaysAhead: DefaultMaxDaysAhead}
}

// Contains reports whether the date of t lies in the range, judged on
// calendar days against today.
func (r DateRange) Contains(t, today time.Time) bool {
	return DaysBetween(r.Earliest, t) >= 0 && DaysBetween(today, t) <= int64(r.MaxDaysAhead)
}

// Latest returns the last date of the range for today.
func (r DateRange) Latest(today time.Time) time.Time {
	return today.AddDate(0, 0, r.MaxDaysAhead)
}
