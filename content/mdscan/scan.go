package mdscan

import (
	"bytes"
	"unicode/utf8"
)

// scanner reads a source line by line, following its block structure,
// and reports events to fn.
type scanner struct {
	src  []byte
	fn   func(*Event)
	ev   Event
	opts options

	fence       fence
	html        int // the open HTML block's kind (1-7), 0 for none
	htmlFirst   int
	htmlEndLine int
	code        lineRange // open indented code block; first 0 when none
	para        []textLine
	table       *tableState
	list        listState
	quote       quoteState
	prevBlank   bool
	nesting     nestingMeter
	cursor      runCursor
	halted      bool

	// runStart and runEnd delimit the text lines read since the last block
	// boundary, scanned for links together so that a link may wrap.
	runStart, runEnd int
	// runLine and runLast are the lines of the run's first and last text.
	runLine, runLast int
}

type lineRange struct{ first, last int }

// textLine is a line of paragraph text: its line number and the offsets
// of its text in the source.
type textLine struct {
	n        int
	off, end int
}

type fence struct {
	open   bool
	char   byte
	length int
	indent int // the container's indent the fence lines are relative to
	quoted bool
	first  int // first content line
	last   int
	info   Segment
}

type tableState struct {
	cols int
}

// listState is the top-level list being read.
type listState struct {
	active        bool
	contentIndent int
	// lead reports that the first paragraph of the item last started is
	// still open; inPara that some paragraph of the item is, which a lazy
	// line may continue.
	lead   bool
	inPara bool
	// nested holds the content indents of the nested items open inside
	// the current top-level item, innermost last. It only grows between
	// blank lines; open, the content indents of the nested items still
	// open, gives an item's depth.
	nested, open []int
}

type quoteState struct {
	active bool
	first  int
	last   int
	depth  int
	// para reports a paragraph line last, which a lazy line may continue.
	para bool
}

// Scan reads src, a markdown document's body, and calls fn with each event
// in the order of the source (a paragraph's lines when it ends, a block's
// range when it ends). Offsets are into src, lines count from its first.
// fn must not keep the *Event: it is reused.
func Scan(src []byte, fn func(*Event), opts ...Option) {
	s := &scanner{src: src, fn: fn, runStart: -1, cursor: runCursor{run: -1}}
	for _, o := range opts {
		o(&s.opts)
	}
	if !s.opts.refsGiven {
		s.opts.refs = ReadRefs(src)
	}
	n := 1
	for off := 0; off < len(src) && !s.halted; n++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		s.line(n, off, src[off:off+end])
		off += end + 1
	}
	if !s.halted {
		s.finish()
	}
}

// emit resets the event to kind k at line n, offset off, and returns it
// for the caller to fill and send.
func (s *scanner) event(k Kind, n, off int) *Event {
	cells, lines := s.ev.Cells[:0], s.ev.Lines[:0]
	s.ev = Event{Kind: k, Line: n, Col: s.col(off), Cells: cells, Lines: lines}
	return &s.ev
}

func (s *scanner) send() {
	if !s.halted {
		s.fn(&s.ev)
	}
}

// col returns the 1-based character column of offset off on its line.
func (s *scanner) col(off int) int {
	if off <= 0 {
		return 1
	}
	off = min(off, len(s.src))
	return utf8.RuneCount(s.src[lineStartOf(s.src, off):off]) + 1
}

func lineStartOf(src []byte, off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }

// stop reports a halt at offset off on line n, and ends the scan.
func (s *scanner) stop(n, off, col int, why string) {
	if s.halted {
		return
	}
	s.ev = Event{Kind: Halt, Line: n, Col: col, Offset: off, Why: why}
	s.fn(&s.ev)
	s.halted = true
}

// indentOf returns the width of a line's leading white space (tabs to the
// next multiple of four) and the index of its first other byte.
func indentOf(l []byte) (width, i int) {
	for i < len(l) {
		switch l[i] {
		case ' ':
			width++
		case '\t':
			width += 4 - width%4
		default:
			return width, i
		}
		i++
	}
	return width, i
}

// skipIndent returns the index in l after width columns of indentation.
func skipIndent(l []byte, width int) int {
	w, i := 0, 0
	for i < len(l) && w < width {
		switch l[i] {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return i
		}
		i++
	}
	return i
}

func isBlankLine(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

func (s *scanner) line(n, off int, l []byte) {
	if !s.fence.open && s.html == 0 {
		if at := s.nesting.line(l); at >= 0 {
			s.stop(n, off+at, s.col(off+at), WhyNesting)
			return
		}
	}
	if s.fence.open {
		s.fenceLine(n, off, l)
		return
	}
	if s.html != 0 {
		s.htmlLine(n, l)
		return
	}
	if isBlankLine(l) {
		s.blankLine(n)
		return
	}
	defer func() { s.prevBlank = false }()
	indent, i := indentOf(l)
	if indent <= 3 && l[i] == '>' || s.quote.active && s.quote.para && !s.startsBlock(l, indent, i) {
		s.quoteLine(n, off, l)
		return
	}
	s.endQuote()
	if s.list.active && s.listLine(n, off, l, indent, i) {
		return
	}
	s.topLine(n, off, l, indent, i)
}

// startsBlock reports whether a line opens a block that ends a lazy
// paragraph continuation.
func (s *scanner) startsBlock(l []byte, indent, i int) bool {
	if indent > 3 {
		return false
	}
	rest := l[i:]
	return isATXHeading(rest) || isThematicBreak(rest) || fenceOpen(rest) != 0 || listMarker(rest) > 0 || htmlStart(rest, true) != 0
}

func (s *scanner) blankLine(n int) {
	s.flushPara()
	s.endTable()
	s.endQuote()
	if s.list.active {
		s.endItemText()
	}
	s.prevBlank = true
}

func (s *scanner) finish() {
	if s.fence.open {
		s.closeFence()
	}
	if s.html != 0 {
		s.endHTML()
	}
	s.endCode()
	s.flushPara()
	s.endTable()
	s.endQuote()
	s.endList()
	s.flushRun()
}
