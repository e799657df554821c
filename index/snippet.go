package index

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// SnippetBytes is about how long a snippet is, in bytes of its text.
const SnippetBytes = 160

// Mark is a matched word in a snippet: the bytes Snippet[Start:End].
type Mark struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ellipsis stands where a snippet leaves text out.
const ellipsis = "…"

// span is one occurrence of a matched term in the body.
type span struct {
	start, end int
	term       string
}

// snippet cuts the part of body around the best run of matched terms (the
// most distinct terms, then the most occurrences, within about
// three quarters of a snippet), on word boundaries, with markdown's
// markers and control characters left out and white space folded. It
// returns the text and the byte ranges of the matched words in it. With
// no match in the body, the snippet is the body's beginning.
func snippet(body string, locs search.TermLocationMap) (string, []Mark) {
	spans := bodySpans(body, locs)
	begin := 0
	if len(spans) > 0 {
		first, last := bestRun(spans)
		runStart, runEnd := spans[first].start, spans[last].end
		if lead := max(0, (SnippetBytes-(runEnd-runStart))/3); runStart > SnippetBytes/2 {
			// Not near the start: begin a little before the run.
			begin = wordStart(body, runStart-lead, runStart)
		}
	}
	return cutSnippet(body, begin, mergeSpans(spans))
}

// bodySpans lists the occurrences of matched terms in body, by position.
func bodySpans(body string, locs search.TermLocationMap) []span {
	var spans []span
	for term, ls := range locs {
		for _, l := range ls {
			s, e := int(l.Start), int(l.End)
			if s >= 0 && s < e && e <= len(body) {
				spans = append(spans, span{s, e, term})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		if spans[i].end != spans[j].end {
			return spans[i].end > spans[j].end
		}
		return spans[i].term < spans[j].term
	})
	return spans
}

// bestRun returns the first and last span of the window of spans, at most
// three quarters of a snippet wide, with the most distinct terms, then
// the most spans; the earliest such window wins.
func bestRun(spans []span) (first, last int) {
	width := SnippetBytes * 3 / 4
	count := map[string]int{}
	bestTerms, bestSpans := 0, 0
	i := 0
	for j, s := range spans {
		count[s.term]++
		for s.end-spans[i].start > width && i < j {
			if count[spans[i].term]--; count[spans[i].term] == 0 {
				delete(count, spans[i].term)
			}
			i++
		}
		if n := j - i + 1; len(count) > bestTerms || (len(count) == bestTerms && n > bestSpans) {
			bestTerms, bestSpans, first, last = len(count), n, i, j
		}
	}
	return first, last
}

// mergeSpans joins overlapping spans (an identifier and its parts) into
// the ranges to mark.
func mergeSpans(spans []span) []span {
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// wordStart moves from to the start of a word: back to just after white
// space at most 16 bytes before it, else forward to the next word, but
// never past limit.
func wordStart(body string, from, limit int) int {
	if from == 0 || isSpaceByte(body[from-1]) {
		return from
	}
	for i := from - 1; i >= max(0, from-16); i-- {
		if isSpaceByte(body[i]) {
			return i + 1
		}
	}
	for i := from; i < limit; i++ {
		if isSpaceByte(body[i]) {
			return i + 1
		}
	}
	return limit
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// snippetCutter writes the cleaned text of a snippet and maps the marks.
type snippetCutter struct {
	body  string
	out   strings.Builder
	marks []Mark
	// space is a space owed before the next text; lineStart says the
	// source is at the start of a line (markdown's block markers count).
	space, lineStart bool
	// nextMark is where the next span to mark starts (len(body) if none).
	nextMark int
}

// cutSnippet writes the snippet of body from begin on.
func cutSnippet(body string, begin int, spans []span) (string, []Mark) {
	c := &snippetCutter{body: body, lineStart: begin == 0 || body[begin-1] == '\n'}
	if begin > 0 {
		c.out.WriteString(ellipsis)
		c.space = true
	}
	next := 0 // the first span not yet passed
	i := begin
	for i < len(body) {
		for next < len(spans) && spans[next].start < i {
			next++ // inside text left out, such as a link's address
		}
		c.nextMark = len(body)
		if next < len(spans) {
			c.nextMark = spans[next].start
		}
		if next < len(spans) && spans[next].start == i {
			c.flushSpace()
			start := c.out.Len()
			c.out.WriteString(Printable(body[i:spans[next].end]))
			c.marks = append(c.marks, Mark{start, c.out.Len()})
			i = spans[next].end
			next++
			c.lineStart = false
			continue
		}
		if c.out.Len() >= SnippetBytes && isSpaceByte(body[i]) || c.out.Len() >= SnippetBytes+48 {
			break
		}
		i = c.step(i)
	}
	text := strings.TrimRight(c.out.String(), " ")
	if i < len(body) && strings.TrimSpace(body[i:]) != "" {
		text += " " + ellipsis
	}
	return text, c.marks
}

// step writes what the source at i stands for and returns where it ends.
func (c *snippetCutter) step(i int) int {
	body := c.body
	r, w := utf8.DecodeRuneInString(body[i:])
	switch {
	case r == '\n':
		c.space, c.lineStart = true, true
		return i + w
	case unicode.IsSpace(r):
		c.space = true
		return i + w
	case c.lineStart:
		if n := blockMarker(body[i:]); n > 0 {
			c.space = true
			return i + n
		}
	}
	c.lineStart = false
	switch {
	case r == ']' && strings.HasPrefix(body[i+1:], "("):
		// A link's address: the text in brackets says enough, unless a
		// word found is in the address.
		if end := strings.IndexAny(body[i:], ")\n"); end > 0 && body[i+end] == ')' && c.nextMark >= i+end {
			return i + end + 1
		}
		return i + w
	case isNoise(r):
		return i + w
	}
	c.flushSpace()
	c.out.WriteString(body[i : i+w])
	return i + w
}

// flushSpace writes the space owed, if any text is written already.
func (c *snippetCutter) flushSpace() {
	if c.space && c.out.Len() > 0 {
		c.out.WriteByte(' ')
	}
	c.space = false
}

// blockMarker returns the length of a markdown block marker at the start
// of s: headings (#), quotes (>), list bullets, table rules and thematic
// breaks made of - = | : and spaces.
func blockMarker(s string) int {
	switch {
	case strings.HasPrefix(s, "#") || strings.HasPrefix(s, ">"):
		return len(s) - len(strings.TrimLeft(s, "#>"))
	case len(s) > 1 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ':
		return 2
	}
	line, _, _ := strings.Cut(s, "\n")
	if strings.Trim(line, "-=|: \t") == "" && strings.ContainsAny(line, "-=") {
		return len(line)
	}
	return 0
}

// isNoise reports the characters left out of snippets: markdown's inline
// markers and control characters (which a terminal would obey).
func isNoise(r rune) bool {
	switch r {
	case '*', '`', '|', '[', ']', '#':
		return true
	}
	return unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Cf, r)
}

// Printable returns s with its control and format characters left out,
// which a terminal would obey: a matched word of a snippet, or a title or
// facet value that kb search prints.
func Printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}
