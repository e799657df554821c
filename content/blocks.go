package content

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// blockScanner reads a document body line by line and extracts what kb
// needs from its block structure: sections, action items, timeline
// entries, links, and the lines of code, HTML and quotes. It follows
// CommonMark and GitHub's tables closely enough to agree with goldmark (the
// renderer) on real KBs, a differential test checks that, at a fraction of
// the cost of building a syntax tree.
type blockScanner struct {
	doc *Doc
	// vocab says which headings open action-item and timeline sections.
	vocab *Vocabulary
	src   []byte
	h1    string
	clock *timelineClock
	ids   map[string]bool
	// idCount is the last suffix given to each anchor, so that repeats
	// are numbered on from there rather than retried from 1.
	idCount map[string]int

	ctx    sectionContext
	ctxLvl int

	fence       fence
	html        int // the open HTML block's kind (1-7), 0 for none
	htmlFirst   int
	htmlEndLine int
	code        LineRange // open indented code block; First 0 when none
	para        []textLine
	table       *tableState
	list        listState
	quote       quoteState
	prevBlank   bool
	nesting     nestingMeter
	cursor      runCursor
	// halt, once set, is why and where the body is too costly to render
	// as markdown: scanning stops there.
	halt *bodyHalt

	// refs are the link reference definitions, by normalized label.
	refs map[string]string
	// runStart and runEnd delimit the text lines read since the last block
	// boundary, scanned for links together so that a link may wrap.
	runStart, runEnd int
	// runLine and runLast are the lines of the run's first and last text.
	runLine, runLast int
}

// textLine is a line of paragraph text: its line number, the offset of its
// text in the source and the text.
type textLine struct {
	n    int
	off  int
	text []byte
}

type fence struct {
	open   bool
	char   byte
	length int
	indent int // the container's indent the fence lines are relative to
	quoted bool
	first  int // first content line
	last   int
}

type tableState struct {
	fields []string // action-item fields of the columns, in an action section
	cols   int
}

// listState is the top-level list being read, and its current item.
type listState struct {
	active        bool
	contentIndent int
	item          *listItem
	// itemText reports that the item's first paragraph is still open;
	// inPara that some paragraph of the item is, which a lazy line may
	// continue.
	itemText bool
	inPara   bool
	// nested holds the content indents of the nested items open inside
	// the current top-level item, innermost last.
	nested []int
}

type listItem struct {
	n, off int // where the item's text starts
	text   []string
	task   bool
	done   bool
}

type quoteState struct {
	active bool
	first  int
	last   int
	// para reports a paragraph line last, which a lazy line may continue.
	para bool
}

// scanBlocks extracts the document's sections, action items, timeline and
// links from its body and returns the text of the first H1. When the body
// would cost the renderer work out of proportion to its size, it stops
// and says where and why instead.
func scanBlocks(doc *Doc, vocab *Vocabulary) (string, *bodyHalt) {
	s := &blockScanner{doc: doc, vocab: vocab, src: doc.Source, clock: newTimelineClock(doc), ids: map[string]bool{}, idCount: map[string]int{}, runStart: -1, cursor: runCursor{run: -1}}
	src := doc.Source
	s.refs = collectRefs(src[doc.BodyOffset:])
	n := doc.BodyLine
	for off := doc.BodyOffset; off < len(src) && s.halt == nil; n++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		s.line(n, off, src[off:off+end])
		off += end + 1
	}
	if s.halt == nil {
		s.finish()
	}
	if s.halt != nil {
		return "", s.halt
	}
	return s.h1, nil
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

// runPos returns the position of an offset within the current run of text
// lines, counting lines from the run's first.
func (s *blockScanner) runPos(off int) Pos {
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
	return Pos{File: s.doc.Path, Line: c.line, Col: c.col + 1}
}

// runCursor is the line and column (0-based, in characters) of an offset
// in the run of text lines starting at run: links are found in order, and
// each position is counted on from the last.
type runCursor struct {
	run, off, line, col int
}

// posOn returns the position of offset off, on line n.
func (s *blockScanner) posOn(n, lineOff, off int) Pos {
	return Pos{File: s.doc.Path, Line: n, Col: utf8.RuneCount(s.src[lineOff:off]) + 1}
}

func (s *blockScanner) line(n, off int, l []byte) {
	if !s.fence.open && s.html == 0 {
		if at := s.nesting.line(l); at >= 0 {
			s.stop(s.posOn(n, off, off+at), whyNesting)
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
func (s *blockScanner) startsBlock(l []byte, indent, i int) bool {
	if indent > 3 {
		return false
	}
	rest := l[i:]
	return isATXHeading(rest) || isThematicBreak(rest) || fenceOpen(rest) != 0 || listMarker(rest) > 0 || htmlStart(rest, true) != 0
}

func (s *blockScanner) blankLine(n int) {
	s.flushPara()
	s.endTable()
	s.endQuote()
	if s.list.active {
		s.endItemText()
	}
	s.prevBlank = true
}

// quoteLine handles a line of a block quote: code fences inside it are
// code; everything else is quoted text, checked for links only.
func (s *blockScanner) quoteLine(n, off int, l []byte) {
	s.flushPara()
	s.endTable()
	if !s.quote.active {
		s.endList()
		s.flushRun()
		s.quote = quoteState{active: true, first: n}
	}
	s.quote.last = n
	// Strip the quote markers.
	i := 0
	for {
		w, j := indentOf(l[i:])
		if w > 3 || i+j >= len(l) || l[i+j] != '>' {
			break
		}
		i += j + 1
		if i < len(l) && l[i] == ' ' {
			i++
		}
	}
	rest := l[i:]
	if c := fenceOpen(bytes.TrimLeft(rest, " ")); c != 0 {
		s.openFence(n, rest, c, true)
		s.quote.para = false
		return
	}
	s.quote.para = !isBlankLine(rest)
	s.text(n, off+i, off+len(l))
}

func (s *blockScanner) endQuote() {
	if s.quote.active {
		s.flushRun()
		s.doc.Quotes = append(s.doc.Quotes, LineRange{First: s.quote.first, Last: s.quote.last})
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

func (s *blockScanner) openFence(n int, l []byte, c byte, quoted bool) {
	s.flushRun()
	indent, i := indentOf(l)
	length := 0
	for i+length < len(l) && l[i+length] == c {
		length++
	}
	s.fence = fence{open: true, char: c, length: length, indent: indent, quoted: quoted}
}

func (s *blockScanner) fenceLine(n, off int, l []byte) {
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

func (s *blockScanner) closeFence() {
	if s.fence.first > 0 {
		s.doc.Code = append(s.doc.Code, LineRange{First: s.fence.first, Last: s.fence.last})
	}
	s.fence = fence{}
}

// listLine handles a line while a top-level list is open. It reports
// false when the line ends the list and is to be read at the top level.
func (s *blockScanner) listLine(n, off int, l []byte, indent, i int) bool {
	ci := s.list.contentIndent
	if indent >= ci {
		// Content of the current item, or of a nested item in it.
		for len(s.list.nested) > 0 && indent < s.list.nested[len(s.list.nested)-1] && s.prevBlank {
			s.list.nested = s.list.nested[:len(s.list.nested)-1]
		}
		inner := ci
		if len(s.list.nested) > 0 {
			inner = s.list.nested[len(s.list.nested)-1]
		}
		j := skipIndent(l, min(inner, indent))
		rest := l[j:]
		w, k := indentOf(rest)
		if m := listMarker(rest[k:]); m > 0 && w <= 3 && !isThematicBreak(rest[k:]) {
			mw, _ := indentOf(rest[k+m:])
			if mw > 4 || k+m == len(rest) {
				mw = 1
			}
			s.list.nested = append(s.list.nested, min(inner, indent)+w+m+mw)
		}
		s.list.inPara = false
		switch {
		case fenceOpen(rest[k:]) != 0: // in a nested item too
			s.endItemText()
			s.endCode()
			s.openFence(n, l, fenceOpen(rest[k:]), false)
			s.fence.indent = indent
		case s.prevBlank && w >= 4 || s.code.First != 0 && w >= 4:
			s.codeLine(n)
		case w <= 3 && (listMarker(rest[k:]) > 0 || isATXHeading(rest[k:]) || isThematicBreak(rest[k:]) || htmlStart(rest[k:], true) != 0):
			s.endItemText()
			if h := htmlStart(rest[k:], true); h != 0 && listMarker(rest[k:]) == 0 {
				s.startHTML(n, rest[k:], h)
				return true
			}
			s.list.inPara = listMarker(rest[k:]) > 0
			s.text(n, off+j+k, off+len(l))
		case s.prevBlank:
			s.endItemText()
			s.list.inPara = true
			s.text(n, off+j+k, off+len(l))
		default:
			s.itemText(n, off+j+k, rest[k:])
			s.list.inPara = true
			s.text(n, off+j+k, off+len(l))
		}
		if s.fence.open || s.code.First == n {
			return true
		}
		s.endCode()
		return true
	}
	if indent <= 3 {
		if m := listMarker(l[i:]); m > 0 && !isThematicBreak(l[i:]) {
			s.startItem(n, off, l, indent, i, m)
			return true
		}
	}
	if s.list.inPara && !s.prevBlank && !s.startsBlock(l, indent, i) && !s.isSetextOrTableRow(l, indent, i) {
		// A lazy continuation line of the item's open paragraph.
		s.itemText(n, off+i, l[i:])
		s.text(n, off+i, off+len(l))
		return true
	}
	s.endList()
	return false
}

// isSetextOrTableRow keeps a line that looks like a heading underline out of
// a lazy continuation.
func (s *blockScanner) isSetextOrTableRow(l []byte, indent, i int) bool {
	return indent <= 3 && isSetextUnderline(l[i:]) != 0
}

func (s *blockScanner) codeLine(n int) {
	if s.code.First == 0 {
		s.code.First = n
	}
	s.code.Last = n
}

func (s *blockScanner) endCode() {
	if s.code.First != 0 {
		s.doc.Code = append(s.doc.Code, s.code)
	}
	s.code = LineRange{}
}

// topLine handles a line outside quotes and lists.
func (s *blockScanner) topLine(n, off int, l []byte, indent, i int) {
	rest := l[i:]
	if indent >= 4 && len(s.para) == 0 && s.table == nil {
		s.codeLine(n)
		return
	}
	s.endCode()
	switch {
	case isATXHeading(rest):
		s.flushPara()
		s.endTable()
		s.atxHeading(n, off, l, i)
	case len(s.para) > 0 && s.table == nil && isSetextUnderline(rest) != 0:
		s.setextHeading(isSetextUnderline(rest))
	case isThematicBreak(rest):
		s.flushPara()
		s.endTable()
	case fenceOpen(rest) != 0:
		s.flushPara()
		s.endTable()
		s.openFence(n, l, fenceOpen(rest), false)
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
	case len(s.para) > 0 && isDelimiterRow(rest) && countCells(rest) == countCells(s.para[len(s.para)-1].text):
		s.startTable(n, rest)
	default:
		s.para = append(s.para, textLine{n: n, off: off + i, text: rest})
		s.text(n, off+i, off+len(l))
	}
}

// canStartList reports whether a list item may start here: inside a
// paragraph only a bullet with text or an ordered item numbered 1 may.
func (s *blockScanner) canStartList(rest []byte) bool {
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

// listMarker returns the length of a list item marker with the white space
// after it ("- ", "12. "), or 0.
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

func (s *blockScanner) atxHeading(n, off int, l []byte, i int) {
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
	s.heading(level, string(text), string(text), s.posOn(n, off, off+j))
	s.text(n, off+j, off+len(l))
	s.flushRun()
}

func (s *blockScanner) setextHeading(level int) {
	lines := s.para
	s.para = nil
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = strings.TrimSpace(string(l.text))
	}
	first := lines[0]
	s.heading(level, strings.Join(texts, " "), texts[len(texts)-1], s.posOn(first.n, lineStartOf(s.src, first.off), first.off))
}

func lineStartOf(src []byte, off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }

// heading records a section; raw is the heading's markdown, idSource the
// line its anchor is made from.
func (s *blockScanner) heading(level int, raw, idSource string, pos Pos) {
	s.endList()
	title := plainText(raw, s.refs)
	s.doc.Sections = append(s.doc.Sections, Section{Title: title, Anchor: s.anchor(idSource), Level: level, Pos: pos})
	if level == 1 && s.h1 == "" {
		s.h1 = title
	}
	s.ctx, s.ctxLvl = ctxOther, level
	switch {
	case s.vocab.Is(SectionActionItems, title):
		s.ctx = ctxActions
	case s.vocab.Is(SectionTimeline, title):
		s.ctx = ctxTimeline
	}
}

// anchor makes a heading's HTML id the way the renderer does: ASCII letters
// and digits lower-cased, spaces, "-" and "_" as "-", the rest dropped, and
// a numeric suffix for repeats.
func (s *blockScanner) anchor(line string) string {
	line = strings.TrimSpace(line)
	b := make([]byte, 0, len(line))
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c >= 0x80:
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c == ' ' || c == '\t' || c == '-' || c == '_':
			b = append(b, '-')
		}
	}
	id := string(b)
	if id == "" {
		id = "heading"
	}
	if !s.ids[id] {
		s.ids[id] = true
		return id
	}
	// Every suffix up to idCount[id] is taken, so the first free one
	// after it is the first free one at all, as the renderer numbers them.
	for k := s.idCount[id] + 1; ; k++ {
		cand := id + "-" + itoa(k)
		if !s.ids[cand] {
			s.ids[cand] = true
			s.idCount[id] = k
			return cand
		}
	}
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(buf[i:])
		}
	}
}

// flushPara ends the open paragraph; in a timeline each of its lines that
// starts with a time is an entry.
func (s *blockScanner) flushPara() {
	if s.ctx == ctxTimeline {
		for _, l := range s.para {
			line := strings.ReplaceAll(strings.Trim(string(l.text), "*_ \t"), "**", "")
			s.timelineLine(line, s.posOn(l.n, lineStartOf(s.src, l.off), l.off))
		}
	}
	s.para = s.para[:0]
}

func (s *blockScanner) finish() {
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
