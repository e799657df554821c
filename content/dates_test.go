package content

import (
	"testing"
	"time"
)

// TestDatesOfAnyYearAreRead checks that a date is read as written whatever
// its year: 0001-01-01, time.Time's zero, is a date given, not a missing one.
func TestDatesOfAnyYearAreRead(t *testing.T) {
	for _, tc := range []struct {
		name, front string
		set         bool
		want        string
	}{
		{"year 1", "date: 0001-01-01", true, "0001-01-01T00:00:00Z"},
		{"year 0", "date: 0000-01-01", true, "0000-01-01T00:00:00Z"},
		{"year 1 timestamp", "date: 0001-01-01T00:00:00Z", true, "0001-01-01T00:00:00Z"},
		{"year 9999", "date: 9999-12-31", true, "9999-12-31T00:00:00Z"},
		{"none", "title: x", false, ""},
		{"empty", "date:", false, ""},
		{"not a date", "date: soon", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := parse(t, "notes/x.md", "---\n"+tc.front+"\n---\n")
			if doc.Date.Set != tc.set || doc.Date.IsZero() == tc.set {
				t.Fatalf("date set %v, IsZero %v; want set %v", doc.Date.Set, doc.Date.IsZero(), tc.set)
			}
			if tc.set && doc.Date.Format(time.RFC3339) != tc.want {
				t.Errorf("date %s, want %s", doc.Date.Format(time.RFC3339), tc.want)
			}
		})
	}
}

// TestYearOneTimesAreSet checks the same for the incident times, review
// dates, due dates and timeline entries.
func TestYearOneTimesAreSet(t *testing.T) {
	doc, errs := parse(t, "postmortems/x.md", `---
started: 0001-01-01T00:00:00Z
resolved: 0001-01-01T01:00:00Z
last_reviewed: 0001-01-01
actions:
  - what: Fix it
    due: 0001-01-01
---

## Timeline

- 0001-01-01 — the day
`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for name, v := range map[string]Time{"started": doc.Meta.Started, "resolved": doc.Meta.Resolved, "last_reviewed": doc.Meta.LastReviewed,
		"due": doc.Actions[0].Due, "timeline": doc.Timeline[0].Time} {
		if !v.Set || v.Year() != 1 {
			t.Errorf("%s: set %v, year %d; want a set year 1", name, v.Set, v.Year())
		}
	}
	if d, ok := doc.TimeToResolve(); !ok || d != time.Hour {
		t.Errorf("time to resolve %v %v, want 1h", d, ok)
	}
}

func TestParseTimeLeapSecond(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		want string
	}{
		{"2016-12-31T23:59:60Z", true, "2017-01-01T00:00:00Z"},
		{"2016-12-31T23:59:60.5Z", true, "2017-01-01T00:00:00.5Z"},
		{"2016-12-31 23:59:60", true, "2017-01-01T00:00:00Z"},
		{"2016-12-31T23:59:60", true, "2017-01-01T00:00:00Z"},
		{"2017-01-01T01:59:60+02:00", true, "2017-01-01T00:00:00Z"}, // 23:59:60 UTC
		{"2016-12-31T12:30:60Z", false, ""},                         // not the last minute of a UTC day
		{"2016-12-31T23:59:60+02:00", false, ""},                    // 21:59:60 UTC
		{"2016-12-31T23:59:61Z", false, ""},
		{"2016-12-31T23:59:600Z", false, ""},
		{"2016-12-31T23:59:59Z", true, "2016-12-31T23:59:59Z"},
	} {
		got, ok := ParseTime(tc.in)
		if ok != tc.ok || ok && got.UTC().Format(time.RFC3339Nano) != tc.want {
			t.Errorf("ParseTime(%q) = %s, %v; want %s, %v", tc.in, got.UTC().Format(time.RFC3339Nano), ok, tc.want, tc.ok)
		}
	}
}

func TestTimelineLeapSecond(t *testing.T) {
	doc, _ := parse(t, "postmortems/x.md", `---
started: 2016-12-31T23:50:00Z
---

## Timeline

- 23:59:60 — the leap second
- 12:30:60 — no such second
`)
	if len(doc.Timeline) != 2 {
		t.Fatalf("timeline %+v", doc.Timeline)
	}
	if e := doc.Timeline[0]; !e.Readable || !e.Time.Set || e.Time.UTC().Format(time.RFC3339) != "2017-01-01T00:00:00Z" {
		t.Errorf("leap second entry: readable %v, time %s", e.Readable, e.Time.Format(time.RFC3339))
	}
	if e := doc.Timeline[1]; e.Readable || e.Time.Set {
		t.Errorf("second 60 outside the last UTC minute read as %s", e.Time.Format(time.RFC3339))
	}
}

// civilDays counts the days from 0000-01-01 to y-m-d the long way, year by
// year and month by month, as a check on DaysBetween.
func civilDays(y, m, d int) int64 {
	leap := func(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
	var n int64
	for yy := 0; yy < y; yy++ {
		n += 365
		if leap(yy) {
			n++
		}
	}
	lengths := []int64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	for mm := 1; mm < m; mm++ {
		n += lengths[mm-1]
		if mm == 2 && leap(y) {
			n++
		}
	}
	return n + int64(d-1)
}

func TestDaysBetween(t *testing.T) {
	utc := func(y, m, d, h int) time.Time { return time.Date(y, time.Month(m), d, h, 0, 0, 0, time.UTC) }
	east := time.FixedZone("east", 10*3600)
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     int64
	}{
		{"same day", utc(2026, 3, 1, 1), utc(2026, 3, 1, 23), 0},
		{"a day", utc(2026, 2, 28, 23), utc(2026, 3, 1, 0), 1},
		{"leap day", utc(2024, 2, 28, 0), utc(2024, 3, 1, 0), 2},
		{"backwards", utc(2026, 11, 21, 0), utc(2026, 11, 1, 0), -20},
		{"year 0 to 2026", utc(0, 1, 1, 0), utc(2026, 11, 21, 0), civilDays(2026, 11, 21)},
		{"year 1 to 2026", utc(1, 1, 1, 0), utc(2026, 11, 21, 0), civilDays(2026, 11, 21) - 366},
		{"beyond a Duration", utc(1000, 1, 1, 0), utc(9999, 12, 31, 0), civilDays(9999, 12, 31) - civilDays(1000, 1, 1)},
		{"each in its zone", time.Date(2026, 3, 2, 1, 0, 0, 0, east), utc(2026, 3, 2, 0), 0},
	} {
		if got := DaysBetween(tc.from, tc.to); got != tc.want {
			t.Errorf("%s: %d days, want %d", tc.name, got, tc.want)
		}
	}
}

// TestDayNumberAgreesWithTime checks the integer day count against
// time.Time's own arithmetic on dates from year -3000 to 3000.
func TestDayNumberAgreesWithTime(t *testing.T) {
	for y := -3000; y <= 3000; y += 7 {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {2, 29}, {3, 1}, {7, 15}, {12, 31}} {
			day := time.Date(y, time.Month(md[0]), md[1], 13, 5, 0, 0, time.UTC)
			want := day.Unix() / 86400 // floor division, for days before 1970 too
			if day.Unix()%86400 < 0 {
				want--
			}
			if got := dayNumber(day); got != want {
				t.Fatalf("dayNumber(%s) = %d, want %d", day.Format("2006-01-02"), got, want)
			}
		}
	}
}
