package mdscan

import (
	"bytes"
	"sort"
	"strings"
)

// The renderer (goldmark) and kb's own link reader do work out of
// proportion to the input on some markup: each unclosed code span, link
// destination or title is searched for to the end of its paragraph or
// line, each closing emphasis marker looks back through every opener still
// unmatched, each "]" of a paragraph costs a walk over its remaining
// lines, and every container (block quote, list item) is re-entered on
// each of its lines. kb measures that work as it reads a document, in
// linear time, and a document that would exceed these bounds is shown as
// plain text with one error at the first place it does (see
// a Halt).
const (
	// maxNesting bounds how deep block quotes and list items nest, and how
	// deep link brackets nest within one paragraph.
	maxNesting = 32
	// inlineWorkPerByte and inlineWorkBase bound the inline work of a
	// paragraph of n bytes at inlineWorkPerByte*n + inlineWorkBase.
	inlineWorkPerByte = 32
	inlineWorkBase    = 4096
)

// InlineOverBudget reports whether the inline markup of text (one
// paragraph, possibly of several lines) would cost the renderer work out
// of proportion to its length; at is the offset in text where the bound
// is first passed and why says which.
func InlineOverBudget[T ~string | ~[]byte](text T) (at int, why string, over bool) {
	if withinBudget(text) {
		return 0, "", false
	}
	t := []byte(text)
	m := inlineMeter{
		text:   t,
		ticks:  indexBacktickRuns(t),
		budget: inlineBudget(len(t)),
		lines:  bytes.Count(t, []byte{'\n'}) + 1,
	}
	return m.run()
}

func inlineBudget(n int) int { return inlineWorkPerByte*n + inlineWorkBase }

// withinBudget reports, from a count of the bytes the meter looks at,
// that text cannot pass the bounds, so that the meter need not run: no
// more brackets than may nest, and each of the c markers costing at most
// a walk over the paragraph (2n bytes and its lines) and over the other
// markers.
func withinBudget[T ~string | ~[]byte](text T) bool {
	var costly, brackets, lines int
	switch t := any(text).(type) {
	case string:
		costly, brackets, lines = countMarkupString(t)
	default:
		costly, brackets, lines = countMarkup([]byte(text))
	}
	if costly == 0 {
		return true
	}
	return brackets <= maxNesting && costly*(2*len(text)+lines+costly+1) <= inlineBudget(len(text))
}

// countMarkup counts the markers the meter looks at, the link brackets
// and the lines of text. bytes.Count looks for one byte many at a time,
// so seven counts cost less than one loop over the bytes.
func countMarkup(t []byte) (costly, brackets, lines int) {
	brackets = bytes.Count(t, []byte{'['})
	costly = brackets + bytes.Count(t, []byte{']'}) + bytes.Count(t, []byte{'`'}) +
		bytes.Count(t, []byte{'*'}) + bytes.Count(t, []byte{'_'}) + bytes.Count(t, []byte{'~'})
	return costly, brackets, bytes.Count(t, []byte{'\n'}) + 1
}

// countMarkupString is countMarkup of a string.
func countMarkupString(t string) (costly, brackets, lines int) {
	brackets = strings.Count(t, "[")
	costly = brackets + strings.Count(t, "]") + strings.Count(t, "`") +
		strings.Count(t, "*") + strings.Count(t, "_") + strings.Count(t, "~")
	return costly, brackets, strings.Count(t, "\n") + 1
}

// inlineMeter walks a paragraph once, as the inline parsers would, and
// adds up an upper estimate of their work.
type inlineMeter struct {
	text   []byte
	ticks  backtickRuns
	budget int
	work   int
	// lines is the paragraph's line count, line the current line (0-based).
	lines, line int
	open        int // link brackets open
	emphasis    emphasisMeter
	// space, angle and quote find the next white space, '>' and title
	// closer at or after a position that only grows.
	space, angle finder
	quote        [3]finder
}

func (m *inlineMeter) run() (at int, why string, over bool) {
	t := m.text
	for i := 0; i < len(t); {
		switch c := t[i]; c {
		case '\n':
			m.line++
			i++
		case '\\':
			i++
			if i < len(t) && t[i] != '\n' {
				i++
			}
		case '`':
			i = m.backticks(i)
		case '[':
			m.open++
			if m.open > maxNesting {
				return i, WhyBrackets, true
			}
			i++
		case ']':
			m.closeBracket(i)
			i++
		case '*', '_', '~':
			n := runLenBytes(t, i, c)
			m.work += m.emphasis.run(t, i, n)
			i += n
		default:
			i++
		}
		if m.work > m.budget {
			return min(i, len(t)-1), WhyInline, true
		}
	}
	return 0, "", false
}

// backticks accounts for the backtick run at i and returns the offset
// after it, or after the code span it opens.
func (m *inlineMeter) backticks(i int) int {
	n := runLenBytes(m.text, i, '`')
	end := m.ticks.closer(i+n, n)
	if end < 0 {
		// Searched for to the end of the paragraph, a line at a time.
		m.work += len(m.text) - i + m.lines - m.line
		return i + n
	}
	m.line += bytes.Count(m.text[i:end], []byte{'\n'})
	return end + n
}

// closeBracket accounts for a "]" at i: the renderer looks up the label,
// walking the paragraph's remaining lines, and reads an inline link's
// destination and title when "(" follows.
func (m *inlineMeter) closeBracket(i int) {
	if m.open == 0 {
		return
	}
	m.open--
	m.work += m.lines - m.line
	t := m.text
	k := i + 1
	if k >= len(t) || t[k] != '(' {
		return
	}
	k++
	for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
		k++
	}
	if k < len(t) && t[k] == '<' {
		end := m.angle.next(t, k, func(c byte) bool { return c == '>' || c == '\n' })
		m.work += end - k
		return
	}
	end := m.space.next(t, k, func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' })
	m.work += end - k
	for end < len(t) && (t[end] == ' ' || t[end] == '\t' || t[end] == '\n') {
		end++
	}
	if end < len(t) {
		if q := titleQuote(t[end]); q >= 0 {
			closer := [3]byte{'"', '\'', ')'}[q]
			stop := m.quote[q].next(t, end+1, func(c byte) bool { return c == closer })
			m.work += stop - end
		}
	}
}

// titleQuote returns the index of a link title's opening character in
// `"`, `'`, `(`, or -1.
func titleQuote(c byte) int {
	switch c {
	case '"':
		return 0
	case '\'':
		return 1
	case '(':
		return 2
	}
	return -1
}

func runLenBytes(t []byte, i int, c byte) int {
	n := 0
	for i+n < len(t) && t[i+n] == c {
		n++
	}
	return n
}

// finder returns the next offset at or after a position whose byte
// matches; the positions asked for never decrease, so that all the
// searches of one finder take linear time together.
type finder struct {
	from, found int
	valid       bool
}

// next returns the first offset >= from whose byte matches, or len(t).
func (f *finder) next(t []byte, from int, match func(byte) bool) int {
	if f.valid && from >= f.from && from <= f.found {
		f.from = from
		return f.found
	}
	start := from
	if f.valid && from >= f.from && f.found+1 > start {
		start = f.found + 1
	}
	i := start
	for i < len(t) && !match(t[i]) {
		i++
	}
	f.from, f.found, f.valid = from, i, true
	return i
}

// backtickRuns indexes the maximal runs of backticks of a text by length,
// so that the run closing a code span is found without a scan.
type backtickRuns map[int][]int

func indexBacktickRuns(t []byte) backtickRuns {
	runs := backtickRuns{}
	for i := 0; i < len(t); {
		j := bytes.IndexByte(t[i:], '`')
		if j < 0 {
			break
		}
		i += j
		n := runLenBytes(t, i, '`')
		runs[n] = append(runs[n], i)
		i += n
	}
	return runs
}

// closer returns the start of the first run of exactly n backticks at or
// after from, or -1.
func (r backtickRuns) closer(from, n int) int {
	starts := r[n]
	k := sort.SearchInts(starts, from)
	if k == len(starts) {
		return -1
	}
	return starts[k]
}

// emphasisMeter follows the emphasis and strikethrough markers of a
// paragraph: a closing marker costs the renderer a look back over the
// openers still unmatched, down to the one it closes, or over all of them
// when none does.
type emphasisMeter struct {
	openers []opener
	// byChar holds the indexes in openers of the openers of each marker
	// character, innermost last.
	byChar [3][]int
}

type opener struct {
	length int
	both   bool // can also close
}

func markerIndex(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return 2
}

// run accounts for the run of n markers at i and returns its work.
func (e *emphasisMeter) run(t []byte, i, n int) int {
	c := t[i]
	before, after := byte('\n'), byte('\n')
	if i > 0 {
		before = t[i-1]
	}
	if i+n < len(t) {
		after = t[i+n]
	}
	canOpen, canClose := flanking(c, before, after)
	k := markerIndex(c)
	work := 1
	if canClose {
		// The few innermost openers of the character are tried, as the
		// renderer tries them all; past those, all are counted.
		idx := e.byChar[k]
		for m := len(idx) - 1; m >= 0 && m >= len(idx)-4; m-- {
			if j := idx[m]; matches(e.openers[j], opener{n, canOpen}) {
				work += len(e.openers) - j
				e.truncate(j)
				return work
			}
		}
		work += len(e.openers)
	}
	if canOpen {
		e.openers = append(e.openers, opener{length: n, both: canClose})
		e.byChar[k] = append(e.byChar[k], len(e.openers)-1)
	}
	return work
}

// matches reports whether a closer may close an opener of its character:
// not when either may both open and close and their lengths add up to a
// multiple of 3 that is not made of two (CommonMark's rule of 3).
func matches(o, closer opener) bool {
	if !o.both && !closer.both {
		return true
	}
	return (o.length+closer.length)%3 != 0 || o.length%3 == 0 && closer.length%3 == 0
}

// truncate drops the openers from index j on, as a match does.
func (e *emphasisMeter) truncate(j int) {
	e.openers = e.openers[:j]
	for k := range e.byChar {
		idx := e.byChar[k]
		for len(idx) > 0 && idx[len(idx)-1] >= j {
			idx = idx[:len(idx)-1]
		}
		e.byChar[k] = idx
	}
}

// flanking tells whether a run of marker c between before and after may
// open and close emphasis, after CommonMark's flanking rules.
func flanking(c, before, after byte) (canOpen, canClose bool) {
	left := !isSpaceByte(after) && (!isASCIIPunct(after) || isSpaceByte(before) || isASCIIPunct(before))
	right := !isSpaceByte(before) && (!isASCIIPunct(before) || isSpaceByte(after) || isASCIIPunct(after))
	if c == '_' {
		return left && (!right || isASCIIPunct(before)), right && (!left || isASCIIPunct(after))
	}
	return left, right
}
