package content

// The goldmark-based extraction kb used before its line scanner: kept as
// the oracle of the differential test, which checks that the scanner finds
// the same sections, action items, timeline entries, links and code lines
// as a full CommonMark parse.

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var _ = regexp.MustCompile

// newScanMarkdown returns the parser kb reads documents with: that of
// NewMarkdown but for the GFM autolinks of bare URLs, which only matter when
// rendering and would cost a scan of every line of text.
func newScanMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// bodyScanner extracts sections, action items, timeline entries and links
// from the parsed body of one document.
type bodyScanner struct {
	doc     *Doc
	src     []byte // the body
	lines   *LineIndex
	h1      string
	ctx     sectionContext
	ctxLvl  int
	clockTZ *timelineClock
}

// scanBody parses the body with md and fills the document's sections,
// action items, timeline and links. It returns the text of the first H1.
func scanBody(md goldmark.Markdown, doc *Doc, lines *LineIndex) string {
	body := doc.Body()
	root := md.Parser().Parse(text.NewReader(body))
	s := &bodyScanner{doc: doc, src: body, lines: lines, clockTZ: newTimelineClock(doc)}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		s.block(n)
	}
	s.walk(root)
	return s.h1
}

// pos turns an offset in the body into a position in the whole file.
func (s *bodyScanner) pos(offset int) Pos {
	line, col := s.lines.Pos(offset + s.doc.BodyOffset)
	return Pos{File: s.doc.Path, Line: line, Col: col}
}

func (s *bodyScanner) nodePos(n ast.Node) Pos { return s.pos(nodeOffset(n)) }

func (s *bodyScanner) block(n ast.Node) {
	if h, ok := n.(*ast.Heading); ok {
		s.heading(h)
		return
	}
	switch s.ctx {
	case ctxActions:
		s.actionBlock(n)
	case ctxTimeline:
		s.timelineBlock(n)
	}
}

func (s *bodyScanner) heading(h *ast.Heading) {
	title := inlineText(h, s.src)
	sec := Section{Title: title, Level: h.Level, Pos: s.nodePos(h)}
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			sec.Anchor = string(b)
		}
	}
	s.doc.Sections = append(s.doc.Sections, sec)
	if h.Level == 1 && s.h1 == "" {
		s.h1 = title
	}
	if s.ctx != ctxOther && h.Level > s.ctxLvl {
		return // a subsection stays in its parent's context
	}
	s.ctx, s.ctxLvl = ctxOther, h.Level
	switch {
	case DefaultVocabulary().Is(SectionActionItems, title):
		s.ctx = ctxActions
	case DefaultVocabulary().Is(SectionTimeline, title):
		s.ctx = ctxTimeline
	}
}

func (s *bodyScanner) actionBlock(n ast.Node) {
	switch b := n.(type) {
	case *extast.Table:
		s.actionTable(b)
	case *ast.List:
		for li := b.FirstChild(); li != nil; li = li.NextSibling() {
			s.actionListItem(li)
		}
	}
}

func (s *bodyScanner) actionTable(t *extast.Table) {
	var fields []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		cells := rowCells(row, s.src)
		if _, ok := row.(*extast.TableHeader); ok {
			fields = tableFields(cells)
			continue
		}
		item := ActionItem{Form: FormTable, Pos: s.nodePos(row), Status: StatusOpen}
		for i, c := range cells {
			if i < len(fields) && fields[i] != "" {
				item.setField(fields[i], c)
			}
		}
		if item.Link == "" {
			item.Link = firstLink(row, s.src, cells)
		}
		if item.What == "" && item.Owner == "" && item.Due.IsZero() {
			continue // an empty row
		}
		s.doc.Actions = append(s.doc.Actions, item)
	}
}

func (s *bodyScanner) actionListItem(li ast.Node) {
	first := li.FirstChild()
	if first == nil {
		return
	}
	item := ActionItem{Form: FormList, Pos: s.nodePos(li), Status: StatusOpen}
	if cb, ok := first.FirstChild().(*extast.TaskCheckBox); ok {
		item.Form = FormTaskList
		if cb.IsChecked {
			item.Status = StatusDone
		}
	}
	if isStruck(first) {
		item.Status = StatusWontDo
	}
	parseActionText(&item, inlineText(first, s.src))
	if item.What == "" {
		return
	}
	item.Link = firstLink(first, s.src, []string{item.What})
	s.doc.Actions = append(s.doc.Actions, item)
}

// isStruck reports whether a list item's text is all struck through, the
// way dropped items are often marked.
func isStruck(n ast.Node) bool {
	c := n.FirstChild()
	if _, ok := c.(*extast.TaskCheckBox); ok {
		c = c.NextSibling()
	}
	if t, ok := c.(*ast.Text); ok && t.Segment.Len() <= 1 {
		c = c.NextSibling() // the space after a check box
	}
	if _, ok := c.(*extast.Strikethrough); !ok {
		return false
	}
	for c = c.NextSibling(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.RawHTML: // a trailing comment
		case *ast.Text:
			if t.Segment.Len() > 1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// walk records every link and image destination of the body, and the
// lines of code blocks, HTML blocks and block quotes.
func (s *bodyScanner) walk(root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// goldmark keeps no offset for a link without text or for an
		// autolink; such links get no position here, and the comparison
		// takes the destination alone.
		switch l := n.(type) {
		case *ast.Link:
			s.doc.Links = append(s.doc.Links, Link{Dest: string(l.Destination), Pos: s.linkPos(l)})
		case *ast.Image:
			s.doc.Links = append(s.doc.Links, Link{Dest: string(l.Destination), Image: true, Pos: s.linkPos(l)})
		case *ast.AutoLink:
			s.doc.Links = append(s.doc.Links, Link{Dest: string(l.URL(s.src))})
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			r, ok := s.lineRange(n)
			// The line that closes an HTML block ("-->") is part of it.
			if h, isHTML := n.(*ast.HTMLBlock); isHTML && h.HasClosure() {
				last, _ := s.lines.Pos(h.ClosureLine.Start + s.doc.BodyOffset)
				if !ok {
					r.First = last
				}
				r.Last, ok = last, true
			}
			if ok {
				s.doc.Code = append(s.doc.Code, r)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Blockquote:
			if r, ok := s.lineRange(n); ok {
				s.doc.Quotes = append(s.doc.Quotes, r)
			}
		}
		return ast.WalkContinue, nil
	})
}

// lineRange returns the file lines a block spans, from its first text to
// the end of its last line of text.
func (s *bodyScanner) lineRange(n ast.Node) (LineRange, bool) {
	last := lastOffset(n)
	if last < 0 {
		return LineRange{}, false
	}
	first, _ := s.lines.Pos(nodeOffset(n) + s.doc.BodyOffset)
	end, _ := s.lines.Pos(max(last-1, 0) + s.doc.BodyOffset)
	return LineRange{First: first, Last: max(first, end)}, true
}

// lastOffset returns the body offset where the last line of text under n
// ends, or -1 when n holds none.
func lastOffset(n ast.Node) int {
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if off := lastOffset(c); off >= 0 {
			return off
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Stop
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(n.Lines().Len() - 1).Stop
	}
	return -1
}

// rowCells returns the text of each cell of a table row.
func rowCells(row ast.Node, src []byte) []string {
	var cells []string
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		cells = append(cells, inlineText(c, src))
	}
	return cells
}

// firstLink returns the destination of the first link under n, else the
// first bare URL in texts.
func firstLink(n ast.Node, src []byte, texts []string) string {
	var dest string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Link:
			dest = string(l.Destination)
		case *ast.AutoLink:
			dest = string(l.URL(src))
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, nil
	})
	for _, t := range texts {
		if dest != "" {
			break
		}
		dest = bareURL.FindString(t)
	}
	return dest
}

// inlineText returns the plain text of n's inline content: emphasis and
// links reduced to their text, code spans kept, raw HTML dropped, line
// breaks as spaces.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	appendInlineText(&b, n, src)
	return strings.TrimSpace(b.String())
}

func appendInlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.RawHTML, *extast.TaskCheckBox:
		default:
			appendInlineText(b, c, src)
		}
	}
}

// nodeOffset returns the body offset where n's text starts: its first line
// for a block, its segment for text, else its first child's.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if n.FirstChild() == nil {
			return inlineFallbackOffset(n)
		}
	}
	return 0
}

// inlineFallbackOffset places an inline node that carries no segment of its
// own (an autolink, say) just after the text before it, or at its block.
func inlineFallbackOffset(n ast.Node) int {
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if t, ok := p.(*ast.Text); ok {
			return t.Segment.Stop
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func (s *bodyScanner) timelineBlock(n ast.Node) {
	switch b := n.(type) {
	case *extast.Table:
		s.timelineTable(b)
	case *ast.List:
		for li := b.FirstChild(); li != nil; li = li.NextSibling() {
			if first := li.FirstChild(); first != nil {
				s.timelineLine(inlineText(first, s.src), s.nodePos(li))
			}
		}
	case *ast.Paragraph:
		s.timelineParagraph(b)
	}
}

func (s *bodyScanner) timelineTable(t *extast.Table) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*extast.TableHeader); ok {
			continue
		}
		cells := rowCells(row, s.src)
		if len(cells) == 0 || strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		when, rest := cells[0], cells[1:]
		if len(rest) > 1 && isDateOnly(when) && leadingClock.MatchString(rest[0]) {
			when, rest = when+" "+rest[0], rest[1:]
		}
		e, ok := s.clockTZ.readTime(when)
		if !ok {
			e = TimelineEntry{TimeText: strings.TrimSpace(when)}
		}
		e.Event = strings.TrimSpace(strings.Join(append([]string{e.Event}, rest...), " "))
		e.Pos = s.nodePos(row)
		s.doc.Timeline = append(s.doc.Timeline, e)
	}
}

// timelineParagraph reads a paragraph whose lines each start with a time.
func (s *bodyScanner) timelineParagraph(p *ast.Paragraph) {
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := strings.Trim(string(seg.Value(s.src)), "*_ \t")
		line = strings.ReplaceAll(line, "**", "")
		s.timelineLine(line, s.pos(seg.Start))
	}
}

func (s *bodyScanner) timelineLine(text string, pos Pos) {
	e, ok := s.clockTZ.readTime(text)
	if !ok {
		return
	}
	e.Pos = pos
	s.doc.Timeline = append(s.doc.Timeline, e)
}

func (s *bodyScanner) linkPos(n ast.Node) Pos {
	if n.FirstChild() == nil {
		return Pos{}
	}
	return s.nodePos(n)
}
