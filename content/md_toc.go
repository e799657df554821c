package content

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gitlabTOC makes a paragraph that is only GitLab's table-of-contents tag,
// [[_TOC_]] (or [TOC]), the page's table of contents: a nested list of
// links to its headings, as GitLab shows it. The list is made when the
// page is written, so it names the headings the page shows. A page has one
// table of contents, at its first tag: later tags show nothing, so that a
// page of many tags costs no more than its size.
var gitlabTOC goldmark.Extender = tocExtension{}

type tocExtension struct{}

// Extend adds the tag's transformer and the contents' renderer to m.
func (tocExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tocTransformer{}, 600)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tocRenderer{}, 500)))
}

// KindTOC is the node kind of a table of contents.
var KindTOC = ast.NewNodeKind("TOC")

// tocNode stands where the [[_TOC_]] tag was. Only the document's first
// tag (first) writes the contents; the others write nothing.
type tocNode struct {
	ast.BaseBlock
	first bool
}

// Kind implements ast.Node.
func (*tocNode) Kind() ast.NodeKind { return KindTOC }

// Dump implements ast.Node.
func (n *tocNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// isTOCTag reports whether a paragraph's text is GitLab's tag.
func isTOCTag(p *ast.Paragraph, src []byte) bool {
	if p.Lines().Len() != 1 {
		return false
	}
	v := bytes.TrimSpace(segValue(p.Lines(), 0, src))
	return bytes.Equal(v, []byte("[[_TOC_]]")) || bytes.Equal(v, []byte("[TOC]"))
}

type tocTransformer struct{}

// Transform implements parser.ASTTransformer: each tag paragraph gives way
// to a table of contents node, the first of them the one that is written.
func (tocTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("TOC")) {
		return // no tag: no walk over the page
	}
	var tags []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if isTOCTag(p, src) {
				tags = append(tags, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i, p := range tags {
		p.Parent().ReplaceChild(p.Parent(), p, &tocNode{first: i == 0})
	}
}

type tocRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tocRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTOC, renderTOC)
}

// tocEntry is one heading of the contents.
type tocEntry struct {
	level int
	id    []byte
	text  []byte
}

func renderTOC(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || !node.(*tocNode).first {
		return ast.WalkContinue, nil
	}
	root := node
	for root.Parent() != nil {
		root = root.Parent()
	}
	if entries := tocEntries(root, src); len(entries) > 0 {
		writeTOC(w, entries)
	}
	return ast.WalkContinue, nil
}

// writeTOC writes the contents of entries as nested lists.
func writeTOC(w util.BufWriter, entries []tocEntry) {
	_, _ = w.WriteString(`<nav class="toc" aria-label="Contents">` + "\n<ul>\n<li>")
	writeTOCLink(w, entries[0])
	levels := []int{entries[0].level}
	for _, e := range entries[1:] {
		if e.level > levels[len(levels)-1] {
			_, _ = w.WriteString("\n<ul>\n<li>")
			levels = append(levels, e.level)
		} else {
			_, _ = w.WriteString("</li>\n")
			for len(levels) > 1 && e.level <= levels[len(levels)-2] {
				levels = levels[:len(levels)-1]
				_, _ = w.WriteString("</ul>\n</li>\n")
			}
			_, _ = w.WriteString("<li>")
		}
		writeTOCLink(w, e)
	}
	_, _ = w.WriteString("</li>\n")
	for range levels[1:] {
		_, _ = w.WriteString("</ul>\n</li>\n")
	}
	_, _ = w.WriteString("</ul>\n</nav>\n")
}

func writeTOCLink(w util.BufWriter, e tocEntry) {
	_, _ = w.WriteString(`<a href="#`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(e.id, false)))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(e.text))
	_, _ = w.WriteString("</a>")
}

// tocEntries lists the headings under root that have an id, in order.
func tocEntries(root ast.Node, src []byte) []tocEntry {
	var out []tocEntry
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok && len(b) > 0 {
				out = append(out, tocEntry{level: h.Level, id: b, text: headingText(h, src)})
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// headingText is the text of an inline tree without its markup.
func headingText(n ast.Node, src []byte) []byte {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b = append(b, t.Segment.Value(src)...)
			if t.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, t.Value...)
		}
		return ast.WalkContinue, nil
	})
	return bytes.TrimSpace(b)
}
