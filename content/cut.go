package content

import "unicode/utf8"

// CutText returns s when it has at most limit bytes. A longer s is cut to
// its longest prefix that leaves room for mark within limit and ends at a
// character boundary, and mark is added: "…" where the reader should see
// that the text goes on, "" for a bare prefix (a file name, a URL
// segment). A cut never splits a UTF-8 sequence; the result is longer
// than limit only when mark itself is.
func CutText(s string, limit int, mark string) string {
	if len(s) <= limit {
		return s
	}
	cut := max(0, limit-len(mark))
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}
