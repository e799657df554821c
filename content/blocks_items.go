package content

import (
	"bytes"
	"strings"
)

// startItem opens a list item at the top level; its marker is m bytes
// from index i of l.
func (s *blockScanner) startItem(n, off int, l []byte, indent, i, m int) {
	s.forms.endList()
	s.endCode()
	s.flushRun()
	j := i + m
	w, k := indentOf(l[j:])
	content := indent + m + w
	if w > 4 || j+k == len(l) {
		content = indent + m + 1 // code or nothing after the marker
	}
	if !s.list.active {
		s.list = listState{active: true}
	}
	s.list.contentIndent = content
	text := l[j+k:]
	if w > 4 {
		text = l[j+1:]
	}
	s.list.itemText, s.list.inPara = true, true
	s.list.nested = s.list.nested[:0]
	at := off + len(l) - len(text)
	s.forms.startItem(false, indent, s.posOn(n, off, at), at, string(text))
	if len(bytes.TrimSpace(text)) > 0 {
		s.text(n, at, off+len(l))
	}
}

// nestedItem reports a list item nested in the current one, whose marker
// stands at column col and at index i of l.
func (s *blockScanner) nestedItem(n, off int, l []byte, col, i int) {
	m := listMarker(l[i:])
	_, k := indentOf(l[i+m:])
	at := off + i + m + k
	s.forms.startItem(true, col, s.posOn(n, off, at), at, string(l[i+m+k:]))
	s.list.itemText = true
}

// itemText adds a line to the first paragraph of the item read last, which
// matters only in action-item and timeline sections.
func (s *blockScanner) itemText(n, off int, line []byte) {
	if !s.list.itemText || !s.forms.active() {
		return
	}
	s.forms.itemLine(string(line), s.posOn(n, lineStartOf(s.src, off), off), off)
}

// taskBox reads a "[ ] " or "[x] " at the start of an item.
func taskBox(text string) (rest string, done, ok bool) {
	if len(text) < 4 || text[0] != '[' || text[2] != ']' || (text[3] != ' ' && text[3] != '\t') {
		return text, false, false
	}
	switch text[1] {
	case ' ':
		return text[4:], false, true
	case 'x', 'X':
		return text[4:], true, true
	}
	return text, false, false
}

// endItemText closes the current item's first paragraph.
func (s *blockScanner) endItemText() {
	s.list.itemText, s.list.inPara = false, false
	s.forms.endItemText()
	s.flushRun()
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
	if _, _, over := inlineOverBudget(text); over {
		text = "" // the document is shown as plain text
	}
	var gt nextByte
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '`':
			i = codeSpanEnd(text, i)
		case '[':
			if _, dest, _, ok := parseInlineLink(text, i); ok {
				return dest
			}
		case '<':
			if end := gt.after(text, i, '>'); end > 0 && isAutolink(text[i+1:i+end]) && strings.Contains(text[i+1:i+end], ":") {
				return text[i+1 : i+end]
			}
		}
	}
	for _, t := range texts {
		if u := bareURL.FindString(t); u != "" {
			return u
		}
	}
	return ""
}

func (s *blockScanner) endList() {
	s.forms.endList()
	s.list = listState{}
}

// startTable turns the paragraph's last line into a table header.
func (s *blockScanner) startTable(n int, delim []byte) {
	header := s.para[len(s.para)-1]
	s.para = s.para[:len(s.para)-1]
	s.flushPara()
	s.flushRun()
	s.table = &tableState{cols: countCells(delim)}
	if s.forms.active() {
		s.forms.tableHeader(s.cellTexts(splitCells(string(header.text))))
	}
}

func (s *blockScanner) cellTexts(cells []cell) []string {
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = plainText(c.text, s.refs)
	}
	return texts
}

func (s *blockScanner) endTable() {
	if s.table != nil {
		s.forms.endTable()
	}
	s.table = nil
}

// tableRow reads a body row of the open table.
func (s *blockScanner) tableRow(n, off int, l []byte) {
	s.text(n, off, off+len(l))
	s.flushRun()
	if !s.forms.active() {
		return
	}
	cells := splitCells(string(l))
	if len(cells) > s.table.cols {
		cells = cells[:s.table.cols]
	}
	texts := s.cellTexts(cells)
	pos := s.posOn(n, off, off)
	if len(cells) > 0 {
		pos = s.posOn(n, off, off+cells[0].start)
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
	s.forms.tableRow(texts, link, pos, func(i int) Pos { return s.posOn(n, off, off+cells[i].start) })
}

// cell is a table cell's text and its offset in the row.
type cell struct {
	text  string
	start int
}

// splitCells splits a table row on unescaped pipes outside code spans,
// dropping the optional pipes at both ends. Each cell's start is the
// offset of its first non-space byte.
func splitCells(row string) []cell {
	var cells []cell
	i := 0
	for i < len(row) && (row[i] == ' ' || row[i] == '\t') {
		i++
	}
	if i < len(row) && row[i] == '|' {
		i++
	}
	start := i
	for j := i; j <= len(row); j++ {
		if j < len(row) {
			switch row[j] {
			case '\\':
				j++
				continue
			case '`':
				j = codeSpanEnd(row, j)
				continue
			case '|':
			default:
				continue
			}
		}
		text := row[start:j]
		lead := len(text) - len(strings.TrimLeft(text, " \t"))
		trimmed := strings.TrimSpace(text)
		if j == len(row) && trimmed == "" && len(cells) > 0 {
			break // after a closing pipe
		}
		cells = append(cells, cell{text: strings.ReplaceAll(trimmed, `\|`, "|"), start: start + lead})
		start = j + 1
	}
	return cells
}

func countCells(row []byte) int { return len(splitCells(string(row))) }

// isDelimiterRow reports a table's delimiter row: "|---|:--:|".
func isDelimiterRow(l []byte) bool {
	for _, c := range l {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return false
		}
	}
	cells := splitCells(string(l))
	if len(cells) == 0 || !bytes.ContainsRune(l, '-') {
		return false
	}
	if len(cells) == 1 && !bytes.ContainsRune(l, '|') {
		return false
	}
	for _, c := range cells {
		t := strings.TrimSuffix(strings.TrimPrefix(c.text, ":"), ":")
		if t == "" || strings.Trim(t, "-") != "" {
			return false
		}
	}
	return true
}
