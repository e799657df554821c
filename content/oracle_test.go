package content

// The goldmark-based extraction kb used before its line scanner: kept as
// the oracle of the differential test, which checks that the scanner finds
// the same sections, action items, timeline entries, links and code lines
// as a full CommonMark parse.

import (
	"github.com/kb-tools/kb/content/mdscan"
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
	doc   *Doc
	src   []byte // the body
	lines *LineIndex
	h1    string
	// forms is the reader of action items and timelines the scanner
	// feeds too: the test compares the blocks each reports to it.
	forms *formReader
}

// scanBody parses the body with md and fills the document's sections,
// action items, timeline and links. It returns the text of the first H1.
func scanBody(md goldmark.Markdown, doc *Doc, lines *LineIndex) string {
	body := doc.Body()
	root := md.Parser().Parse(text.NewReader(body))
	s := &bodyScanner{doc: doc, src: body, lines: lines}
	s.forms = newFormReader(doc, DefaultVocabulary(), mdscan.ReadRefs(body))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		s.block(n)
	}
	s.forms.finish()
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
	if !s.forms.active() {
		return
	}
	switch b := n.(type) {
	case *extast.Table:
		s.table(b)
	case *ast.List:
		for li := b.FirstChild(); li != nil; li = li.NextSibling() {
			s.listItem(li, 0)
		}
		s.forms.endList()
	case *ast.Paragraph:
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			s.forms.paraLine(string(seg.Value(s.src)), s.pos(seg.Start), seg.Start+s.doc.BodyOffset)
		}
		s.forms.endPara()
	}
}

func (s *bodyScanner) heading(h *ast.Heading) {
	title := inlineText(h, s.src)
	sec := Section{Title: title, Level: h.Level, Pos: s.nodePos(h), Kinds: DefaultVocabulary().Set(title)}
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			sec.Anchor = string(b)
		}
	}
	s.doc.Sections = append(s.doc.Sections, sec)
	if h.Level == 1 && s.h1 == "" {
		s.h1 = title
	}
	s.forms.heading(h.Level, title, sec.Kinds, sec.Pos)
}

// table reports a table's header and rows.
func (s *bodyScanner) table(t *extast.Table) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		cells := rowCells(row, s.src)
		if _, ok := row.(*extast.TableHeader); ok {
			s.forms.tableHeader(cells)
			continue
		}
		var cellNodes []ast.Node
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cellNodes = append(cellNodes, c)
		}
		s.forms.tableRow(cells, firstLink(row, s.src, cells), s.nodePos(row), func(i int) Pos { return s.nodePos(cellNodes[i]) })
	}
	s.forms.endTable()
}

// listItem reports a list item at a depth, its first paragraph's lines as
// written, and the items nested in it.
func (s *bodyScanner) listItem(li ast.Node, depth int) {
	first := li.FirstChild()
	if first == nil {
		return
	}
	lines := first.Lines()
	if _, isList := first.(*ast.List); isList || lines == nil || lines.Len() == 0 {
		s.forms.startItem(depth > 0, depth, s.nodePos(li), nodeOffset(li)+s.doc.BodyOffset, "")
	} else {
		seg := lines.At(0)
		s.forms.startItem(depth > 0, depth, s.pos(seg.Start), seg.Start+s.doc.BodyOffset, string(seg.Value(s.src)))
		for i := 1; i < lines.Len(); i++ {
			seg := lines.At(i)
			s.forms.itemLine(string(seg.Value(s.src)), s.pos(seg.Start), seg.Start+s.doc.BodyOffset)
		}
	}
	s.forms.endItemText()
	for c := li.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.List); ok {
			for item := l.FirstChild(); item != nil; item = item.NextSibling() {
				s.listItem(item, depth+1)
			}
		}
	}
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

func (s *bodyScanner) linkPos(n ast.Node) Pos {
	if n.FirstChild() == nil {
		return Pos{}
	}
	return s.nodePos(n)
}
