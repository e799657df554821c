package content

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// urlAutolinks is GitHub's extended autolinks for web addresses only:
// a bare http://, https:// or www. address becomes a link, as on GitHub,
// but a bare e-mail address stays text. A KB should not hold e-mail
// addresses (kb lint flags them), and looking for one after every space
// is most of what GitHub's autolinks cost to parse.
var urlAutolinks goldmark.Extender = urlAutolinkExtension{}

type urlAutolinkExtension struct{}

func (urlAutolinkExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(urlAutolinkParser{extension.NewLinkifyParser()}, 999),
	))
}

// urlAutolinkParser hands the text after a space (or one of *_~( ) to
// goldmark's autolink parser only when it can start a web address, and
// keeps what that parser makes only when it is a web address.
type urlAutolinkParser struct {
	parser.InlineParser
}

func (p urlAutolinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	i := 0
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			i = 1
		}
	}
	if i >= len(line) || (line[i] != 'h' && line[i] != 'w') {
		return nil
	}
	n := p.InlineParser.Parse(parent, block, pc)
	if l, ok := n.(*ast.AutoLink); ok && l.AutoLinkType != ast.AutoLinkURL {
		// The caller puts the reader back where it was.
		return nil
	}
	return n
}
