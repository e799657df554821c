package mdscan

import "bytes"

// listLine handles a line while a top-level list is open. It reports
// false when the line ends the list and is to be read at the top level.
func (s *scanner) listLine(n, off int, l []byte, indent, i int) bool {
	ci := s.list.contentIndent
	if indent >= ci {
		s.itemLine(n, off, l, indent)
		return true
	}
	if indent <= 3 {
		if m := listMarker(l[i:]); m > 0 && !isThematicBreak(l[i:]) {
			s.startItem(n, off, l, indent, i, m)
			return true
		}
	}
	if s.list.inPara && !s.prevBlank && !s.startsBlock(l, indent, i) && !(indent <= 3 && isSetextUnderline(l[i:]) != 0) {
		// A lazy continuation line of the item's open paragraph.
		s.paraLine(n, off+i, off+len(l), s.list.lead)
		return true
	}
	s.endList()
	return false
}

// itemLine handles a line of the current item's content, or of a nested
// item in it.
func (s *scanner) itemLine(n, off int, l []byte, indent int) {
	for len(s.list.nested) > 0 && indent < s.list.nested[len(s.list.nested)-1] && s.prevBlank {
		s.list.nested = s.list.nested[:len(s.list.nested)-1]
	}
	inner := s.list.contentIndent
	if len(s.list.nested) > 0 {
		inner = s.list.nested[len(s.list.nested)-1]
	}
	j := skipIndent(l, min(inner, indent))
	rest := l[j:]
	w, k := indentOf(rest)
	marker := 0
	if s.prevBlank {
		s.list.closeTo(indent)
	}
	if m := listMarker(rest[k:]); m > 0 && w <= 3 && !isThematicBreak(rest[k:]) {
		marker = m
		mw, _ := indentOf(rest[k+m:])
		if mw > 4 || k+m == len(rest) {
			mw = 1
		}
		col := min(inner, indent) + w
		s.list.nested = append(s.list.nested, col+m+mw)
		s.list.closeTo(col)
		s.list.open = append(s.list.open, col+m+mw)
	}
	s.list.inPara = false
	at := off + j + k
	switch {
	case fenceOpen(rest[k:]) != 0: // in a nested item too
		s.endItemText()
		s.endCode()
		s.openFence(n, off, l, fenceOpen(rest[k:]), false)
		s.fence.indent = indent
	case s.prevBlank && w >= 4 || s.code.first != 0 && w >= 4:
		s.codeLine(n)
	case w <= 3 && (marker > 0 || isATXHeading(rest[k:]) || isThematicBreak(rest[k:]) || htmlStart(rest[k:], true) != 0):
		s.endItemText()
		if h := htmlStart(rest[k:], true); h != 0 && marker == 0 {
			s.startHTML(n, rest[k:], h)
			return
		}
		s.list.inPara = marker > 0
		switch {
		case marker > 0:
			s.nestedItem(n, at, rest[k:], marker)
			s.text(n, at, off+len(l))
		case isATXHeading(rest[k:]):
			s.atxHeading(n, off, l, j+k, len(s.list.open)+1)
		default:
			s.event(ThematicBreak, n, at)
			s.send()
			s.text(n, at, off+len(l))
		}
	case s.prevBlank:
		s.endItemText()
		s.list.inPara = true
		s.paraLine(n, at, off+len(l), false)
	default:
		s.list.inPara = true
		s.paraLine(n, at, off+len(l), s.list.lead)
	}
	if s.fence.open || s.code.first == n {
		return
	}
	s.endCode()
}

// paraLine reports a paragraph line of a list item and reads it for links.
func (s *scanner) paraLine(n, from, end int, lead bool) {
	e := s.event(ParagraphLine, n, from)
	e.Text, e.Depth, e.ItemText = Segment{from, end}, len(s.list.open)+1, lead
	s.send()
	s.text(n, from, end)
}

// nestedItem reports a list item nested in the current one, its marker m
// bytes long at the start of rest (at offset at).
func (s *scanner) nestedItem(n, at int, rest []byte, m int) {
	s.list.lead = true
	s.itemEvent(n, at, rest, m, len(s.list.open))
}

// itemEvent reports the item whose marker of m bytes opens rest (at
// offset at), at depth depth.
func (s *scanner) itemEvent(n, at int, rest []byte, m, depth int) {
	w, k := indentOf(rest[m:])
	text := Segment{at + m + k, at + len(rest)}
	if w > 4 {
		text.Start = at + m + 1
	}
	e := s.event(ListItem, n, text.Start)
	e.Depth, e.Text = depth, text
	e.Marker = rest[0]
	if c := rest[m-1]; c == '.' || c == ')' {
		e.Marker = c
		for _, d := range rest[:m-1] {
			e.Number = e.Number*10 + int(d-'0')
		}
	}
	if w <= 4 {
		e.Task = taskState(rest[m+k:])
	}
	if len(bytes.TrimSpace(s.src[text.Start:text.Stop])) == 0 {
		e.Text = Segment{text.Stop, text.Stop}
	}
	e.Col = s.col(e.Text.Start)
	s.send()
}

// taskState reads a "[ ] " or "[x] " at the start of an item's text.
func taskState(t []byte) Task {
	if len(t) < 4 || t[0] != '[' || t[2] != ']' || (t[3] != ' ' && t[3] != '\t') {
		return NoTask
	}
	switch t[1] {
	case ' ':
		return TaskOpen
	case 'x', 'X':
		return TaskDone
	}
	return NoTask
}

// TaskBox reads a task list item's check box, "[ ] " or "[x] ", at the
// start of text: it returns the text after it, and whether it is checked.
func TaskBox(text string) (rest string, done, ok bool) {
	switch taskState([]byte(text[:min(len(text), 4)])) {
	case TaskOpen:
		return text[4:], false, true
	case TaskDone:
		return text[4:], true, true
	}
	return text, false, false
}

// startItem opens a list item at the top level; its marker is m bytes
// from index i of l.
func (s *scanner) startItem(n, off int, l []byte, indent, i, m int) {
	s.endItem()
	s.endCode()
	s.flushRun()
	j := i + m
	w, k := indentOf(l[j:])
	content := indent + m + w
	if w > 4 || j+k == len(l) {
		content = indent + m + 1 // code or nothing after the marker
	}
	if !s.list.active {
		s.list = listState{active: true, nested: s.list.nested[:0], open: s.list.open[:0]}
	}
	s.list.contentIndent = content
	s.list.lead, s.list.inPara = true, true
	s.list.nested, s.list.open = s.list.nested[:0], s.list.open[:0]
	s.itemEvent(n, off+i, l[i:], m, 0)
	if text := s.ev.Text; text.Len() > 0 {
		s.text(n, text.Start, off+len(l))
	}
}

// endItemText closes the current item's first paragraph.
func (s *scanner) endItemText() {
	s.list.lead, s.list.inPara = false, false
	s.flushRun()
}

func (s *scanner) endList() {
	if s.list.active {
		s.event(ItemEnd, 0, 0)
		s.send()
	}
	s.list = listState{nested: s.list.nested[:0], open: s.list.open[:0]}
}

// endItem reports the end of the current top-level item.
func (s *scanner) endItem() {
	if s.list.active {
		s.event(ItemEnd, 0, 0)
		s.send()
	}
}

// startTable turns the paragraph's last line into a table's header row.
func (s *scanner) startTable(delim []byte) {
	header := s.para[len(s.para)-1]
	s.para = s.para[:len(s.para)-1]
	s.flushPara()
	s.flushRun()
	s.table = &tableState{cols: countCells(delim)}
	e := s.event(TableRow, header.n, header.off)
	e.Header, e.Text = true, Segment{header.off, header.end}
	e.Cells = appendCells(e.Cells, s.src[header.off:header.end], header.off, -1)
	if len(e.Cells) > 0 {
		e.Col = s.col(e.Cells[0].Start)
	}
	s.send()
}

func (s *scanner) endTable() { s.table = nil }

// tableRow reports a body row of the open table.
func (s *scanner) tableRow(n, off int, l []byte) {
	s.text(n, off, off+len(l))
	s.flushRun()
	e := s.event(TableRow, n, off)
	e.Text = Segment{off, off + len(l)}
	e.Cells = appendCells(e.Cells, l, off, s.table.cols)
	if len(e.Cells) > 0 {
		e.Col = s.col(e.Cells[0].Start)
	}
	s.send()
}

// closeTo closes the nested items whose content starts right of column
// col, as a line at col that is no lazy continuation does.
func (l *listState) closeTo(col int) {
	for len(l.open) > 0 && l.open[len(l.open)-1] > col {
		l.open = l.open[:len(l.open)-1]
	}
}
