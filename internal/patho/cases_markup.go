package patho

import (
	"fmt"
	"strings"
)

// markupCases are the inputs whose markdown, read by goldmark with kb's
// extensions for other tools' markup, cost work or output out of
// proportion to their size.
func markupCases() []Case {
	return []Case{
		{Name: "toc-tags", About: "`scale` table-of-contents tags and 1000 headings: the contents written at every tag", Scale: 100000, TestScale: 500, Doc: TOCTags},
		{Name: "directive-colons", About: "`scale` nested, unclosed :::{note} directives", Scale: 100000, TestScale: 3000, Doc: DirectiveColons},
		{Name: "directive-fences", About: "`scale` nested, unclosed ```{note} directives", Scale: 100000, TestScale: 3000, Doc: DirectiveFences},
	}
}

// TOCTags is a postmortem with n [[_TOC_]] tags and 1000 headings after
// them.
func TOCTags(n int) []byte {
	var b strings.Builder
	b.WriteString(strings.Repeat("[[_TOC_]]\n\n", n))
	for i := range 1000 {
		fmt.Fprintf(&b, "### Heading %d\n\n", i)
	}
	return []byte(frontMatter("Many contents", "services: [checkout]") + "---\n" + body + "\n## Notes\n\n" + b.String())
}

// DirectiveColons is a postmortem whose notes are n lines of ":::{note}",
// each opening a directive box inside the one before, none closed.
func DirectiveColons(n int) []byte { return nestedDirectives(":::{note}\n", n) }

// DirectiveFences is DirectiveColons with backtick fences, "```{note}".
func DirectiveFences(n int) []byte { return nestedDirectives("```{note}\n", n) }

// nestedDirectives is a postmortem whose notes are n lines of opening.
func nestedDirectives(opening string, n int) []byte {
	return []byte(frontMatter("Nested directives", "services: [checkout]") + "---\n" + body +
		"\n## Notes\n\n" + strings.Repeat(opening, n))
}
