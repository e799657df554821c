package content

import (
	"bytes"
	"regexp"

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

// Extend adds the web-address autolink parser to m.
func (urlAutolinkExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(urlAutolinkParser{newLinkifyParser()}, 999),
	))
}

// newLinkifyParser returns goldmark's autolink parser, making no e-mail
// links (see noMatch).
func newLinkifyParser() parser.InlineParser {
	return extension.NewLinkifyParser(extension.WithLinkifyEmailRegexp(noMatch))
}

// noMatch matches nothing, and fails at once: given as the e-mail pattern,
// it keeps goldmark's autolink parser from making e-mail links (and from
// writing anything for text that only looks like an address). Anchored,
// it gives up at the first byte instead of searching the rest of the line
// each time a web-address prefix fails, which made long lines quadratic.
var noMatch = regexp.MustCompile(`\A[^\x00-\x{10FFFF}]`)

// urlAutolinkParser hands the text after a space (or one of *_~( ) to
// goldmark's autolink parser only when it starts a web address.
type urlAutolinkParser struct {
	parser.InlineParser
}

// Parse returns the autolink at the reader's position, or nil when the
// text there does not start a web address.
func (p urlAutolinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
	}
	if !bytes.HasPrefix(line, []byte("http:")) && !bytes.HasPrefix(line, []byte("https:")) && !bytes.HasPrefix(line, []byte("www.")) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}
