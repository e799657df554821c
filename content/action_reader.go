package content

import (
	"github.com/kb-tools/kb/content/mdscan"
	"strings"
	"time"
)

// formReader reads a body's action items and timeline entries from the
// block events a markdown reader reports: headings, list items with their
// nesting, paragraph lines and table rows, in document order. It knows no
// markdown syntax: the line scanner feeds it, and so does the goldmark
// oracle of the differential test, so that the two are compared on block
// structure alone.
//
// A section's kind holds for its sub-headings until a heading of its level
// or above: "## Action items" / "### Prevent" keeps its items, "##
// Timeline" / "### Day one" its entries. A sub-heading that names another
// postmortem section ("### Lessons learned") ends it.
type formReader struct {
	doc   *Doc
	vocab *Vocabulary
	refs  mdscan.Refs
	clock *timelineClock
	// sections are the open headings, outermost first.
	sections []formSection
	// label is the context a label line ("Completed:") gives the items
	// after it, until the next label or heading; labelSet says one is set.
	label    itemContext
	labelSet bool
	// items are the current top-level list item and the items nested in it.
	items []pendingItem
	// outer holds the indices in items of the items a nested item read
	// next may stand in, their marker columns rising: an item hides those
	// before it whose marker stands at its column or right of it.
	outer []int
	para  []paraText
	// lineItems are the action items read from plain lines since the
	// last heading, and listed reports list or table items there.
	lineItems []ActionItem
	listed    bool
	table     formTable
	// entry is the index in doc.Timeline of the entry a timeline heading
	// ("### 14:02") opened, which collects the text under it; -1 for none.
	entry int
}

// formSection is an open heading and what it gives the blocks under it.
type formSection struct {
	level int
	ctx   sectionContext
	items itemContext
	zone  *time.Location
	// line is the line of the heading that opened the action or timeline
	// section, which its sub-headings share.
	line int
}

// itemContext is what a heading or a label says of the action items under
// it: that they are done, or due at the end of a period.
type itemContext struct {
	done   bool
	due    Time
	duePos Pos
}

// pendingItem is a list item read but not yet turned into an action item
// or a timeline entry: the items of one top-level item are settled
// together, so that a nested "Owner: x" can give its parent an owner.
type pendingItem struct {
	depth int
	col   int
	pos   Pos
	off   int
	lines []string
	open  bool // its first paragraph may take more lines
}

// paraText is a line of a top-level paragraph.
type paraText struct {
	text string
	pos  Pos
	off  int
}

func newFormReader(doc *Doc, vocab *Vocabulary, refs mdscan.Refs) *formReader {
	return &formReader{doc: doc, vocab: vocab, refs: refs, clock: newTimelineClock(doc), entry: -1}
}

// active reports whether the blocks read now can hold action items or
// timeline entries; the scanner skips the work of reporting them when not.
func (r *formReader) active() bool { return r.top().ctx != ctxOther }

func (r *formReader) top() formSection {
	if len(r.sections) == 0 {
		return formSection{}
	}
	return r.sections[len(r.sections)-1]
}

// heading opens a section at level with the given plain-text title, which
// counts for kinds.
func (r *formReader) heading(level int, title string, kinds SectionSet, pos Pos) {
	r.endList()
	r.endPara()
	r.settleLines()
	r.entry = -1
	for len(r.sections) > 0 && r.sections[len(r.sections)-1].level >= level {
		r.sections = r.sections[:len(r.sections)-1]
	}
	r.label, r.labelSet = itemContext{}, false
	sec := r.sectionFor(level, title, kinds, pos, r.top())
	r.sections = append(r.sections, sec)

	if sec.ctx == ctxTimeline {
		r.clock.zone = sec.zone
	}
}

func (r *formReader) sectionFor(level int, title string, kinds SectionSet, pos Pos, parent formSection) formSection {
	sec := formSection{level: level, ctx: ctxOther}
	// A heading that names both ("Timeline of the follow-ups") is a timeline.
	switch {
	case kinds.Has(SectionTimeline):
		sec.ctx, sec.line, sec.zone = ctxTimeline, pos.Line, r.clock.zones.in(title)
		if sec.zone == nil && parent.ctx == ctxTimeline {
			sec.zone = parent.zone
		}
		r.clock.dayFromHeading(title)
	case r.opensActions(kinds):
		var inherited itemContext
		if parent.ctx == ctxActions {
			inherited = parent.items
		}
		sec.ctx, sec.line, sec.items = ctxActions, pos.Line, contextOf(title, kinds, pos, inherited)
	case parent.ctx == ctxActions && !namesOtherSection(kinds):
		sec.ctx, sec.line, sec.items = ctxActions, parent.line, contextOf(title, kinds, pos, parent.items)
	case parent.ctx == ctxTimeline && !namesOtherSection(kinds):
		sec.ctx, sec.line, sec.zone = ctxTimeline, parent.line, parent.zone
		if z := r.clock.zones.in(title); z != nil {
			sec.zone = z
		}
		r.clock.zone = sec.zone
		r.timelineHeading(title, pos, sec.line)
	}
	return sec
}

// opensActions reports a heading, by its kinds, that opens an action-item
// section. In a runbook, a heading that also names a procedure section ("Remediation",
// "Next steps": steps to follow during an incident) does not; one that
// only names follow-up work ("Follow-ups", "Action items") does, and its
// items are work to do on the runbook or the system, checked as any other.
func (r *formReader) opensActions(kinds SectionSet) bool {
	if !kinds.Has(SectionActionItems) {
		return false
	}
	if r.doc.Kind != KindRunbook {
		return true
	}
	for _, name := range r.vocab.RunbookProfiles() {
		for _, k := range r.vocab.RunbookProfile(name) {
			if k != SectionImpact && kinds.Has(k) {
				return false
			}
		}
	}
	return true
}

// namesOtherSection reports a sub-heading that opens a postmortem section
// of another kind, which ends the action or timeline section above it.
func namesOtherSection(kinds SectionSet) bool {
	for _, k := range []SectionKind{SectionSummary, SectionImpact, SectionRootCause, SectionLessons, SectionNotes} {
		if kinds.Has(k) {
			return true
		}
	}
	return false
}

// contextOf returns what a heading or label, with the kinds it counts
// for, says of the items under it, on
// top of what they inherit: done under "Completed", due at the end of the
// period it names ("Q1 2026", "Target: March 2026").
func contextOf(title string, kinds SectionSet, pos Pos, inherited itemContext) itemContext {
	c := inherited
	switch {
	case kinds.Has(SectionActionsOpen):
		c.done = false
	case kinds.Has(SectionActionsDone):
		c.done = true
	}
	if m, ok := findDue(title, true); ok && m.readable {
		c.due, c.duePos = At(m.t), pos
	}
	return c
}

// itemContext returns the context of the items read now.
func (r *formReader) itemContext() itemContext {
	if r.labelSet {
		return r.label
	}
	return r.top().items
}

// startItem opens a list item at marker column col: nested reports one
// inside another item. text is the item's first line after the marker, as
// written, starting at source offset off and position pos.
func (r *formReader) startItem(nested bool, col int, pos Pos, off int, text string) {
	if !nested {
		r.endList()
	}
	if !r.active() {
		return
	}
	depth := r.depthAt(col)
	if !nested {
		depth = 0
	}
	// Only the item read last can be open: it is the one that closes.
	if n := len(r.items); n > 0 {
		r.items[n-1].open = false
	}
	it := pendingItem{depth: depth, col: col, pos: pos, off: off, open: true}
	if t := strings.TrimSpace(text); t != "" {
		it.lines = append(it.lines, t)
	}
	r.outer = append(r.outer, len(r.items))
	r.items = append(r.items, it)
}

// depthAt returns the depth of a nested item whose marker stands at col:
// one more than the last item that stands left of it. It drops from
// outer the items the new one hides, so that each item is dropped once.
func (r *formReader) depthAt(col int) int {
	for n := len(r.outer); n > 0 && r.items[r.outer[n-1]].col >= col; n = len(r.outer) {
		r.outer = r.outer[:n-1]
	}
	if n := len(r.outer); n > 0 {
		return r.items[r.outer[n-1]].depth + 1
	}
	return 1
}

// itemLine adds a line to the first paragraph of the item read last; pos
// and off locate it, which matters when the item's marker stood alone.
func (r *formReader) itemLine(text string, pos Pos, off int) {
	n := len(r.items)
	if n == 0 || !r.items[n-1].open {
		return
	}
	it := &r.items[n-1]
	if t := strings.TrimSpace(text); t != "" {
		if len(it.lines) == 0 {
			it.pos, it.off = pos, off
		}
		it.lines = append(it.lines, t)
	}
}

// endItemText closes the first paragraph of the item read last.
func (r *formReader) endItemText() {
	if n := len(r.items); n > 0 {
		r.items[n-1].open = false
	}
}

// endList settles the items of the top-level item read last.
func (r *formReader) endList() {
	items := r.items
	r.items, r.outer = r.items[:0], r.outer[:0]
	if len(items) == 0 {
		return
	}
	switch r.top().ctx {
	case ctxActions:
		r.settleListItems(items)
	case ctxTimeline:
		r.timelineItems(items)
	}
}

// paraLine adds a line of a top-level paragraph, as written.
func (r *formReader) paraLine(text string, pos Pos, off int) {
	if r.active() {
		r.para = append(r.para, paraText{text: text, pos: pos, off: off})
	}
}

// endPara settles the paragraph read last.
func (r *formReader) endPara() {
	lines := r.para
	r.para = r.para[:0]
	if len(lines) == 0 {
		return
	}
	switch r.top().ctx {
	case ctxActions:
		r.paragraphItems(lines)
	case ctxTimeline:
		r.timelineParagraph(lines)
	}
}

// finish ends the body.
func (r *formReader) finish() {
	r.endPara()
	r.endList()
	r.settleLines()
	r.endTable()
}
