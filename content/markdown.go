package content

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// NewMarkdown returns the markdown processor kb uses for every document:
// CommonMark with GitHub's extensions (tables, task lists, strikethrough,
// autolinks of web addresses, see urlAutolinks) and heading ids, and the
// markup of other tools that KBs hold: GitLab's [[_TOC_]] (gitlabTOC),
// MyST targets and directive fences (mystTargets, mystDirectives), and
// template placeholders that look like tags (htmlPlaceholders). Raw HTML
// in documents is left out of the output unless unsafeHTML is set. A
// returned value may be used by one goroutine at a time.
//
// Its parser links web addresses after parsing where it can be sure of the
// result, and parses again with the autolink parser where it cannot (see
// lateAutolinks): the result is that of onePassMarkdown.
func NewMarkdown(unsafeHTML bool) goldmark.Markdown {
	md := onePassMarkdown(unsafeHTML)
	first := newMarkdown(unsafeHTML, lateAutolinks).Parser()
	md.SetParser(twoPassParser{first: first, again: md.Parser()})
	return md
}

// onePassMarkdown is NewMarkdown with the autolink parser asked at every
// space.
func onePassMarkdown(unsafeHTML bool) goldmark.Markdown {
	return newMarkdown(unsafeHTML, urlAutolinks)
}

// newMarkdown is kb's markdown with autolinks made by autolinks.
func newMarkdown(unsafeHTML bool, autolinks goldmark.Extender) goldmark.Markdown {
	var rendererOpts []goldmark.Option
	if unsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(autolinks, extension.Table, extension.Strikethrough, extension.TaskList,
			gitlabTOC, mystTargets, mystDirectives, htmlPlaceholders),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
}

// twoPassParser parses with first, whose autolinks come after parsing,
// and again with again, whose autolink parser is asked at every space,
// when first was not sure of its links (lateLinksInDoubt).
type twoPassParser struct {
	first, again parser.Parser
}

// Parse implements parser.Parser. Given options, it parses with again
// alone, as a context given in them cannot serve two parses.
func (p twoPassParser) Parse(reader text.Reader, opts ...parser.ParseOption) ast.Node {
	if len(opts) > 0 {
		return p.again.Parse(reader, opts...)
	}
	src := reader.Source()
	pc := parser.NewContext()
	doc := p.first.Parse(reader, parser.WithContext(pc))
	if pc.Get(lateLinksInDoubt) == nil {
		return doc
	}
	return p.again.Parse(text.NewReader(src))
}

// AddOptions implements parser.Parser: it adds opts to both parsers.
func (p twoPassParser) AddOptions(opts ...parser.Option) {
	p.first.AddOptions(opts...)
	p.again.AddOptions(opts...)
}

// sectionContext says what the current section holds.
type sectionContext int

const (
	ctxOther sectionContext = iota
	ctxActions
	ctxTimeline
)

// bareURL finds a URL written without link syntax.
var bareURL = regexp.MustCompile(`https?://[^\s<>()|]+[^\s<>()|.,;:!?'"]`)

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
