package content

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// NewMarkdown returns the markdown processor kb uses for every document:
// CommonMark with GitHub's extensions (tables, task lists, strikethrough,
// autolinks) and heading ids. Raw HTML in documents is left out of the
// output unless unsafeHTML is set. A returned value may be used by one
// goroutine at a time.
func NewMarkdown(unsafeHTML bool) goldmark.Markdown {
	var rendererOpts []goldmark.Option
	if unsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
}

// newScanMarkdown returns the parser kb reads documents with: that of
// NewMarkdown but for the GFM autolinks of bare URLs, which only matter when
// rendering and would cost a scan of every line of text.
func newScanMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// bareURL finds a URL written without link syntax.
var bareURL = regexp.MustCompile(`https?://[^\s<>()|]+[^\s<>()|.,;:!?'"]`)

// bodyScanner extracts sections, action items, timeline entries and links
// from the parsed body of one document.
type bodyScanner struct {
	doc     *Doc
	src     []byte // the body
	lines   *lineIndex
	h1      string
	ctx     sectionContext
	ctxLvl  int
	clockTZ *timelineClock
}

// sectionContext says what the current section holds.
type sectionContext int

const (
	ctxOther sectionContext = iota
	ctxActions
	ctxTimeline
)

// scanBody parses the body with md and fills the document's sections,
// action items, timeline and links. It returns the text of the first H1.
func scanBody(md goldmark.Markdown, doc *Doc, lines *lineIndex) string {
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
	line, col := s.lines.pos(offset + s.doc.BodyOffset)
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
	case IsActionHeading(title):
		s.ctx = ctxActions
	case IsTimelineHeading(title):
		s.ctx = ctxTimeline
	}
}

// actionHeadings are the headings under which action items are written.
var actionHeadings = map[string]bool{
	"action items": true, "action item": true, "actions items": true,
	"remediation": true, "remediations": true, "remediation items": true,
	"follow-ups": true, "follow ups": true, "followups": true, "follow-up items": true,
	"follow-up actions": true, "corrective actions": true, "action points": true,
	"preventive actions": true, "next steps": true, "todo": true, "to do": true,
}

// IsActionHeading reports whether a heading opens an action-item section.
// "Actions" alone is a runbook section and does not.
func IsActionHeading(title string) bool {
	return actionHeadings[NormalizeHeading(title)]
}

// IsTimelineHeading reports whether a heading opens a timeline section.
func IsTimelineHeading(title string) bool {
	return strings.Contains(NormalizeHeading(title), "timeline")
}

// NormalizeHeading lower-cases a heading and drops numbering, emoji and
// trailing punctuation: "3. Action Items:" reads as "action items".
func NormalizeHeading(title string) string {
	t := strings.ToLower(strings.TrimSpace(title))
	t = strings.TrimLeft(t, "0123456789.) ")
	t = strings.TrimRight(t, ":. ")
	return strings.TrimSpace(strings.TrimFunc(t, func(r rune) bool { return r > 0x2000 }))
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

// tableFields maps header cells to action-item fields; when no header names
// the action itself, the first unnamed column is taken to be it.
func tableFields(headers []string) []string {
	fields := make([]string, len(headers))
	hasWhat := false
	for i, h := range headers {
		fields[i] = actionField(h)
		hasWhat = hasWhat || fields[i] == "what"
	}
	for i := range fields {
		if !hasWhat && fields[i] == "" {
			fields[i] = "what"
			break
		}
	}
	return fields
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
		switch l := n.(type) {
		case *ast.Link:
			s.doc.Links = append(s.doc.Links, Link{Dest: string(l.Destination), Pos: s.nodePos(l)})
		case *ast.Image:
			s.doc.Links = append(s.doc.Links, Link{Dest: string(l.Destination), Image: true, Pos: s.nodePos(l)})
		case *ast.AutoLink:
			s.doc.Links = append(s.doc.Links, Link{Dest: string(l.URL(s.src)), Pos: s.nodePos(l)})
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			if r, ok := s.lineRange(n); ok {
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
	first, _ := s.lines.pos(nodeOffset(n) + s.doc.BodyOffset)
	end, _ := s.lines.pos(max(last-1, 0) + s.doc.BodyOffset)
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
