package content

import (
	"bytes"
	"strings"
)

// startItem opens a list item at the top level; its marker is m bytes
// from index i of l.
func (s *blockScanner) startItem(n, off int, l []byte, indent, i, m int) {
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
		s.list = listState{active: true}
	}
	s.list.contentIndent = content
	text := l[j+k:]
	if w > 4 {
		text = l[j+1:]
	}
	s.list.item = &listItem{}
	s.list.itemText, s.list.inPara = true, true
	s.list.nested = s.list.nested[:0]
	if len(bytes.TrimSpace(text)) > 0 {
		s.itemText(n, off+len(l)-len(text), text)
		s.text(n, off+len(l)-len(text), off+len(l))
	}
}

// itemText adds a line to the current item's first paragraph, which
// matters only in action-item and timeline sections.
func (s *blockScanner) itemText(n, off int, line []byte) {
	it := s.list.item
	if it == nil || !s.list.itemText || s.ctx == ctxOther {
		return
	}
	text := string(line)
	if len(it.text) == 0 {
		it.n, it.off = n, off
		if _, done, ok := taskBox(text); ok {
			it.task, it.done = true, done
		}
	}
	it.text = append(it.text, strings.TrimSpace(text))
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
	s.flushRun()
}

// endItem emits the current item as an action item or a timeline entry.
func (s *blockScanner) endItem() {
	it := s.list.item
	s.list.item = nil
	if it == nil || len(it.text) == 0 {
		return
	}
	raw := strings.Join(it.text, " ")
	pos := s.posOn(it.n, lineStartOf(s.src, it.off), it.off)
	switch s.ctx {
	case ctxActions:
		s.actionItem(it, raw, pos)
	case ctxTimeline:
		s.timelineLine(plainText(raw, s.refs), pos)
	}
}

func (s *blockScanner) actionItem(it *listItem, raw string, pos Pos) {
	item := ActionItem{Form: FormList, Pos: pos, Status: StatusOpen}
	text := raw
	if it.task {
		item.Form = FormTaskList
		text, _, _ = taskBox(raw)
		if it.done {
			item.Status = StatusDone
		}
	}
	if isStruckText(text) {
		item.Status = StatusWontDo
	}
	plain := plainText(text, s.refs)
	parseActionText(&item, plain)
	if item.What == "" {
		return
	}
	item.DuePos = s.duePosOn(it, item)
	item.Link = firstLinkIn(text, []string{item.What})
	s.doc.Actions = append(s.doc.Actions, item)
}

// duePosOn finds the due date of a list item on the item's first line;
// when it is not there (written on a later line, or with markup), the
// item's position stands for it.
func (s *blockScanner) duePosOn(it *listItem, item ActionItem) Pos {
	if !item.Due.Set {
		return item.Pos
	}
	start := lineStartOf(s.src, it.off)
	end := len(s.src)
	if i := bytes.IndexByte(s.src[it.off:], '\n'); i >= 0 {
		end = it.off + i
	}
	if i := bytes.Index(s.src[it.off:end], []byte(item.Due.Format("2006-01-02"))); i >= 0 {
		return s.posOn(it.n, start, it.off+i)
	}
	return item.Pos
}

// settleActions marks as done the plain list items that tell of work
// already done, which need no owner or due date.
func settleActions(doc *Doc) {
	for i := range doc.Actions {
		a := &doc.Actions[i]
		if a.Form == FormList && a.Status == StatusOpen && reportsDoneWork(a.What) {
			a.Status = StatusDone
		}
	}
}

// reportsDoneWork reports a plain list item that tells of work already
// done ("We've advised the teams…", "We have added a check…") rather than
// asking for it.
func reportsDoneWork(what string) bool {
	w := strings.Fields(strings.ToLower(what))
	if len(w) < 2 {
		return false
	}
	i := 1
	switch w[0] {
	case "we've", "we’ve":
	case "we":
		if w[1] == "have" {
			if len(w) < 3 {
				return false
			}
			i = 2
		}
	default:
		return false
	}
	if w[i] == "already" && i+1 < len(w) {
		i++
	}
	v := w[i]
	switch v {
	case "done", "made", "set", "built", "put", "sent", "taken", "written", "begun", "found":
		return true
	}
	return strings.HasSuffix(v, "ed") && !strings.HasSuffix(v, "eed") // "need" is no past tense
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
	s.endItem()
	s.list = listState{}
}

// startTable turns the paragraph's last line into a table header.
func (s *blockScanner) startTable(n int, delim []byte) {
	header := s.para[len(s.para)-1]
	s.para = s.para[:len(s.para)-1]
	s.flushPara()
	s.flushRun()
	t := &tableState{cols: countCells(delim)}
	if s.ctx == ctxActions {
		cells := splitCells(string(header.text))
		texts := make([]string, len(cells))
		for i, c := range cells {
			texts[i] = plainText(c.text, s.refs)
		}
		t.fields = tableFields(texts)
	}
	s.table = t
}

func (s *blockScanner) endTable() { s.table = nil }

// tableRow reads a body row of the open table.
func (s *blockScanner) tableRow(n, off int, l []byte) {
	s.text(n, off, off+len(l))
	s.flushRun()
	if s.ctx == ctxOther {
		return
	}
	cells := splitCells(string(l))
	if len(cells) > s.table.cols {
		cells = cells[:s.table.cols]
	}
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = plainText(c.text, s.refs)
	}
	if strings.TrimSpace(strings.Join(texts, "")) == "" {
		return
	}
	pos := s.posOn(n, off, off)
	if len(cells) > 0 {
		pos = s.posOn(n, off, off+cells[0].start)
	}
	switch s.ctx {
	case ctxActions:
		s.actionRow(cells, texts, pos, func(i int) Pos { return s.posOn(n, off, off+cells[i].start) })
	case ctxTimeline:
		s.timelineRow(texts, pos)
	}
}

// actionRow reads an action item from a table row; cellPos gives the
// position of a cell.
func (s *blockScanner) actionRow(cells []cell, texts []string, pos Pos, cellPos func(int) Pos) {
	item := ActionItem{Form: FormTable, Pos: pos, DuePos: pos, Status: StatusOpen}
	for i, c := range texts {
		if i < len(s.table.fields) && s.table.fields[i] != "" {
			item.setField(s.table.fields[i], c)
			if s.table.fields[i] == "due" {
				item.DuePos = cellPos(i)
			}
		}
	}
	if item.Link == "" {
		for _, c := range cells {
			if item.Link = firstLinkIn(c.text, nil); item.Link != "" {
				break
			}
		}
		if item.Link == "" {
			item.Link = firstLinkIn("", texts)
		}
	}
	if item.What == "" && item.Owner == "" && !item.Due.Set {
		return
	}
	s.doc.Actions = append(s.doc.Actions, item)
}

func (s *blockScanner) timelineRow(texts []string, pos Pos) {
	when, rest := texts[0], texts[1:]
	if len(rest) > 1 && isDateOnly(when) && leadingClock.MatchString(rest[0]) {
		when, rest = when+" "+rest[0], rest[1:]
	}
	e, ok := s.clock.readTime(when)
	if !ok {
		e = TimelineEntry{TimeText: strings.TrimSpace(when)}
	}
	e.Event = strings.TrimSpace(strings.Join(append([]string{e.Event}, rest...), " "))
	e.Pos = pos
	s.doc.Timeline = append(s.doc.Timeline, e)
}

func (s *blockScanner) timelineLine(text string, pos Pos) {
	e, ok := s.clock.readTime(text)
	if !ok {
		return
	}
	e.Pos = pos
	s.doc.Timeline = append(s.doc.Timeline, e)
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
