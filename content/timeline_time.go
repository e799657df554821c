package content

// timeMatch is what readTime finds at the start of a timeline text: a
// date (YYYY-MM-DD) and/or a clock time, an am/pm mark, a zone, and the
// length of text they take with the separator after them.
type timeMatch struct {
	date, clock, ampm, zone string
	end                     int
}

// matchLeadingTime reads a date and/or a clock time at the start of
// text, with an optional zone, and the separator after it. It reads what
// the regular expression in timeline_time_test.go (leadingTimeRE)
// matches, with the same groups, as that expression's leftmost-first
// matching would: the date ("2018-04-18"), then a clock after spaces, "T"
// or commas ("12:35", "9:05:30") or a placeholder ("hh:mm"), else a
// clock alone; then "am"/"pm", a zone ("Z", "UTC+2", "+01:00") and a
// separator (a dash, "|", ":", a space or the end), each tried in that
// order and given up when what follows does not fit. A differential test
// and a fuzz target check that the two agree.
func matchLeadingTime(s string) (timeMatch, bool) {
	start := skipTimeSpace(s, 0)
	if isISODateAt(s, start) {
		if m, ok := afterDate(s, start, start+10); ok {
			return m, true
		}
	}
	ends, n := clockEnds(s, start)
	for _, c := range ends[:n] {
		if m, ok := timeTail(s, c); ok {
			m.clock = s[start:c]
			return m, true
		}
	}
	return timeMatch{}, false
}

// afterDate reads what may follow a date that stands at s[start:d]: a
// clock or a placeholder after spaces, "T" or commas, else nothing.
func afterDate(s string, start, d int) (timeMatch, bool) {
	e := d
	for e < len(s) && (s[e] == ' ' || s[e] == 'T' || s[e] == ',') {
		e++
	}
	if e > d {
		ends, n := clockEnds(s, e)
		for _, c := range ends[:n] {
			if m, ok := timeTail(s, c); ok {
				m.date, m.clock = s[start:d], s[e:c]
				return m, true
			}
		}
		ends, n = placeholderEnds(s, e)
		for _, c := range ends[:n] {
			if m, ok := timeTail(s, c); ok {
				m.date = s[start:d]
				return m, true
			}
		}
	}
	m, ok := timeTail(s, d)
	m.date = s[start:d]
	return m, ok
}

// timeTail reads, from offset p after a date or clock, an am/pm mark, a
// zone and the separator, in the order the expression tries them.
func timeTail(s string, p int) (timeMatch, bool) {
	q := skipTimeSpace(s, p)
	if q+1 < len(s) && (s[q]|0x20 == 'a' || s[q]|0x20 == 'p') && s[q+1]|0x20 == 'm' {
		a := q + 2
		z := skipTimeSpace(s, a)
		if c, end, ok := zoneThenSeparator(s, z); ok {
			return timeMatch{ampm: s[q:a], zone: s[z:c], end: end}, true
		}
		if end, ok := separatorAfter(s, a); ok {
			return timeMatch{ampm: s[q:a], end: end}, true
		}
	}
	if c, end, ok := zoneThenSeparator(s, q); ok {
		return timeMatch{zone: s[q:c], end: end}, true
	}
	if end, ok := separatorAfter(s, p); ok {
		return timeMatch{end: end}, true
	}
	return timeMatch{}, false
}

// zoneThenSeparator tries the zones that may stand at z, in the
// expression's order, and returns the end of the first one a separator
// follows, with the end of the match.
func zoneThenSeparator(s string, z int) (zoneEnd, end int, ok bool) {
	ends, n := zoneEnds(s, z)
	for _, c := range ends[:n] {
		if end, ok := separatorAfter(s, c); ok {
			return c, end, true
		}
	}
	return 0, 0, false
}

// separatorAfter reads the separator after offset e: spaces, then a dash,
// "|" or ":", else "-" before a space or the end, else one of the spaces
// or the end of text; then spaces. It returns the offset after them.
func separatorAfter(s string, e int) (int, bool) {
	r := skipTimeSpace(s, e)
	if r < len(s) {
		switch {
		case s[r] == '|' || s[r] == ':':
			return skipTimeSpace(s, r+1), true
		case s[r] == 0xE2 && r+2 < len(s) && s[r+1] == 0x80 && (s[r+2] == 0x94 || s[r+2] == 0x93): // — –
			return skipTimeSpace(s, r+3), true
		case s[r] == '-' && (r+1 == len(s) || isTimeSpace(s[r+1])):
			return skipTimeSpace(s, r+1), true
		}
	}
	if r == len(s) || r > e {
		return r, true
	}
	return 0, false
}

// clockEnds returns the ends a clock time starting at i may have, longest
// first: "12:35:10" then "12:35".
func clockEnds(s string, i int) (ends [2]int, n int) {
	if !isDigitAt(s, i) {
		return ends, 0
	}
	h := i + 1
	if isDigitAt(s, h) {
		h++
	}
	if h >= len(s) || s[h] != ':' || !isDigitAt(s, h+1) || !isDigitAt(s, h+2) {
		return ends, 0
	}
	m := h + 3
	if m < len(s) && s[m] == ':' && isDigitAt(s, m+1) && isDigitAt(s, m+2) {
		ends[n] = m + 3
		n++
	}
	ends[n] = m
	return ends, n + 1
}

// placeholderEnds returns the ends a clock placeholder starting at i may
// have, longest first: "hh:mm:ss" then "hh:mm", in any case.
func placeholderEnds(s string, i int) (ends [2]int, n int) {
	if !hasFoldPrefix(s[i:], "hh:mm") {
		return ends, 0
	}
	m := i + 5
	if m < len(s) && s[m] == ':' {
		if j, ok := foldedS(s, m+1); ok {
			if k, ok := foldedS(s, j); ok {
				ends[n] = k
				n++
			}
		}
	}
	ends[n] = m
	return ends, n + 1
}

// foldedS reports an "s" at i in any case, the long s "ſ" among them, as
// case-insensitive matching reads it, and returns the offset after it.
func foldedS(s string, i int) (int, bool) {
	switch {
	case i < len(s) && s[i]|0x20 == 's':
		return i + 1, true
	case i+1 < len(s) && s[i] == 0xC5 && s[i+1] == 0xBF: // ſ
		return i + 2, true
	}
	return 0, false
}

// zoneEnds returns the ends a zone starting at z may have, in the order
// the expression tries them: "Z"; "UTC" or "GMT" with an offset (two
// digits, then one, each with minutes after a colon, without one, and
// none), then without; an offset "+01:00" or "+0100". Each must end at a
// word boundary.
func zoneEnds(s string, z int) (ends [8]int, n int) {
	add := func(e int) {
		if isWordBoundary(s, e) {
			ends[n] = e
			n++
		}
	}
	if z >= len(s) {
		return ends, 0
	}
	switch {
	case s[z] == 'Z':
		add(z + 1)
	case hasFoldPrefix(s[z:], "utc") || hasFoldPrefix(s[z:], "gmt"):
		base := z + 3
		if base < len(s) && (s[base] == '+' || s[base] == '-') {
			for _, h := range [2]int{2, 1} {
				if !isDigitAt(s, base+1) || h == 2 && !isDigitAt(s, base+2) {
					continue
				}
				e := base + 1 + h
				if e < len(s) && s[e] == ':' && isDigitAt(s, e+1) && isDigitAt(s, e+2) {
					add(e + 3)
				}
				if isDigitAt(s, e) && isDigitAt(s, e+1) {
					add(e + 2)
				}
				add(e)
			}
		}
		add(base)
	case (s[z] == '+' || s[z] == '-') && isDigitAt(s, z+1) && isDigitAt(s, z+2):
		e := z + 3
		if e < len(s) && s[e] == ':' && isDigitAt(s, e+1) && isDigitAt(s, e+2) {
			add(e + 3)
		}
		if isDigitAt(s, e) && isDigitAt(s, e+1) {
			add(e + 2)
		}
	}
	return ends, n
}

// isISODateAt reports "DDDD-DD-DD" at offset i.
func isISODateAt(s string, i int) bool {
	if i+10 > len(s) || s[i+4] != '-' || s[i+7] != '-' {
		return false
	}
	for _, k := range [8]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if !isDigitAt(s, i+k) {
			return false
		}
	}
	return true
}

func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// isTimeSpace reports the white space of the expression's \s.
func isTimeSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipTimeSpace(s string, i int) int {
	for i < len(s) && isTimeSpace(s[i]) {
		i++
	}
	return i
}

// isWordBoundary reports an ASCII word boundary at offset i, as \b.
func isWordBoundary(s string, i int) bool {
	return isASCIIWordAt(s, i-1) != isASCIIWordAt(s, i)
}

func isASCIIWordAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// hasFoldPrefix reports whether s starts with prefix, a lower-case ASCII
// word with ":", in any case. (No letter of the prefixes used has a
// case-folding partner outside ASCII.)
func hasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
