package site

import (
	"bytes"
	"html/template"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/kb-tools/kb/content"
)

// A postmortem's page shows its action items once: kb's table, with owner,
// due date and status badges, stands where the body wrote its action items
// (the lists and tables under an action-items heading that kb read items
// from), or at the end of the body's action section when the items are in
// the front matter, and the page has no second table after the body. The
// body's heading stays, and so does whatever else its section says.

// actionsMarker stands in the rendered body where the action table goes.
// Markdown cannot write it: a NUL byte never reaches the HTML of a body.
const actionsMarker = "\x00kb-action-items\x00"

// kindActionsSpot is the node kind of the action table's place.
var kindActionsSpot = ast.NewNodeKind("ActionItemsSpot")

// actionsSpot is the place of the action table in a body's tree.
type actionsSpot struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (*actionsSpot) Kind() ast.NodeKind { return kindActionsSpot }

// Dump implements ast.Node.
func (n *actionsSpot) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// actionsSpotRenderer writes the marker where the spot is.
type actionsSpotRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (actionsSpotRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindActionsSpot, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(actionsMarker + "\n")
		}
		return ast.WalkContinue, nil
	})
}

// placeBodyActions takes out of a postmortem body's tree the blocks of
// its action sections that hold the action items kb read, and puts the
// spot of kb's table where the first of them was; when the body's action
// section holds none (the items are in the front matter), the spot goes at
// the end of that section. It reports whether it placed the spot: not for
// a postmortem without action items or a body without an action section.
func placeBodyActions(root ast.Node, body []byte, d *content.Doc, vocab *content.Vocabulary) bool {
	if len(d.Actions) == 0 {
		return false
	}
	lines := newBodyLines(body, d.BodyLine)
	opens := actionHeadingLines(d)
	isActionHeading := func(h *ast.Heading) bool {
		if h.Lines().Len() > 0 {
			if open, ok := opens[lines.lineOf(h.Lines().At(0).Start)]; ok {
				return open
			}
		}
		return vocab.Is(content.SectionActionItems, headingSource(h, body))
	}
	items := map[int]bool{}
	for _, a := range d.Actions {
		if a.Form != content.FormFrontMatter {
			items[a.Pos.Line] = true
		}
	}
	var taken []ast.Node
	found := false
	var sectionEnd ast.Node // what follows the first action section; nil for the end
	level := 0              // the level of the action section we are in; 0 outside one
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if level > 0 && h.Level <= level {
				level = 0
				if sectionEnd == nil && len(taken) == 0 {
					sectionEnd = h
				}
			}
			if level == 0 && isActionHeading(h) {
				level, found = h.Level, true
			}
			continue
		}
		if level > 0 && len(items) > 0 && holdsItem(n, lines, items) {
			taken = append(taken, n)
		}
	}
	switch {
	case len(taken) > 0:
		root.InsertBefore(root, taken[0], &actionsSpot{})
		for _, n := range taken {
			root.RemoveChild(root, n)
		}
		dropEmptySubheadings(root, isActionHeading)
	case !found:
		return false
	case sectionEnd != nil:
		root.InsertBefore(root, sectionEnd, &actionsSpot{})
	default:
		root.AppendChild(root, &actionsSpot{})
	}
	return true
}

// actionHeadingLines tells, by the line of each heading content read, whether
// it counts as an action-item section (content matched it once).
func actionHeadingLines(d *content.Doc) map[int]bool {
	opens := make(map[int]bool, len(d.Sections))
	for _, s := range d.Sections {
		opens[s.Pos.Line] = s.Kinds.Has(content.SectionActionItems)
	}
	return opens
}

// dropEmptySubheadings removes the sub-headings of an action section left
// with nothing under them once its items moved into kb's table.
func dropEmptySubheadings(root ast.Node, isActionHeading func(*ast.Heading) bool) {
	level := 0
	for n := root.FirstChild(); n != nil; {
		next := n.NextSibling()
		h, ok := n.(*ast.Heading)
		switch {
		case !ok:
		case level > 0 && h.Level <= level:
			level = 0
		case level > 0 && emptyUnder(h):
			root.RemoveChild(root, h)
		}
		if ok && level == 0 && isActionHeading(h) {
			level = h.Level
		}
		n = next
	}
}

// emptyUnder reports whether nothing but deeper headings (and the spot of
// the table) follow h before the next heading of its level or above.
func emptyUnder(h *ast.Heading) bool {
	for n := h.NextSibling(); n != nil; n = n.NextSibling() {
		if n.Kind() == kindActionsSpot {
			continue
		}
		next, ok := n.(*ast.Heading)
		if !ok {
			return false
		}
		if next.Level <= h.Level {
			return true
		}
	}
	return true
}

// headingSource is the markdown of a heading's text.
func headingSource(h *ast.Heading, body []byte) string {
	var b strings.Builder
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(body))
	}
	return b.String()
}

// holdsItem reports whether block n spans the line of an action item.
func holdsItem(n ast.Node, lines bodyLines, items map[int]bool) bool {
	start, stop, ok := nodeSpan(n)
	if !ok {
		return false
	}
	for l, last := lines.lineOf(start), lines.lineOf(max(start, stop-1)); l <= last; l++ {
		if items[l] {
			return true
		}
	}
	return false
}

// nodeSpan is the range of body bytes the lines of n and its descendants
// cover.
func nodeSpan(n ast.Node) (start, stop int, ok bool) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var segs []struct{ a, b int }
		if c.Type() == ast.TypeBlock {
			for i := 0; i < c.Lines().Len(); i++ {
				s := c.Lines().At(i)
				segs = append(segs, struct{ a, b int }{s.Start, s.Stop})
			}
		} else if t, isText := c.(*ast.Text); isText {
			segs = append(segs, struct{ a, b int }{t.Segment.Start, t.Segment.Stop})
		}
		for _, s := range segs {
			if !ok || s.a < start {
				start = s.a
			}
			if !ok || s.b > stop {
				stop = s.b
			}
			ok = true
		}
		return ast.WalkContinue, nil
	})
	return start, stop, ok
}

// bodyLines turns offsets in a body into lines of the whole file.
type bodyLines struct {
	starts []int // the offset of each line of the body
	first  int   // the file line of the body's first line
}

func newBodyLines(body []byte, first int) bodyLines {
	starts := []int{0}
	for i := bytes.IndexByte(body, '\n'); i >= 0; {
		starts = append(starts, starts[len(starts)-1]+i+1)
		i = bytes.IndexByte(body[starts[len(starts)-1]:], '\n')
	}
	return bodyLines{starts: starts, first: max(first, 1)}
}

// lineOf is the file line of the body offset off.
func (l bodyLines) lineOf(off int) int {
	return l.first + sort.SearchInts(l.starts, off+1) - 1
}

// spliceActions puts table where the body's marker is.
func spliceActions(body template.HTML, table template.HTML) template.HTML {
	return template.HTML(strings.Replace(string(body), actionsMarker, string(table), 1))
}
