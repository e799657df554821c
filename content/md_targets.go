package content

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mystTargets reads a MyST (Sphinx) target line, "(label)=", as an anchor
// of that name where it stands: a link to #label leads there, and the line
// itself is not shown.
var mystTargets goldmark.Extender = targetExtension{}

type targetExtension struct{}

// Extend adds the target parser and its renderer to m.
func (targetExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(targetParser{}, 90)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(targetRenderer{}, 500)))
}

// KindTarget is the node kind of a MyST target.
var KindTarget = ast.NewNodeKind("MystTarget")

// targetNode is a "(label)=" line.
type targetNode struct {
	ast.BaseBlock
	Label []byte
}

// Kind implements ast.Node.
func (*targetNode) Kind() ast.NodeKind { return KindTarget }

// Dump implements ast.Node.
func (n *targetNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": string(n.Label)}, nil)
}

// targetLine matches a target line: a label in parentheses, then "=".
var targetLine = regexp.MustCompile(`^\(([A-Za-z0-9_][\w.:-]*)\)=[ \t]*$`)

type targetParser struct{}

// Trigger implements parser.BlockParser.
func (targetParser) Trigger() []byte { return []byte{'('} }

// Open implements parser.BlockParser.
func (targetParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	m := targetLine.FindSubmatch(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &targetNode{Label: append([]byte(nil), m[1]...)}, parser.NoChildren
}

// Continue implements parser.BlockParser: a target is one line.
func (targetParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

// Close implements parser.BlockParser.
func (targetParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser.
func (targetParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (targetParser) CanAcceptIndentedLine() bool { return false }

type targetRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (targetRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTarget, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="target" id="`)
			_, _ = w.Write(util.EscapeHTML(node.(*targetNode).Label))
			_, _ = w.WriteString(`"></span>` + "\n")
		}
		return ast.WalkContinue, nil
	})
}
