package mdscan

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The neutral comparison of the scanner with goldmark: both are reduced to
// the same facts, one list per category, each fact a short string, and the
// categories whose lists differ are the difference.

// categories are the kinds of fact compared, in the order reported.
var categories = []string{"headings", "items", "tables", "code", "quotes", "links"}

// facts are the facts of one document, by category.
type facts map[string][]string

// differ returns the categories in which a and b differ, sorted.
func differ(a, b facts) []string {
	var out []string
	for _, c := range categories {
		if strings.Join(a[c], "\n") != strings.Join(b[c], "\n") {
			out = append(out, c)
		}
	}
	return out
}

// describe shows the facts of the categories cs side by side.
func describe(cs []string, scanner, gm facts) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "  %s:\n    scanner:  %q\n    goldmark: %q\n", c, scanner[c], gm[c])
	}
	return b.String()
}

// scannerFacts reduces the scanner's events on src to facts.
func scannerFacts(src []byte) facts {
	f := facts{}
	var halted bool
	Scan(src, func(e *Event) {
		switch e.Kind {
		case Heading:
			var lines []string
			if e.Setext {
				for _, l := range e.Lines {
					lines = append(lines, strings.TrimSpace(string(l.Value(src))))
				}
			} else {
				lines = []string{string(e.Text.Value(src))}
			}
			f.add("headings", "h%d %q", e.Level, strings.TrimSpace(strings.Join(lines, "\n")))
		case ListItem:
			f.add("items", "item depth %d", e.Depth)
		case TableRow:
			f.add("tables", "row header=%v cells %d", e.Header, len(e.Cells))
		case CodeBlock:
			if e.First > 0 {
				f.add("code", "code %d-%d", e.First, e.Last)
			}
		case HTMLBlock:
			f.add("code", "html %d-%d", e.First, e.Last)
		case BlockQuote:
			f.add("quotes", "quote %d-%d", e.First, e.Last)
		case Link:
			f.add("links", "link %q image=%v", e.Dest, e.Image)
		case Halt:
			halted = true
		}
	})
	if halted {
		return facts{"halt": {"halt"}}
	}
	return f
}

func (f facts) add(cat, format string, args ...any) {
	f[cat] = append(f[cat], fmt.Sprintf(format, args...))
}

// goldmark keeps a destination's backslash escapes, which its renderer
// drops: the comparison drops them too (unescapeDest is the scanner's).

// newGoldmark is the parser kb renders with, less what only matters when
// rendering.
func newGoldmark() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
}

// goldmarkFacts reduces goldmark's syntax tree of src to facts.
func goldmarkFacts(md goldmark.Markdown, src []byte) facts {
	root := md.Parser().Parse(text.NewReader(src))
	g := gmFacts{src: src, f: facts{}}
	g.walk(root, 0, 0)
	return g.f
}

type gmFacts struct {
	src []byte
	f   facts
}

func (g *gmFacts) line(off int) int { return bytes.Count(g.src[:off], []byte{'\n'}) + 1 }

// walk records the facts of n's children; items and quotes are the list
// items and block quotes n is inside.
func (g *gmFacts) walk(n ast.Node, items, quotes int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		g.node(c, items, quotes)
	}
}

func (g *gmFacts) node(n ast.Node, items, quotes int) {
	switch b := n.(type) {
	case *ast.Heading:
		var lines []string
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			lines = append(lines, strings.TrimSpace(string(seg.Value(g.src))))
		}
		g.f.add("headings", "h%d %q", b.Level, strings.TrimSpace(strings.Join(lines, "\n")))
	case *ast.ListItem:
		g.f.add("items", "item depth %d", items)
		g.walk(n, items+1, quotes)
		return
	case *extast.TableHeader, *extast.TableRow:
		_, header := n.(*extast.TableHeader)
		g.f.add("tables", "row header=%v cells %d", header, n.ChildCount())
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if l := n.Lines(); l.Len() > 0 {
			g.f.add("code", "code %d-%d", g.line(l.At(0).Start), g.line(max(l.At(l.Len()-1).Stop-1, l.At(l.Len()-1).Start)))
		}
		return
	case *ast.HTMLBlock:
		g.htmlBlock(b)
		return
	case *ast.Blockquote:
		if quotes == 0 {
			if first, last, ok := g.textLines(n); ok {
				g.f.add("quotes", "quote %d-%d", first, last)
			}
		}
		g.walk(n, items, quotes+1)
		return
	case *ast.Link:
		g.f.add("links", "link %q image=%v", unescapeDest(string(b.Destination)), false)
	case *ast.Image:
		g.f.add("links", "link %q image=%v", unescapeDest(string(b.Destination)), true)
	case *ast.AutoLink:
		// The scanner gives an e-mail address its scheme, as the renderer
		// writes it.
		url := string(b.URL(g.src))
		if b.AutoLinkType == ast.AutoLinkEmail {
			url = "mailto:" + url
		}
		g.f.add("links", "link %q image=%v", url, false)
	}
	g.walk(n, items, quotes)
}

func (g *gmFacts) htmlBlock(b *ast.HTMLBlock) {
	l := b.Lines()
	first, last := 0, 0
	if l.Len() > 0 {
		first, last = g.line(l.At(0).Start), g.line(max(l.At(l.Len()-1).Stop-1, l.At(l.Len()-1).Start))
	}
	if b.HasClosure() {
		last = g.line(b.ClosureLine.Start)
		if first == 0 {
			first = last
		}
	}
	if first > 0 {
		g.f.add("code", "html %d-%d", first, last)
	}
}

// textLines returns the first and last lines of the text under n.
func (g *gmFacts) textLines(n ast.Node) (first, last int, ok bool) {
	lo, hi := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var segs []text.Segment
		if t, isText := c.(*ast.Text); isText {
			segs = append(segs, t.Segment)
		} else if c.Type() == ast.TypeBlock {
			for i := 0; i < c.Lines().Len(); i++ {
				segs = append(segs, c.Lines().At(i))
			}
		}
		for _, s := range segs {
			if lo < 0 || s.Start < lo {
				lo = s.Start
			}
			hi = max(hi, max(s.Stop-1, s.Start))
		}
		return ast.WalkContinue, nil
	})
	if lo < 0 {
		return 0, 0, false
	}
	return g.line(lo), g.line(min(hi, len(g.src))), true
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
