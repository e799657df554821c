package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/kb-tools/kb/content/mdscan"
)

// listItem reports a list item to the form reader: a top-level one
// settles the items read before it, a nested one (at the depth mdscan
// gives) may give its fields to its parent. Either opens a first
// paragraph that the item's next lines continue.
func (s *blockScanner) listItem(e *mdscan.Event) {
	s.endPara()
	s.itemText = true
	if !s.forms.active() {
		if e.Depth == 0 {
			s.forms.endList()
		}
		return // no action items or timeline here: no text to copy
	}
	off := s.base + e.Text.Start
	s.forms.startItem(e.Depth > 0, e.Depth, s.posAt(e.Line+s.lineBase, off), off, s.value(e.Text))
}

// isStruckText reports an item whose whole text is struck through, the way
// dropped items are often marked; trailing HTML comments do not count.
func isStruckText(text string) bool {
	t := strings.TrimSpace(text)
	for strings.HasSuffix(t, "-->") {
		i := strings.LastIndex(t, "<!--")
		if i < 0 {
			break
		}
		t = strings.TrimSpace(t[:i])
	}
	return len(t) > 4 && strings.HasPrefix(t, "~~") && strings.HasSuffix(t, "~~") && !strings.Contains(t[2:len(t)-2], "~~")
}

// firstLinkIn returns the destination of the first link in markdown text,
// else the first bare URL in texts.
func firstLinkIn(text string, texts []string) string {
	if dest := mdscan.FirstLink(text); dest != "" {
		return dest
	}
	for _, t := range texts {
		if !strings.Contains(t, "://") {
			continue // no URL for bareURL to find
		}
		if u := bareURL.FindString(t); u != "" {
			return u
		}
	}
	return ""
}

// tableRow reports a row of a table to the form reader: the header names
// the columns, each body row may be an action item or a timeline entry.
func (s *blockScanner) tableRow(e *mdscan.Event) {
	s.endPara()
	if !s.forms.active() {
		if e.Header {
			s.forms.endTable()
		}
		return
	}
	// The cells and their texts are read within this call: the lists are
	// the scanner's, made once a document.
	cells, texts := s.cells[:0], s.texts[:0]
	for range e.Cells {
		cells, texts = append(cells, cell{}), append(texts, "")
	}
	s.cells, s.texts = cells, texts
	for i, c := range e.Cells {
		cells[i] = cell{text: strings.ReplaceAll(s.value(c), `\|`, "|"), start: s.base + c.Start}
		texts[i] = mdscan.PlainText(cells[i].text, s.refs)
	}
	if e.Header {
		s.forms.endTable()
		s.forms.tableHeader(texts)
		return
	}
	line := e.Line + s.lineBase
	lineStart := lineStartOf(s.src, s.base+e.Text.Start)
	pos := s.pos(e.Line, e.Col)
	if len(cells) > 0 {
		pos = s.posOn(line, lineStart, cells[0].start)
	}
	link := ""
	for _, c := range cells {
		if link = firstLinkIn(c.text, nil); link != "" {
			break
		}
	}
	if link == "" {
		link = firstLinkIn("", texts)
	}
	s.forms.tableRow(texts, link, pos, func(i int) Pos { return s.posOn(line, lineStart, cells[i].start) })
}

// cell is a table cell's text and its offset in the source.
type cell struct {
	text  string
	start int
}

// posOn returns the position of offset off of the source, on line n
// (of the file) that starts at lineOff.
func (s *blockScanner) posOn(n, lineOff, off int) Pos {
	return Pos{File: s.doc.Path, Line: n, Col: utf8.RuneCount(s.src[lineOff:off]) + 1}
}

// posAt returns the position of offset off of the source, on line n of
// the file.
func (s *blockScanner) posAt(n, off int) Pos { return s.posOn(n, lineStartOf(s.src, off), off) }

func lineStartOf(src []byte, off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }
