package mdscan

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// text adds the text from..end, on line n, to the current run of text
// lines, starting a new run when it does not follow the last line.
func (s *scanner) text(n, from, end int) {
	if s.runStart >= 0 && n == s.runLast+1 {
		s.runEnd, s.runLast = end, n
		return
	}
	s.flushRun()
	s.runStart, s.runEnd, s.runLine, s.runLast = from, end, n, n
}

// flushRun reads the current run of text lines for links (and code
// spans). A run whose inline markup would cost a renderer work out of
// proportion to its size halts the scan instead.
func (s *scanner) flushRun() {
	if s.runStart >= 0 && !s.halted {
		text := s.src[s.runStart:s.runEnd]
		if at, why, over := InlineOverBudget(text); over {
			line, col := s.runPos(s.runStart + at)
			s.stop(line, s.runStart+at, col, why)
		} else if hasLinkSyntax(text) {
			s.links(s.runStart, text)
		} else if s.opts.codeSpans && bytes.IndexByte(text, '`') >= 0 {
			s.codeSpans(s.runStart, text)
		}
	}
	s.runStart, s.runEnd = -1, -1
}

// runCursor is the line and column (0-based, in characters) of an offset
// in the run of text lines starting at run: links are found in order, and
// each position is counted on from the last.
type runCursor struct {
	run, off, line, col int
}

// runPos returns the line and column of an offset within the current run
// of text lines, counting lines from the run's first.
func (s *scanner) runPos(off int) (line, col int) {
	c := &s.cursor
	if c.run != s.runStart || off < c.off {
		*c = runCursor{run: s.runStart, off: s.runStart, line: s.runLine, col: utf8.RuneCount(s.src[lineStartOf(s.src, s.runStart):s.runStart])}
	}
	for _, b := range s.src[c.off:off] {
		switch {
		case b == '\n':
			c.line++
			c.col = 0
		case utf8.RuneStart(b):
			c.col++
		}
	}
	c.off = off
	return c.line, c.col + 1
}

// links reports the links, images, autolinks (and code spans) of text,
// which starts at offset from of the source and may run over several
// lines. Reference links take their destination from the definitions.
func (s *scanner) links(from int, l []byte) {
	text := string(l)
	var gt nextByte
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '`':
			end := codeSpanEnd(text, i)
			if s.opts.codeSpans && end > i+runLen(text, i, '`')-1 {
				n := runLen(text, i, '`')
				s.codeSpan(from+i+n, from+end-n+1)
			}
			i = end
		case '!':
			if i+1 < len(text) && text[i+1] == '[' {
				if label, dest, next, ok := s.parseLink(text, i+1); ok {
					s.link(dest, true, false, Segment{from + i + 2, from + i + 2 + len(label)}, from+i+2+markupLen(label), from+next)
					i = next - 1
				}
			}
		case '[':
			if label, dest, next, ok := s.parseLink(text, i); ok {
				s.link(dest, false, false, Segment{from + i + 1, from + i + 1 + len(label)}, from+i+1+markupLen(label), from+next)
				s.nestedImages(from+i+1, label)
				i = next - 1
			}
		case '<':
			if end := gt.after(text, i, '>'); end > 0 {
				inner := text[i+1 : i+end]
				if isAutolink(inner) {
					s.link(autolinkURL(inner), false, true, Segment{from + i + 1, from + i + end}, from+i, from+i+end+1)
					i += end
				}
			}
		}
	}
}

// codeSpans reports the code spans of text, which starts at offset from
// of the source and has no link syntax: what links does for such a run,
// without copying it.
func (s *scanner) codeSpans(from int, text []byte) {
	for i := 0; i < len(text); {
		j := bytes.IndexByte(text[i:], '`')
		if j < 0 {
			return
		}
		start := i
		i += j
		n := runLenBytes(text, i, '`')
		if escaped(text[start:i]) {
			i++ // "\`" is a backtick, and what follows may open a span
			continue
		}
		if end := closingRunBytes(text, i+n, n); end >= 0 {
			s.codeSpan(from+i+n, from+end)
			i = end + n
			continue
		}
		i += n
	}
}

// escaped reports text that ends in an odd number of backslashes.
func escaped(text []byte) bool {
	n := 0
	for n < len(text) && text[len(text)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

// closingRunBytes finds the next run of exactly n backticks from i on.
func closingRunBytes(t []byte, i, n int) int {
	for i < len(t) {
		j := bytes.IndexByte(t[i:], '`')
		if j < 0 {
			return -1
		}
		j += i
		m := runLenBytes(t, j, '`')
		if m == n {
			return j
		}
		i = j + m
	}
	return -1
}

func (s *scanner) codeSpan(start, stop int) {
	line, col := s.runPos(start)
	e := s.event(CodeSpan, line, 0)
	e.Col, e.Text, e.Offset = col, Segment{start, stop}, start
	s.send()
}

// parseLink reads an inline link, or a reference link whose label the
// document defines, starting at the "[" at i.
func (s *scanner) parseLink(text string, i int) (label, dest string, next int, ok bool) {
	if label, dest, next, ok = parseInlineLink(text, i); ok {
		return label, dest, next, ok
	}
	if len(s.opts.refs) == 0 {
		return "", "", 0, false
	}
	return parseRefLink(text, i, s.opts.refs)
}

// nestedImages reports images inside a link's text: [![badge](img)](url).
func (s *scanner) nestedImages(from int, label string) {
	for i := 0; i+1 < len(label); i++ {
		if label[i] == '!' && label[i+1] == '[' {
			if inner, dest, next, ok := s.parseLink(label, i+1); ok {
				s.link(dest, true, false, Segment{from + i + 2, from + i + 2 + len(inner)}, from+i+2, from+next)
				i = next - 1
			}
		}
	}
}

func (s *scanner) link(dest string, image, auto bool, text Segment, at, stop int) {
	line, col := s.runPos(at)
	e := s.event(Link, line, 0)
	e.Col, e.Dest, e.Image, e.Autolink, e.Text, e.Offset, e.Stop = col, dest, image, auto, text, at, stop
	s.send()
}

// markupLen returns the length of the emphasis or code markers that open a
// link's text: a link's position is that of its first word.
func markupLen(label string) int {
	n := 0
	for n < len(label) && (label[n] == '`' || label[n] == '*' || label[n] == '_' || label[n] == '~') {
		n++
	}
	if n < len(label) && n > 0 && label[n-1] == '`' && label[n] == ' ' {
		n++
	}
	return n
}

func hasLinkSyntax(l []byte) bool {
	return bytes.IndexByte(l, '[') >= 0 || bytes.IndexByte(l, '<') >= 0
}

// autolinkURL returns an autolink's destination: an e-mail address gets
// its mailto: scheme.
func autolinkURL(inner string) string {
	if !strings.Contains(inner, ":") && strings.Contains(inner, "@") {
		return "mailto:" + inner
	}
	return inner
}
