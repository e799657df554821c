package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/kb-tools/kb/content/mdscan"
)

// addItemText adds a line of the current item's first paragraph, at
// line n and column col, which matters only in action-item and timeline
// sections.
func (s *blockScanner) addItemText(n, col int, seg mdscan.Segment) {
	it := s.item
	if it == nil || s.ctx == ctxOther {
		return
	}
	text := s.value(seg)
	if len(it.text) == 0 {
		it.n, it.off = n, s.base+seg.Start
		if _, done, ok := mdscan.TaskBox(text); ok {
			it.task, it.done = true, done
		}
	}
	it.text = append(it.text, strings.TrimSpace(text))
}

// endItem emits the current item as an action item or a timeline entry.
func (s *blockScanner) endItem() {
	it := s.item
	s.item, s.itemText = nil, false
	if it == nil || len(it.text) == 0 {
		return
	}
	raw := strings.Join(it.text, " ")
	pos := s.posOn(it.n+s.lineBase, lineStartOf(s.src, it.off), it.off)
	switch s.ctx {
	case ctxActions:
		s.actionItem(it, raw, pos)
	case ctxTimeline:
		s.timelineLine(mdscan.PlainText(raw, s.refs), pos)
	}
}

func (s *blockScanner) actionItem(it *listItem, raw string, pos Pos) {
	item := ActionItem{Form: FormList, Pos: pos, Status: StatusOpen}
	text := raw
	if it.task {
		item.Form = FormTaskList
		text, _, _ = mdscan.TaskBox(raw)
		if it.done {
			item.Status = StatusDone
		}
	}
	if isStruckText(text) {
		item.Status = StatusWontDo
	}
	plain := mdscan.PlainText(text, s.refs)
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
		return s.posOn(it.n+s.lineBase, start, it.off+i)
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
	if dest := mdscan.FirstLink(text); dest != "" {
		return dest
	}
	for _, t := range texts {
		if u := bareURL.FindString(t); u != "" {
			return u
		}
	}
	return ""
}

// tableRow reads a row of a table: the header names the columns of an
// action-item table, each body row is an action item or a timeline entry.
func (s *blockScanner) tableRow(e *mdscan.Event) {
	if e.Header {
		s.table = tableState{}
	}
	if s.ctx == ctxOther || e.Header && s.ctx != ctxActions {
		return
	}
	cells := make([]cell, len(e.Cells))
	texts := make([]string, len(e.Cells))
	for i, c := range e.Cells {
		cells[i] = cell{text: strings.ReplaceAll(s.value(c), `\|`, "|"), start: s.base + c.Start}
		texts[i] = mdscan.PlainText(cells[i].text, s.refs)
	}
	if e.Header {
		s.table.fields = tableFields(texts)
		return
	}
	if strings.TrimSpace(strings.Join(texts, "")) == "" {
		return
	}
	pos := s.pos(e.Line, e.Col)
	lineStart := lineStartOf(s.src, s.base+e.Text.Start) // the row's line
	switch s.ctx {
	case ctxActions:
		s.actionRow(cells, texts, pos, func(i int) Pos { return s.posOn(pos.Line, lineStart, cells[i].start) })
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

func lineStartOf(src []byte, off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }
