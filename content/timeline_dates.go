package content

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The dates timelines are written with besides YYYY-MM-DD: "18-04-2018"
// (day first, as in most of the world; read month first when the day
// cannot be a month), "April 18, 2018", "18 April 2018", with an optional
// weekday before them.
const weekday = `(?:(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`

var (
	numericDate  = regexp.MustCompile(`^\s*` + weekday + `(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b`)
	monthDayYear = regexp.MustCompile(`^\s*` + weekday + `(?i:(` + monthName + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b,?`)
	dayMonthYear = regexp.MustCompile(`^\s*` + weekday + `(?i:(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthName + `),?\s+(\d{4}))\b,?`)
	// isoDateInText is a YYYY-MM-DD with no digit or hyphen touching it
	// (2019-04-18-rc1 is a version, not a date).
	isoDateInText = regexp.MustCompile(`(?:^|[^\d-])(\d{4}-\d{2}-\d{2})(?:$|[^\d-])`)
)

// leadingDate reads a date in one of those forms at the start of text. It
// returns the date as YYYY-MM-DD and the length of text it took.
func leadingDate(text string) (iso string, n int, ok bool) {
	t := strings.TrimLeft(text, " \t")
	if !mayStartDate(t) {
		return "", 0, false
	}
	if m := numericDate.FindStringSubmatch(text); m != nil {
		d, mo, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if mo > 12 && d <= 12 {
			d, mo = mo, d
		}
		if t, ok := civilDate(y, mo, d); ok {
			return t, len(m[0]), true
		}
		return "", 0, false
	}
	for _, re := range []*regexp.Regexp{monthDayYear, dayMonthYear} {
		m := re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		month, day := m[1], m[2]
		if re == dayMonthYear {
			month, day = m[2], m[1]
		}
		mo, okM := monthOf(month)
		if !okM {
			continue
		}
		if t, ok := civilDate(atoi(m[3]), int(mo), atoi(day)); ok {
			return t, len(m[0]), true
		}
	}
	return "", 0, false
}

// mayStartDate is the cheap test before the regular expressions: a day
// number with a separator or a space after it ("18-04", "18 April"), or a
// word that may be a month's or a weekday's name; not a year, which
// leadingTime reads.
func mayStartDate(t string) bool {
	if len(t) < 6 {
		return false
	}
	switch c := t[0]; {
	case c >= '0' && c <= '9':
		i := 1
		if t[1] >= '0' && t[1] <= '9' {
			i = 2
		}
		return strings.IndexByte("-./ sntr", t[i]) >= 0
	case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		w := t[:min(len(t), 3)]
		_, month := monthOf(w)
		return month || weekdayStart(w)
	}
	return false
}

func weekdayStart(w string) bool {
	switch strings.ToLower(w) {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun":
		return true
	}
	return false
}

// dateIn finds a date anywhere in a heading: "Timeline - May 29, 2021".
func dateIn(title string) (time.Time, bool) {
	if m := isoDateInText.FindStringSubmatch(title); m != nil {
		t, err := time.Parse("2006-01-02", m[1])
		return t, err == nil
	}
	for i := 0; i < len(title); i++ {
		if i > 0 && title[i-1] != ' ' && title[i-1] != '(' && title[i-1] != '-' {
			continue
		}
		if iso, _, ok := leadingDate(title[i:]); ok {
			t, err := time.Parse("2006-01-02", iso)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// civilDate returns YYYY-MM-DD of a date that exists.
func civilDate(y, m, d int) (string, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 0 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
