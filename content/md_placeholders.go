package content

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// htmlPlaceholders keeps the placeholders of templates, such as
// "<Link to the recording>" or "<team name>", visible as the text they
// are. Markdown reads them as HTML tags, which a page leaves out (or a
// browser hides); a tag counts as a placeholder when its name is no HTML
// element, or when it gives an element words that are not its attributes
// ("<Link to the recording>": link takes no attribute "to").
var htmlPlaceholders goldmark.Extender = placeholderExtension{}

type placeholderExtension struct{}

// Extend adds the placeholder transformer to m, and the parser that reads
// a line starting with a placeholder as a paragraph, not as an HTML block.
func (placeholderExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(placeholderLineParser{parser.NewParagraphParser()}, 890)),
		parser.WithASTTransformers(util.Prioritized(placeholderTransformer{}, 700)))
}

// placeholderLineParser opens a paragraph where a line starts with a
// placeholder, which the HTML-block parser would take (and with it the
// markdown of the lines after it); the paragraph parser does the rest.
type placeholderLineParser struct{ parser.BlockParser }

// Trigger implements parser.BlockParser.
func (placeholderLineParser) Trigger() []byte { return []byte{'<'} }

// Open implements parser.BlockParser.
func (p placeholderLineParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !isPlaceholder(firstTag(line[pos:])) {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// CanInterruptParagraph implements parser.BlockParser: a placeholder in a
// paragraph is part of it.
func (placeholderLineParser) CanInterruptParagraph() bool { return false }

type placeholderTransformer struct{}

// Transform implements parser.ASTTransformer: placeholders in text become
// text, and an HTML block that starts with one (one that interrupted a
// paragraph) becomes a paragraph of its text.
func (placeholderTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if bytes.IndexByte(src, '<') < 0 {
		return // no raw HTML: no walk over the page
	}
	var inline []*ast.RawHTML
	var blocks []*ast.HTMLBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch h := n.(type) {
		case *ast.RawHTML:
			if isPlaceholder(string(segmentsValue(h.Segments, src))) {
				inline = append(inline, h)
			}
		case *ast.HTMLBlock:
			if (h.HTMLBlockType == ast.HTMLBlockType6 || h.HTMLBlockType == ast.HTMLBlockType7) && h.Lines().Len() > 0 && isPlaceholder(firstTag(segValue(h.Lines(), 0, src))) {
				blocks = append(blocks, h)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, h := range inline {
		h.Parent().ReplaceChild(h.Parent(), h, ast.NewString(segmentsValue(h.Segments, src)))
	}
	for _, h := range blocks {
		p := ast.NewParagraph()
		p.AppendChild(p, ast.NewString([]byte(strings.TrimSpace(string(segmentsValue(h.Lines(), src))))))
		h.Parent().ReplaceChild(h.Parent(), h, p)
	}
}

// segmentsValue joins the text of segments.
func segmentsValue(segs *text.Segments, src []byte) []byte {
	var b []byte
	for i := 0; i < segs.Len(); i++ {
		b = append(b, segValue(segs, i, src)...)
	}
	return b
}

// firstTag is the tag at the start of an HTML block's first line.
func firstTag(line []byte) string {
	s := strings.TrimSpace(string(line))
	if i := strings.IndexByte(s, '>'); i >= 0 {
		return s[:i+1]
	}
	return s
}

// htmlTag reads an open or closing tag: its name and the rest.
var htmlTag = regexp.MustCompile(`^<(/?)([A-Za-z][A-Za-z0-9-]*)([\s\S]*?)/?>$`)

// htmlAttr reads one attribute: its name and whether a value follows.
var htmlAttr = regexp.MustCompile(`([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?`)

// isPlaceholder reports whether raw HTML is a template's placeholder
// rather than a tag a writer meant: see htmlPlaceholders.
func isPlaceholder(raw string) bool {
	m := htmlTag.FindStringSubmatch(strings.TrimSpace(raw))
	if m == nil {
		return false // a comment, a declaration, an instruction
	}
	name := strings.ToLower(m[2])
	if !htmlElements[name] {
		return true
	}
	for _, a := range htmlAttr.FindAllStringSubmatch(m[3], -1) {
		attr := strings.ToLower(a[1])
		if a[2] == "" && !booleanAttrs[attr] {
			return true
		}
	}
	return false
}

// htmlElements are the elements of HTML (and the SVG and MathML roots) a
// document may mean to write.
var htmlElements = setOf(`a abbr address area article aside audio b base bdi bdo blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input
ins kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup option output
p param picture pre progress q rp rt ruby s samp script search section select slot small source span strike
strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul
var video wbr`)

// booleanAttrs are the attributes written without a value.
var booleanAttrs = setOf(`allowfullscreen async autofocus autoplay checked controls default defer disabled
formnovalidate hidden inert ismap itemscope loop multiple muted nomodule novalidate open playsinline readonly
required reversed selected`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// segValue is the text of the i-th of segs.
func segValue(segs *text.Segments, i int, src []byte) []byte {
	s := segs.At(i)
	return s.Value(src)
}
