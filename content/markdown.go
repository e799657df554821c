package content

import (
	"regexp"
	"strings"

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

// actionHeadings are the headings under which action items are written.
var actionHeadings = map[string]bool{
	"action items": true, "action item": true, "actions items": true,
	"remediation": true, "remediations": true, "remediation items": true,
	"follow-ups": true, "follow ups": true, "followups": true, "follow-up items": true,
	"follow-up actions": true, "corrective actions": true, "action points": true,
	"preventive actions": true, "next steps": true, "todo": true, "to do": true,
}

// IsActionHeading reports whether a heading opens an action-item section.
// "Actions" alone is a runbook section and does not.
func IsActionHeading(title string) bool {
	return actionHeadings[NormalizeHeading(title)]
}

// IsTimelineHeading reports whether a heading opens a timeline section.
func IsTimelineHeading(title string) bool {
	return strings.Contains(NormalizeHeading(title), "timeline")
}

// NormalizeHeading lower-cases a heading and drops numbering, emoji and
// trailing punctuation: "3. Action Items:" reads as "action items".
func NormalizeHeading(title string) string {
	t := strings.ToLower(strings.TrimSpace(title))
	t = strings.TrimLeft(t, "0123456789.) ")
	t = strings.TrimRight(t, ":. ")
	return strings.TrimSpace(strings.TrimFunc(t, func(r rune) bool { return r > 0x2000 }))
}

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
