package content

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dueMatch is a due date found in an action item's text or a heading.
type dueMatch struct {
	// start and end delimit the text to cut from the item, keyword included.
	start, end int
	// written is the date as written, for finding it in the source.
	written string
	// t is the due day: the date given, or the last day of the period
	// ("Q1 2026" is due 2026-03-31); readable reports whether one was read.
	t        time.Time
	readable bool
}

// A period is written as an ISO date, a quarter or half ("Q1 2026", "2026
// Q1", "H2 2026"), a month ("March 2026", "end of Mar 2026") or a date with
// the month's name ("March 31, 2026", "31 March 2026").
const (
	monthName   = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	periodGroup = `(\d{4}-\d{2}-\d{2}` +
		`|[qh][1-4][ /]?\d{4}|\d{4}[ -]?[qh][1-4]` +
		`|` + monthName + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}` +
		`|\d{1,2}(?:st|nd|rd|th)?\s+` + monthName + `,?\s+\d{4}` +
		`|` + monthName + `\s+\d{4})\b`
)

var (
	// dueKeyword is a due date after a word that says so: "due 2026-03-01",
	// "by Q1 2026", "Target: March 2026", "ETA: end of Q2 2026".
	dueKeyword = regexp.MustCompile(`(?i)\b(?:due(?: date)?|deadline|target(?: date)?|eta|by|before|until|no later than)\s*[:=]?\s*(?:the\s+)?(?:end\s+of\s+)?` + periodGroup)
	// duePeriod is a period standing alone: quarters and halves in an
	// item, any period in a heading.
	duePeriod = regexp.MustCompile(`(?i)(?:^|[\s(\[,;—–|])` + periodGroup)
	// periodLead is a word before a period that goes with it when cut.
	periodLead = regexp.MustCompile(`(?i)\b(?:in|during|for|by the end of|end of)\s+$`)
	// dueText is a due date kb cannot read: "due: next sprint", "Target: TBD".
	dueText = regexp.MustCompile(`(?i)\b(?:due|deadline|target(?: date)?|eta)\s*[:=]\s*([^,;)]+)`)
	// isoAtEnd is a bare ISO date at the end of an item or after a
	// separator, where teams put the due date: "Add alert — @sre — 2026-03-01".
	isoAtEnd = regexp.MustCompile(`(?:[—–|,;(]\s*|\s)(\d{4}-\d{2}-\d{2})\)?\s*\.?$`)
)

// findDue finds the due date of an item's text (heading is false) or of a
// heading, in which any period counts: "### Q1 2026", "### By March 2026".
func findDue(text string, heading bool) (dueMatch, bool) {
	lower := strings.ToLower(text)
	keyword := false
	for _, k := range dueWords {
		if strings.Contains(lower, k) {
			keyword = true
			break
		}
	}
	if !strings.ContainsAny(text, "0123456789") {
		if keyword && !heading {
			return dueWithoutPeriod(text, heading, keyword)
		}
		return dueMatch{}, false
	}
	if keyword {
		if m, ok := findDueISO(text); ok {
			if t, ok := periodEnd(text[m[2]:m[3]]); ok {
				return dueMatch{start: m[0], end: m[1], written: text[m[2]:m[3]], t: t, readable: true}, true
			}
		}
	}
	if mayNamePeriod(text) {
		if m, ok := namedPeriod(text, heading, keyword); ok {
			return m, true
		}
	}
	return dueWithoutPeriod(text, heading, keyword)
}

// dueWords are the words that may introduce a due date.
var dueWords = []string{"due", "by", "deadline", "target", "eta", "before", "until", "no later"}

// namedPeriod finds a quarter, half or month: after a due word, or
// standing alone (quarters and halves only, in an item).
func namedPeriod(text string, heading, keyword bool) (dueMatch, bool) {
	if keyword {
		if m := dueKeyword.FindStringSubmatchIndex(text); m != nil {
			if t, ok := periodEnd(text[m[2]:m[3]]); ok {
				return dueMatch{start: m[0], end: m[1], written: text[m[2]:m[3]], t: t, readable: true}, true
			}
		}
	}
	for _, m := range duePeriod.FindAllStringSubmatchIndex(text, -1) {
		p := text[m[2]:m[3]]
		if !heading && !isQuarterOrHalf(p) {
			continue
		}
		if t, ok := periodEnd(p); ok {
			start := m[2]
			if k := periodLead.FindStringIndex(text[:start]); k != nil {
				start = k[0] // "in Q1 2026", "during H2 2026" go with it
			}
			return dueMatch{start: start, end: m[3], written: p, t: t, readable: true}, true
		}
	}
	return dueMatch{}, false
}

// dueWithoutPeriod finds the due dates written without a named period: a
// bare ISO date at the end of an item, or a due date kb cannot read.
func dueWithoutPeriod(text string, heading, keyword bool) (dueMatch, bool) {
	if heading {
		return dueMatch{}, false
	}
	if tail := text[max(0, len(text)-14):]; strings.Count(tail, "-") >= 2 {
		if m := isoAtEnd.FindStringSubmatchIndex(text); m != nil {
			if t, ok := periodEnd(text[m[2]:m[3]]); ok {
				return dueMatch{start: m[2], end: m[3], written: text[m[2]:m[3]], t: t, readable: true}, true
			}
		}
	}
	if keyword {
		if m := dueText.FindStringSubmatchIndex(text); m != nil {
			return dueMatch{start: m[0], end: m[1], written: strings.TrimSpace(text[m[2]:m[3]])}, true
		}
	}
	return dueMatch{}, false
}

// mayNamePeriod is the cheap test before the period expressions: a
// quarter or half ("Q1", "H2") or a month's name may stand in text.
func mayNamePeriod(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		c := text[i] | 0x20
		if (c == 'q' || c == 'h') && text[i+1] >= '1' && text[i+1] <= '4' {
			return true
		}
		if i+3 <= len(text) && c >= 'a' && c <= 'z' && (i == 0 || text[i-1] == ' ' || text[i-1] == '(') {
			if _, ok := monthOf(text[i : i+3]); ok {
				return true
			}
		}
	}
	return false
}

func isQuarterOrHalf(p string) bool {
	return strings.ContainsAny(p, "qQhH") && !strings.ContainsAny(p, "aeiouAEIOU")
}

// periodEnd returns the last day of a period: the date itself, the end of
// a quarter, half or month.
func periodEnd(p string) (time.Time, bool) {
	p = strings.TrimSpace(p)
	if t, err := time.Parse("2006-01-02", p); err == nil {
		return t, true
	}
	lower := strings.ToLower(p)
	if isQuarterOrHalf(p) {
		return quarterEnd(lower)
	}
	if t, ok := namedDate(lower); ok {
		return t, true
	}
	f := strings.Fields(strings.ReplaceAll(lower, ",", " "))
	if len(f) == 2 {
		m, okM := monthOf(f[0])
		y, err := strconv.Atoi(f[1])
		if okM && err == nil {
			return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// quarterEnd reads "q1 2026", "2026-q1", "h2/2026".
func quarterEnd(p string) (time.Time, bool) {
	var kind byte
	var n, year int
	digits := ""
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case (c == 'q' || c == 'h') && i+1 < len(p) && p[i+1] >= '1' && p[i+1] <= '4':
			kind, n = c, int(p[i+1]-'0')
			i++
		case c >= '0' && c <= '9':
			digits += string(c)
		}
	}
	year, err := strconv.Atoi(digits)
	if err != nil || len(digits) != 4 || kind == 0 || kind == 'h' && n > 2 {
		return time.Time{}, false
	}
	lastMonth := time.Month(n * 3)
	if kind == 'h' {
		lastMonth = time.Month(n * 6)
	}
	return time.Date(year, lastMonth+1, 0, 0, 0, 0, 0, time.UTC), true
}

// monthOf reads a month's name or its abbreviation.
func monthOf(w string) (time.Month, bool) {
	// Compared without changing case, which would allocate a string a
	// word: monthOf is asked of every word that may start a date.
	w = strings.TrimSuffix(w, ".")
	if len(w) < 3 {
		return 0, false
	}
	if strings.EqualFold(w, "sept") {
		return time.September, true
	}
	for m := time.January; m <= time.December; m++ {
		if name := m.String(); len(w) <= len(name) && strings.EqualFold(name[:len(w)], w) {
			return m, true
		}
	}
	return 0, false
}

// namedDate reads a whole period that is a date with a month's name,
// "march 31, 2026" or "31 march 2026", as timelines read them (leadingDate).
func namedDate(p string) (time.Time, bool) {
	iso, n, ok := leadingDate(p)
	if !ok || strings.TrimSpace(p[n:]) != "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", iso)
	return t, err == nil
}
