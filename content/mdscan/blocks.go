package mdscan

import "bytes"

// quoteLine handles a line of a block quote: code fences inside it are
// code; everything else is quoted text, read for links only.
func (s *scanner) quoteLine(n, off int, l []byte) {
	s.flushPara()
	s.endTable()
	if !s.quote.active {
		s.endList()
		s.flushRun()
		s.quote = quoteState{active: true, first: n}
	}
	s.quote.last = n
	// Strip the quote markers.
	i, depth := 0, 0
	for {
		w, j := indentOf(l[i:])
		if w > 3 || i+j >= len(l) || l[i+j] != '>' {
			break
		}
		depth++
		i += j + 1
		if i < len(l) && l[i] == ' ' {
			i++
		}
	}
	s.quote.depth = max(s.quote.depth, depth)
	rest := l[i:]
	if c := fenceOpen(bytes.TrimLeft(rest, " ")); c != 0 {
		s.openFence(n, off+i, rest, c, true)
		s.quote.para = false
		return
	}
	s.quote.para = !isBlankLine(rest)
	if s.quote.para {
		_, k := indentOf(rest)
		e := s.event(ParagraphLine, n, off+i+k)
		e.Text, e.Quote = Segment{off + i + k, off + len(l)}, max(depth, 1)
		s.send()
	}
	s.text(n, off+i, off+len(l))
}

func (s *scanner) endQuote() {
	if s.quote.active {
		s.flushRun()
		e := s.event(BlockQuote, s.quote.first, 0)
		e.First, e.Last, e.Quote = s.quote.first, s.quote.last, max(s.quote.depth, 1)
		s.send()
	}
	s.quote = quoteState{}
}

// fenceOpen returns the fence character when l (without indentation)
// opens a fenced code block, else 0.
func fenceOpen(l []byte) byte {
	if len(l) < 3 || (l[0] != '`' && l[0] != '~') {
		return 0
	}
	c := l[0]
	n := 0
	for n < len(l) && l[n] == c {
		n++
	}
	if n < 3 || c == '`' && bytes.IndexByte(l[n:], '`') >= 0 {
		return 0
	}
	return c
}

// openFence opens a fenced code block on line l, which starts at offset
// off of the source.
func (s *scanner) openFence(n, off int, l []byte, c byte, quoted bool) {
	s.flushRun()
	indent, i := indentOf(l)
	length := 0
	for i+length < len(l) && l[i+length] == c {
		length++
	}
	info := trimSegment(l, i+length, len(l))
	s.fence = fence{open: true, char: c, length: length, indent: indent, quoted: quoted,
		info: Segment{off + info.Start, off + info.Stop}}
}

// trimSegment returns the segment from..to of l without the white space
// at its ends.
func trimSegment(l []byte, from, to int) Segment {
	for from < to && (l[from] == ' ' || l[from] == '\t') {
		from++
	}
	for to > from && (l[to-1] == ' ' || l[to-1] == '\t') {
		to--
	}
	return Segment{from, to}
}

func (s *scanner) fenceLine(n, off int, l []byte) {
	if s.fence.quoted {
		indent, i := indentOf(l)
		if indent > 3 || i >= len(l) || l[i] != '>' {
			// The quote, and the fence with it, ends.
			s.closeFence()
			s.endQuote()
			s.line(n, off, l)
			return
		}
		s.quote.last = n
		l = l[i+1:]
		if len(l) > 0 && l[0] == ' ' {
			l = l[1:]
		}
	} else if s.list.active && s.fence.indent >= s.list.contentIndent {
		if w, _ := indentOf(l); w < s.list.contentIndent && !isBlankLine(l) {
			s.closeFence()
			s.line(n, off, l)
			return
		}
	}
	w, i := indentOf(l)
	if w <= s.fence.indent+3 && i < len(l) && l[i] == s.fence.char {
		m := 0
		for i+m < len(l) && l[i+m] == s.fence.char {
			m++
		}
		if m >= s.fence.length && isBlankLine(l[i+m:]) {
			s.closeFence()
			return
		}
	}
	if s.fence.first == 0 {
		s.fence.first = n
	}
	s.fence.last = n
}

func (s *scanner) closeFence() {
	f := s.fence
	s.fence = fence{}
	e := s.event(CodeBlock, f.first, 0)
	e.First, e.Last, e.Fenced, e.Info = f.first, f.last, true, f.info
	s.send()
}

func (s *scanner) codeLine(n int) {
	if s.code.first == 0 {
		s.code.first = n
	}
	s.code.last = n
}

func (s *scanner) endCode() {
	if s.code.first != 0 {
		e := s.event(CodeBlock, s.code.first, 0)
		e.First, e.Last = s.code.first, s.code.last
		s.send()
	}
	s.code = lineRange{}
}

// topLine handles a line outside quotes and lists.
func (s *scanner) topLine(n, off int, l []byte, indent, i int) {
	rest := l[i:]
	if indent >= 4 && len(s.para) == 0 && s.table == nil {
		s.codeLine(n)
		return
	}
	s.endCode()
	switch {
	case indent >= 4 && s.table == nil:
		// A paragraph's continuation: nothing indented so starts a block.
		s.para = append(s.para, textLine{n: n, off: off + i, end: off + len(l)})
		s.text(n, off+i, off+len(l))
	case indent >= 4:
		s.tableRow(n, off, l)
	case isATXHeading(rest):
		s.flushPara()
		s.endTable()
		s.atxHeading(n, off, l, i, 0)
	case len(s.para) > 0 && s.table == nil && isSetextUnderline(rest) != 0:
		s.setextHeading(isSetextUnderline(rest))
	case isThematicBreak(rest):
		s.flushPara()
		s.endTable()
		s.event(ThematicBreak, n, off+i)
		s.send()
	case fenceOpen(rest) != 0:
		s.flushPara()
		s.endTable()
		s.openFence(n, off, l, fenceOpen(rest), false)
	case htmlStart(rest, len(s.para) == 0 && s.table == nil) != 0:
		s.flushPara()
		s.endTable()
		s.startHTML(n, rest, htmlStart(rest, true))
	case listMarker(rest) > 0 && s.canStartList(rest):
		s.flushPara()
		s.endTable()
		s.startItem(n, off, l, indent, i, listMarker(rest))
	case s.table != nil:
		s.tableRow(n, off, l)
	case len(s.para) > 0 && isDelimiterRow(rest) && countCells(rest) == countCells(s.src[s.para[len(s.para)-1].off:s.para[len(s.para)-1].end]):
		s.startTable(rest)
	default:
		s.para = append(s.para, textLine{n: n, off: off + i, end: off + len(l)})
		s.text(n, off+i, off+len(l))
	}
}

// canStartList reports whether a list item may start here: inside a
// paragraph only a bullet with text or an ordered item numbered 1 may.
func (s *scanner) canStartList(rest []byte) bool {
	if len(s.para) == 0 {
		return true
	}
	m := listMarker(rest)
	if isBlankLine(rest[m:]) {
		return false
	}
	if rest[0] >= '0' && rest[0] <= '9' {
		return bytes.HasPrefix(rest, []byte("1.")) || bytes.HasPrefix(rest, []byte("1)"))
	}
	return true
}

func isATXHeading(l []byte) bool {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(l) || l[n] == ' ' || l[n] == '\t')
}

func isThematicBreak(l []byte) bool {
	if len(l) == 0 || (l[0] != '-' && l[0] != '*' && l[0] != '_') {
		return false
	}
	c, count := l[0], 0
	for _, b := range l {
		switch b {
		case c:
			count++
		case ' ', '\t':
		default:
			return false
		}
	}
	return count >= 3
}

// isSetextUnderline returns 1 for "===", 2 for "---", else 0.
func isSetextUnderline(l []byte) int {
	t := bytes.TrimRight(l, " \t")
	if len(t) == 0 || (t[0] != '=' && t[0] != '-') {
		return 0
	}
	for _, b := range t {
		if b != t[0] {
			return 0
		}
	}
	if t[0] == '=' {
		return 1
	}
	return 2
}

// atxHeading reports the ATX heading of line l (at offset off) whose
// first "#" is at index i, inside depth list items.
func (s *scanner) atxHeading(n, off int, l []byte, i, depth int) {
	level := 0
	for i+level < len(l) && l[i+level] == '#' {
		level++
	}
	j := i + level
	for j < len(l) && (l[j] == ' ' || l[j] == '\t') {
		j++
	}
	text := bytes.TrimRight(l[j:], " \t")
	// A closing run of #s preceded by a space is not part of the text.
	if k := len(text); k > 0 && text[k-1] == '#' {
		m := k
		for m > 0 && text[m-1] == '#' {
			m--
		}
		if m == 0 || text[m-1] == ' ' || text[m-1] == '\t' {
			text = bytes.TrimRight(text[:m], " \t")
		}
	}
	s.flushRun()
	if depth == 0 {
		s.endList()
	}
	e := s.event(Heading, n, off+j)
	e.Level, e.Depth, e.Text = level, depth, Segment{off + j, off + j + len(text)}
	s.send()
	s.text(n, off+j, off+len(l))
	s.flushRun()
}

func (s *scanner) setextHeading(level int) {
	lines := s.para
	s.para = s.para[:0]
	s.endList()
	first := lines[0]
	e := s.event(Heading, first.n, first.off)
	e.Level, e.Setext = level, true
	for _, l := range lines {
		t := trimSegment(s.src, l.off, l.end)
		e.Lines = append(e.Lines, t)
	}
	e.Text = Segment{e.Lines[0].Start, e.Lines[len(e.Lines)-1].Stop}
	s.send()
}

// flushPara ends the open paragraph and reports its lines.
func (s *scanner) flushPara() {
	for _, l := range s.para {
		e := s.event(ParagraphLine, l.n, l.off)
		e.Text = Segment{l.off, l.end}
		s.send()
	}
	s.para = s.para[:0]
}

// listMarker returns the length of a list item marker ("-", "12."), or 0
// when l does not start with one followed by white space or the line's
// end.
func listMarker(l []byte) int {
	i := 0
	switch {
	case len(l) > 0 && (l[0] == '-' || l[0] == '*' || l[0] == '+'):
		i = 1
	default:
		for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(l) || (l[i] != '.' && l[i] != ')') {
			return 0
		}
		i++
	}
	if i == len(l) {
		return i
	}
	if l[i] != ' ' && l[i] != '\t' {
		return 0
	}
	return i
}
