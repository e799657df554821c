package content

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

// NewMarkdown returns the markdown processor kb uses for every document:
// CommonMark with GitHub's extensions (tables, task lists, strikethrough,
// autolinks of web addresses, see urlAutolinks) and heading ids, and the
// markup of other tools that KBs hold: GitLab's [[_TOC_]] (gitlabTOC),
// MyST targets and directive fences (mystTargets, mystDirectives), and
// template placeholders that look like tags (htmlPlaceholders). Raw HTML
// in documents is left out of the output unless unsafeHTML is set. A
// returned value may be used by one goroutine at a time.
func NewMarkdown(unsafeHTML bool) goldmark.Markdown {
	var rendererOpts []goldmark.Option
	if unsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(urlAutolinks, extension.Table, extension.Strikethrough, extension.TaskList,
			gitlabTOC, mystTargets, mystDirectives, htmlPlaceholders),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
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
