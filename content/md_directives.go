package content

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mystDirectives reads the directive fences of MyST and Sphinx markdown
// (and Docusaurus's admonitions) as a reader of the page expects them:
//
//	```{note}          :::{admonition} Title      :::warning
//	Text.              Text.                      Text.
//	```                :::                        :::
//
// An admonition (note, warning, tip, …) becomes a titled box whose body is
// markdown; a directive whose body is code (```{code-block} python) becomes
// a code block in that language; any other directive shows its body as
// markdown. Option lines at the top of a body (":caption: …") are dropped.
// Nothing of the braces is left on the page. Directives nest at most
// maxDirectiveDepth deep: a deeper opening fence is read as markdown
// would read it without directives (a code fence, or a line of text), so
// that no line is re-entered through more than that many boxes.
var mystDirectives goldmark.Extender = directiveExtension{}

type directiveExtension struct{}

// Extend adds the directive parser, the code-fence rewrite and the
// admonition renderer to m.
func (directiveExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(directiveParser{}, 650)),
		parser.WithASTTransformers(util.Prioritized(directiveCodeTransformer{}, 500)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(directiveRenderer{}, 500)))
}

// KindDirective is the node kind of a directive's box.
var KindDirective = ast.NewNodeKind("Directive")

// directiveNode is a directive fence read as a container of markdown.
type directiveNode struct {
	ast.BaseBlock
	// Name is the directive's name, lower-cased ("note"); Title what the
	// box's title line says, "" for a directive that is not an admonition.
	Name, Title string
	fence       byte
	fenceLen    int
	// inOptions says the body has not started yet: option lines are
	// still dropped.
	inOptions bool
}

// Kind implements ast.Node.
func (n *directiveNode) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (n *directiveNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Title": n.Title}, nil)
}

// directiveOpening matches the first line of a directive fence: the fence,
// the name in braces and the argument. A colon fence may name a known
// admonition without braces (":::note").
var (
	directiveOpening = regexp.MustCompile("^(`{3,}|~{3,}|:{3,})[ \t]*\\{([A-Za-z][\\w:.-]*)\\}[ \t]*(.*?)[ \t]*$")
	colonAdmonition  = regexp.MustCompile(`^(:{3,})[ \t]*([A-Za-z]+)[ \t]*(.*?)[ \t]*$`)
	directiveOption  = regexp.MustCompile(`^[ \t]*:[\w-]+:`)
)

// admonitionTitles are the admonitions of MyST, Sphinx and Docusaurus, with
// the title each shows when the fence gives none.
var admonitionTitles = map[string]string{
	"note": "Note", "warning": "Warning", "tip": "Tip", "hint": "Hint", "important": "Important",
	"caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
	"seealso": "See also", "admonition": "Note", "info": "Info", "todo": "To do",
	"versionadded": "New in version", "versionchanged": "Changed in version", "deprecated": "Deprecated",
}

// codeDirectives are the directives whose body is code, not markdown, with
// the language of the ones that name none.
var codeDirectives = map[string]string{
	"code-block": "", "code": "", "code-cell": "", "sourcecode": "",
	"math": "math", "mermaid": "mermaid", "eval-rst": "rst", "raw": "", "graphviz": "dot",
}

// maxDirectiveDepth bounds how deep directives nest, as kb bounds block
// quotes and list items (mdscan): goldmark re-enters every open box on
// each line, so n nested boxes would cost n² work.
const maxDirectiveDepth = 32

// directiveDepth is the number of directives parent is inside, counting
// parent itself.
func directiveDepth(parent ast.Node) int {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		if n.Kind() == KindDirective {
			depth++
		}
	}
	return depth
}

// directiveParser opens a directive's box; code directives are left to the
// fenced-code parser and rewritten by directiveCodeTransformer.
type directiveParser struct{}

// Trigger implements parser.BlockParser.
func (directiveParser) Trigger() []byte { return []byte{'`', '~', ':'} }

// Open implements parser.BlockParser.
func (directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || directiveDepth(parent) >= maxDirectiveDepth {
		return nil, parser.NoChildren
	}
	rest := bytes.TrimRight(line[pos:], "\r\n")
	m := directiveOpening.FindSubmatch(rest)
	if m == nil {
		m = colonAdmonition.FindSubmatch(rest)
		if m == nil || admonitionTitles[strings.ToLower(string(m[2]))] == "" {
			return nil, parser.NoChildren
		}
	}
	name := strings.ToLower(string(m[2]))
	if _, isCode := codeDirectives[name]; isCode && m[1][0] != ':' {
		return nil, parser.NoChildren
	}
	n := &directiveNode{Name: name, fence: m[1][0], fenceLen: len(m[1]), inOptions: true}
	n.Title = directiveTitle(name, string(m[3]))
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

// directiveTitle is the title of a directive's box: the argument when it
// gives one, else the admonition's name; "" for other directives.
func directiveTitle(name, arg string) string {
	title, ok := admonitionTitles[name]
	if !ok {
		return ""
	}
	if arg != "" && !strings.HasPrefix(name, "version") && name != "deprecated" {
		return arg
	}
	if arg != "" {
		return title + " " + arg
	}
	return title
}

// Continue implements parser.BlockParser: the closing fence ends the box,
// option lines at its top are dropped, and other lines are its markdown.
func (directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*directiveNode)
	line, _ := reader.PeekLine()
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		i := pos
		for i < len(line) && line[i] == n.fence {
			i++
		}
		if i-pos >= n.fenceLen && util.IsBlank(line[i:]) {
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	if n.inOptions {
		if directiveOption.Match(line) {
			reader.AdvanceToEOL()
			return parser.Continue | parser.NoChildren
		}
		n.inOptions = false
	}
	return parser.Continue | parser.HasChildren
}

// Close implements parser.BlockParser.
func (directiveParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser.
func (directiveParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (directiveParser) CanAcceptIndentedLine() bool { return false }

// directiveCodeTransformer turns the info string of a code directive
// ("{code-block} python") into its language and drops its option lines.
type directiveCodeTransformer struct{}

// Transform implements parser.ASTTransformer.
func (directiveCodeTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if bytes.IndexByte(src, '{') < 0 {
		return // no directive's "{name}": no walk over the page
	}
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if code, ok := node.(*ast.FencedCodeBlock); ok && entering && code.Info != nil {
			rewriteDirectiveCode(code, src)
		}
		return ast.WalkContinue, nil
	})
}

// rewriteDirectiveCode rewrites one fenced code block if it is a directive.
func rewriteDirectiveCode(code *ast.FencedCodeBlock, src []byte) {
	seg := code.Info.Segment
	info := seg.Value(src)
	if len(info) < 3 || info[0] != '{' {
		return
	}
	end := bytes.IndexByte(info, '}')
	if end < 0 {
		return
	}
	name := strings.ToLower(string(info[1:end]))
	lang, isCode := codeDirectives[name]
	if !isCode {
		return
	}
	arg := bytes.TrimLeft(info[end+1:], " \t")
	switch {
	case len(arg) > 0:
		start := seg.Stop - len(arg)
		code.Info = ast.NewTextSegment(text.NewSegment(start, seg.Stop))
	case lang != "":
		code.Info = ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+end))
	default:
		code.Info = nil
	}
	dropOptionLines(code, src)
}

// dropOptionLines removes the ":key: value" lines at the top of a code
// directive's body, and one blank line after them.
func dropOptionLines(code *ast.FencedCodeBlock, src []byte) {
	lines := code.Lines()
	skip := 0
	for skip < lines.Len() && directiveOption.Match(segValue(lines, skip, src)) {
		skip++
	}
	if skip == 0 {
		return
	}
	if skip < lines.Len() && util.IsBlank(segValue(lines, skip, src)) {
		skip++
	}
	kept := text.NewSegments()
	for i := skip; i < lines.Len(); i++ {
		kept.Append(lines.At(i))
	}
	code.SetLines(kept)
}

// directiveRenderer writes a directive's box: an aside with the
// admonition's title, or a plain division for other directives.
type directiveRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, renderDirective)
}

func renderDirective(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*directiveNode)
	class := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, n.Name)
	switch {
	case entering && n.Title != "":
		_, _ = w.WriteString(`<aside class="admonition ` + class + `"><p class="admonition-title">`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Title)))
		_, _ = w.WriteString("</p>\n")
	case entering:
		_, _ = w.WriteString(`<div class="directive ` + class + `">` + "\n")
	case n.Title != "":
		_, _ = w.WriteString("</aside>\n")
	default:
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
