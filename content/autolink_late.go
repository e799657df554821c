package content

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Web addresses are linked by an inline parser that goldmark asks at
// every space of every line (urlAutolinks), and asking it there is most
// of what parsing prose costs. kb's markdown therefore parses a document
// first without that parser, then links the addresses in the parsed text
// (lateAutolinks). Where the text around an address leaves any doubt that
// the result would be the same (an address right after markup, in a
// label that a bracket left open, with markup inside it, or a line with
// trailing white space that the parser watching spaces would keep), it
// parses the document again with the inline parser, so what a page shows
// is always what the inline parser makes of it.

// lateAutolinks links web addresses after parsing (see above).
var lateAutolinks goldmark.Extender = lateAutolinkExtension{}

type lateAutolinkExtension struct{}

// Extend adds the transformer that links web addresses in parsed text. It
// runs before kb's other transformers, as the inline parser runs before
// them.
func (lateAutolinkExtension) Extend(m goldmark.Markdown) {
	links := urlAutolinkParser{newLinkifyParser()}
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(lateAutolinker{links}, 1)))
}

// lateLinksInDoubt is set in the parser's context when lateAutolinker
// could not link a document's addresses as urlAutolinks would.
var lateLinksInDoubt = parser.NewContextKey()

// lateAutolinker links the web addresses in a parsed document's text.
type lateAutolinker struct{ links urlAutolinkParser }

// Transform implements parser.ASTTransformer.
func (l lateAutolinker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if keptTrailingSpace(src) || l.hasAddress(src) && !l.link(doc, src, pc) {
		pc.Set(lateLinksInDoubt, true)
	}
}

// hasAddress reports whether src holds the start of a web address.
func (lateAutolinker) hasAddress(src []byte) bool {
	return bytes.Contains(src, []byte("http")) || bytes.Contains(src, []byte("www."))
}

// link links the addresses in the text of doc, and reports false, having
// stopped, at the first one it cannot be sure of.
func (l lateAutolinker) link(doc ast.Node, src []byte, pc parser.Context) bool {
	sure := true
	bracket := false // a literal '[' came before, in the same block
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindRawHTML:
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			t := n.(*ast.Text)
			if !l.linkText(t, src, bracket, pc) {
				sure = false
				return ast.WalkStop, nil
			}
			seg := t.Segment
			bracket = bracket || bytes.IndexByte(src[seg.Start:seg.Stop], '[') >= 0
		default:
			if n.Type() == ast.TypeBlock {
				bracket = false
			}
		}
		return ast.WalkContinue, nil
	})
	return sure
}

// linkText links the first web address in t, if it has one that the
// inline parser would link, splitting t around it (the walk goes on to
// the rest). It reports false when it cannot be sure what the inline
// parser would do.
func (l lateAutolinker) linkText(t *ast.Text, src []byte, bracket bool, pc parser.Context) bool {
	seg := t.Segment
	body := src[seg.Start:seg.Stop]
	open := bytes.IndexByte(body, '[') // a literal '[' here, or -1
	http, www := indexFrom(body, "http", 0), indexFrom(body, "www.", 0)
	for http >= 0 || www >= 0 {
		var k int
		if www < 0 || http >= 0 && http < www {
			k, http = http, indexFrom(body, "http", http+1)
		} else {
			k, www = www, indexFrom(body, "www.", www+1)
		}
		if bracket || open >= 0 && open < k {
			return false // in a label left open the inline parser links nothing
		}
		p := seg.Start + k
		switch asked, sure := askedAt(src, p, seg.Start); {
		case !sure:
			return false
		case !asked:
			continue
		}
		link, end, sure := l.parseAt(t, src, p, pc)
		if !sure {
			return false
		}
		if link == nil {
			continue
		}
		if end > seg.Stop || bytes.ContainsAny(src[p:end], "`*_~[]!<&\\") {
			return false // markup within the address
		}
		rest := ast.NewTextSegment(text.NewSegment(end, seg.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
		rest.SetRaw(t.IsRaw())
		t.Segment = seg.WithStop(p)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent := t.Parent()
		parent.InsertAfter(parent, t, link)
		parent.InsertAfter(parent, link, rest)
		return true
	}
	return true
}

// indexFrom returns the position of the first pat in s at or after from,
// or -1.
func indexFrom(s []byte, pat string, from int) int {
	if from > len(s) {
		return -1
	}
	i := bytes.Index(s[from:], []byte(pat))
	if i < 0 {
		return -1
	}
	return from + i
}

// askedAt reports whether the inline parser would be asked for a link at
// p, in text that starts at start: after a space or an unescaped '(', at
// the head of a line. It is not asked after a letter, a digit or a tab
// within the text; after punctuation, or at the start of a text (after
// other markup, at the head of a table cell), the answer is not sure.
func askedAt(src []byte, p, start int) (asked, sure bool) {
	if p == 0 {
		return true, true
	}
	switch c := src[p-1]; {
	case c == ' ' || c == '\n':
		return true, true
	case c == '(' && (p < 2 || src[p-2] != '\\'):
		return true, true
	case p == start || c < 0x80 && util.IsPunct(c):
		return false, false
	}
	return false, true
}

// parseAt asks the inline parser for a link at p, on the rest of the line
// of t's block that holds p, as the parser would see it. It reports the
// link (nil for none) and where it ends; sure is false when no line of the
// block holds p.
func (l lateAutolinker) parseAt(t *ast.Text, src []byte, p int, pc parser.Context) (link ast.Node, end int, sure bool) {
	block := t.Parent()
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	if block == nil {
		return nil, 0, false
	}
	lines := block.Lines()
	// The lines are in order: the first that ends after p holds p, if any.
	if i := sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Stop > p }); i < lines.Len() {
		if line := lines.At(i); line.Start <= p {
			var one text.Segments
			one.Append(text.NewSegment(p, line.Stop))
			reader := text.NewBlockReader(src, &one)
			n := l.links.Parse(t.Parent(), reader, pc)
			if n == nil {
				return nil, 0, true
			}
			a, ok := n.(*ast.AutoLink)
			if !ok {
				return nil, 0, false
			}
			return a, p + len(a.Label(src)), true
		}
	}
	return nil, 0, false
}

// keptTrailingSpace reports whether a line of src ends in white space that
// a parser watching spaces keeps part of and kb's first parse does not:
// more than one space or tab, other than the two spaces of a line break.
func keptTrailingSpace(src []byte) bool {
	for start := 0; start <= len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		run := 0
		for end-run > start && isLineSpace(src[end-run-1]) {
			run++
		}
		if run >= 2 && !(run == 2 && src[end-1] == ' ' && src[end-2] == ' ') {
			return true
		}
		start = end + 1
	}
	return false
}

// isLineSpace reports whether c is white space within a line.
func isLineSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }
