package content

import (
	"bytes"
	"strings"

	"github.com/kb-tools/kb/content/mdscan"
)

// blockScanner builds what kb needs from a document body's markdown
// events (see mdscan): sections, action items, timeline entries, links,
// and the lines of code, HTML and quotes. A differential test checks
// that it finds what a full CommonMark parse (goldmark) does.
type blockScanner struct {
	doc *Doc
	// vocab says which headings open action-item and timeline sections.
	vocab *Vocabulary
	src   []byte // the whole source; events' offsets are into the body
	// base and lineBase turn the body's offsets and lines into the
	// source's.
	base, lineBase int
	refs           mdscan.Refs
	h1             string
	// forms reads action items and timeline entries from the blocks.
	forms *formReader
	// cells and texts hold a table row's cells while it is read.
	cells []cell
	texts []string
	// sectionRoom is the room the list of sections is made with: the
	// body's "#" characters, one or a few for each heading, counted in one
	// fast pass.
	sectionRoom int
	ids         map[string]bool
	// idCount is the last suffix given to each anchor, so that repeats
	// are numbered on from there rather than retried from 1.
	idCount map[string]int

	// itemText reports that the first paragraph of the list item read
	// last is still being read.
	itemText bool
	// paraLine is the last line of the top-level paragraph being read, 0
	// for none.
	paraLine int
	// halt, once set, is why and where the body is too costly to render
	// as markdown.
	halt *bodyHalt
}

// scanBlocks extracts the document's sections, action items, timeline and
// links from its body and returns the text of the first H1. When the body
// would cost the renderer work out of proportion to its size, it stops
// and says where and why instead.
func scanBlocks(doc *Doc, vocab *Vocabulary) (string, *bodyHalt) {
	body := doc.Source[doc.BodyOffset:]
	s := &blockScanner{doc: doc, vocab: vocab, src: doc.Source, base: doc.BodyOffset, lineBase: doc.BodyLine - 1,
		ids: map[string]bool{}, idCount: map[string]int{}}
	s.sectionRoom = bytes.Count(body, []byte("#"))
	s.refs = mdscan.ReadRefs(body)
	s.forms = newFormReader(doc, vocab, s.refs)
	mdscan.Scan(body, s.event, mdscan.WithRefs(s.refs), mdscan.CodeSpans())
	sortMarkup(doc.Markup)
	if s.halt != nil {
		return "", s.halt
	}
	s.forms.finish()
	return s.h1, nil
}

// pos returns the position in the file of an event's line and column.
func (s *blockScanner) pos(line, col int) Pos {
	return Pos{File: s.doc.Path, Line: line + s.lineBase, Col: col}
}

// value returns the body text of a segment.
func (s *blockScanner) value(seg mdscan.Segment) string {
	return string(s.src[s.base+seg.Start : s.base+seg.Stop])
}

func (s *blockScanner) lines(first, last int) LineRange {
	return LineRange{First: first + s.lineBase, Last: last + s.lineBase}
}

func (s *blockScanner) event(e *mdscan.Event) {
	switch e.Kind {
	case mdscan.Heading:
		if e.Depth == 0 {
			s.headingEvent(e)
		}
	case mdscan.ParagraphLine:
		s.paragraphLine(e)
	case mdscan.ListItem:
		s.listItem(e)
	case mdscan.ItemEnd:
		s.endPara()
		s.itemText = false
		s.forms.endList()
	case mdscan.TableRow:
		s.tableRow(e)
	case mdscan.ThematicBreak:
		s.endPara()
	case mdscan.CodeBlock, mdscan.HTMLBlock:
		s.endPara()
		if e.First > 0 {
			s.doc.Code = append(s.doc.Code, s.lines(e.First, e.Last))
		}
	case mdscan.BlockQuote:
		s.endPara()
		s.doc.Quotes = append(s.doc.Quotes, s.lines(e.First, e.Last))
	case mdscan.Link:
		s.doc.Links = append(s.doc.Links, Link{Dest: e.Dest, Image: e.Image, Pos: s.pos(e.Line, e.Col)})
		s.markupOfLink(e)
	case mdscan.CodeSpan:
		s.markupOfCodeSpan(e)
	case mdscan.Halt:
		s.halt = &bodyHalt{pos: s.pos(e.Line, e.Col), why: e.Why}
	}
}

func (s *blockScanner) headingEvent(e *mdscan.Event) {
	raw := s.value(e.Text)
	idSource := raw
	if e.Setext {
		texts := make([]string, len(e.Lines))
		for i, l := range e.Lines {
			texts[i] = strings.TrimSpace(s.value(l))
		}
		raw, idSource = strings.Join(texts, " "), texts[len(texts)-1]
	}
	s.heading(e.Level, raw, idSource, s.pos(e.Line, e.Col))
}

// paragraphLine reads a line of a paragraph: a line of a top-level
// paragraph goes to the form reader, which settles the paragraph as a
// whole (lines that follow one another without a gap are one paragraph);
// a list item's first paragraph is its text.
func (s *blockScanner) paragraphLine(e *mdscan.Event) {
	switch {
	case e.Quote > 0:
	case e.Depth == 0:
		if s.paraLine > 0 && e.Line != s.paraLine+1 {
			s.endPara()
		}
		if !s.forms.active() {
			return // no action items or timeline here: no text to copy
		}
		s.paraLine = e.Line
		off := s.base + e.Text.Start
		s.forms.paraLine(s.value(e.Text), s.pos(e.Line, e.Col), off)
	case s.itemText && e.ItemText:
		if s.forms.active() {
			off := s.base + e.Text.Start
			s.forms.itemLine(s.value(e.Text), s.posAt(e.Line+s.lineBase, off), off)
		}
	default:
		s.itemText = false
		s.forms.endItemText()
	}
}

// endPara settles the top-level paragraph being read, if any.
func (s *blockScanner) endPara() {
	if s.paraLine > 0 {
		s.paraLine = 0
		s.forms.endPara()
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

// heading records a section; raw is the heading's markdown, idSource the
// line its anchor is made from.
func (s *blockScanner) heading(level int, raw, idSource string, pos Pos) {
	title := mdscan.PlainText(raw, s.refs)
	kinds := s.vocab.Set(title)
	if s.doc.Sections == nil {
		s.doc.Sections = make([]Section, 0, s.sectionRoom)
	}
	s.doc.Sections = append(s.doc.Sections, Section{Title: title, Anchor: s.anchor(idSource), Level: level, Pos: pos, Kinds: kinds})
	if level == 1 && s.h1 == "" {
		s.h1 = title
	}
	s.paraLine, s.itemText = 0, false
	s.forms.heading(level, title, kinds, pos)
}
