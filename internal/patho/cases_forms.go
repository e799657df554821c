package patho

import (
	"fmt"
	"strings"
)

// NestedActions is a postmortem whose action section holds one top-level
// list item with n items nested under it ("- p", then "  - x" n times):
// reading each item used to look back over all the items before it.
func NestedActions(n int) []byte { return listItems("Action items", "  ", n, 0) }

// FlatActions is NestedActions's plain input: its items, of about size
// bytes in all, each at the top level.
func FlatActions(size int) []byte { return listItems("Action items", "", 0, size) }

// NestedTimeline is a postmortem whose timeline holds one top-level list
// item with n items nested under it.
func NestedTimeline(n int) []byte { return listItems("Timeline", "  ", n, 0) }

// FlatTimeline is NestedTimeline's plain input: its items, of about size
// bytes in all, each at the top level.
func FlatTimeline(size int) []byte { return listItems("Timeline", "", 0, size) }

// listItems is a postmortem with a section of the given heading that
// holds a top-level item and, each indented by indent, n items or as
// many as make the document size bytes.
func listItems(heading, indent string, n, size int) []byte {
	var b strings.Builder
	b.WriteString(frontMatter("Nested items", "services: [checkout]"))
	b.WriteString("---\n\n## Summary\n\nThe checkout service answered slowly.\n\n## " + heading + "\n\n- 10:00 Fix the cache client\n")
	for i := 0; i < n || b.Len() < size; i++ {
		b.WriteString(indent + "- x\n")
	}
	return []byte(b.String())
}

// ZoneHeadings is a postmortem of n timeline headings, each naming 15
// zones of the time zone database ("Timeline (all times A/B1 …)") that do
// not exist: each name used to be looked up in the database again, which
// reads the file system.
func ZoneHeadings(n int) []byte { return zoneHeadings("/", n, 0) }

// PlainZoneHeadings is ZoneHeadings's plain input: as many of its
// headings as make about size bytes, their words ("A-B1") naming no zone
// of the database.
func PlainZoneHeadings(size int) []byte { return zoneHeadings("-", 0, size) }

// zoneHeadings is a postmortem of n timeline headings, or as many as make
// it size bytes, each of 15 words "A" sep "B1" … "B15".
func zoneHeadings(sep string, n, size int) []byte {
	var words []string
	for i := 1; i <= 15; i++ {
		words = append(words, fmt.Sprintf("A%sB%d", sep, i))
	}
	title := "Timeline (all times " + strings.Join(words, " ") + ")"
	var b strings.Builder
	b.WriteString(frontMatter("Zone headings", "services: [checkout]"))
	b.WriteString("---\n\n## Summary\n\nThe checkout service answered slowly.\n\n")
	for i := 0; i < n || b.Len() < size; i++ {
		fmt.Fprintf(&b, "## %s %d\n\n", title, i)
	}
	return []byte(b.String())
}
