package content

import (
	"bytes"
	"github.com/kb-tools/kb/content/mdscan"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// settleListItems turns the items of one top-level list item, nested ones
// included, into action items. An item that holds only fields ("Owner:
// @db", "Due: Q1 2026", "See https://…") gives them to its parent; one
// that ends with a colon and has items under it ("Short term:",
// "Completed:") is a label whose context its items take.
func (r *formReader) settleListItems(items []pendingItem) {
	type settled struct {
		ctx    itemContext
		label  bool
		action int // index in out, -1 for none
	}
	done := make([]settled, len(items))
	var out []ActionItem
	// above holds the indices of the items a later one may be nested in,
	// their depths rising; its last one shallower than an item is the
	// item's parent.
	var above []int
	for i, it := range items {
		for len(above) > 0 && items[above[len(above)-1]].depth >= it.depth {
			above = above[:len(above)-1]
		}
		parent := -1
		if len(above) > 0 {
			parent = above[len(above)-1]
		}
		above = append(above, i)
		ctx := r.itemContext()
		if parent >= 0 && done[parent].label {
			ctx = done[parent].ctx
		}
		done[i] = settled{ctx: ctx, action: -1}
		raw := strings.Join(it.lines, " ")
		if i+1 < len(items) && items[i+1].depth > it.depth {
			if label, ok := labelText(mdscan.PlainText(raw, r.refs)); ok {
				done[i].label, done[i].ctx = true, contextOf(label, r.vocab.Set(label), it.pos, ctx)
				continue
			}
		}
		item, ok := r.actionFromText(raw, FormList, it.pos, it.off, ctx)
		if !ok {
			if parent >= 0 && done[parent].action >= 0 {
				mergeFields(&out[done[parent].action], item)
			}
			continue
		}
		done[i].action = len(out)
		out = append(out, item)
	}
	if len(out) > 0 {
		r.listed = true
	}
	r.doc.Actions = append(r.doc.Actions, out...)
}

// paragraphItems reads the lines of a paragraph under an action section
// as action items, one a line, kept until the next heading: they are
// items only if no list or table items stand under the same heading (see
// settleLines), else they are prose about those. In a line: a line that starts in lower case goes on
// the line before it, a line of fields only ("Owner: @db") gives them to
// the item before it, a line that ends with a colon is a label for the
// items after it, and placeholders ("None", "TBD") and pointers ("Tracked
// in Jira") are no items.
func (r *formReader) paragraphItems(lines []paraText) {
	var logical []paraText
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		if mdscan.IsRefDefinition(t) {
			continue // a link reference definition, no text
		}
		if n := len(logical); n > 0 && continuesLine(logical[n-1].text, mdscan.PlainText(t, r.refs)) {
			logical[n-1].text += " " + t
			continue
		}
		logical = append(logical, paraText{text: t, pos: l.pos, off: l.off})
	}
	last := -1
	for _, l := range logical {
		plain := mdscan.PlainText(l.text, r.refs)
		if label, ok := labelText(plain); ok {
			r.label, r.labelSet = contextOf(label, r.vocab.Set(label), l.pos, r.top().items), true
			last = -1
			continue
		}
		if isPlaceholderItem(plain) || isPointerLine(plain) {
			continue
		}
		item, ok := r.actionFromText(l.text, FormLine, l.pos, l.off, r.itemContext())
		if ok && sentences(item.What) > 1 {
			continue // prose about the items, not one of them
		}
		if !ok {
			if last >= 0 {
				mergeFields(&r.lineItems[last], item)
			}
			continue
		}
		last = len(r.lineItems)
		r.lineItems = append(r.lineItems, item)
	}
}

// settleLines ends what stands under one heading of an action section:
// its plain lines are action items unless list or table items stand
// there too, which then are the items, and the lines text about them
// ("These came out of the review.").
func (r *formReader) settleLines() {
	if !r.listed {
		r.doc.Actions = append(r.doc.Actions, r.lineItems...)
	}
	r.lineItems, r.listed = r.lineItems[:0], false
}

// boldLead finds an item that starts with a bold phrase and goes on after
// a colon: "**Separate node groups per zone**: this lets…"; the phrase is
// the item.
var boldLead = regexp.MustCompile(`^(?:\*\*|__)([^*_]+?):?(?:\*\*|__)\s*:\s*\S`)

// actionFromText reads an action item from the markdown text of a list
// item or a line. It reports false for text with fields alone, or none,
// and then returns the fields read.
func (r *formReader) actionFromText(raw string, form ActionForm, pos Pos, off int, ctx itemContext) (ActionItem, bool) {
	item := ActionItem{Form: form, Pos: pos, DuePos: pos, Status: StatusOpen}
	text := raw
	if rest, done, ok := mdscan.TaskBox(raw); ok {
		item.Form = FormTaskList
		text = rest
		if done {
			item.Status = StatusDone
		}
	}
	text = strings.TrimSpace(text)
	if isStruckText(text) {
		item.Status = StatusDone // struck through: done, as teams mark it
	}
	plain, marked := cutDoneMark(mdscan.PlainText(text, r.refs))
	if marked {
		item.Status = StatusDone
	}
	m := parseActionText(&item, plain)
	if strings.HasPrefix(text, "**") || strings.HasPrefix(text, "__") {
		if lead := boldLead.FindStringSubmatch(text); lead != nil {
			item.What = trimSeparators(mdscan.PlainText(lead[1], r.refs))
		}
	}
	item.Link = r.linkIn(text, plain)
	if item.What == "" || isPointerLine(item.What) && item.Link != "" {
		return item, false
	}
	if item.Due.Set || item.DueText != "" {
		item.DuePos = r.duePos(pos, off, m)
	} else if ctx.due.Set {
		item.Due, item.DuePos = ctx.due, ctx.duePos
	}
	if ctx.done && item.Status == StatusOpen {
		item.Status = StatusDone
	}
	return item, true
}

// duePos finds the due date an item gives on its first line; when it is
// not there (on a later line, or written with markup), the item's
// position stands for it.
func (r *formReader) duePos(pos Pos, off int, written string) Pos {
	src := r.doc.Source
	if written == "" || off < 0 || off > len(src) {
		return pos
	}
	line := src[off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	i := bytes.Index(line, []byte(written))
	if i < 0 {
		return pos
	}
	return Pos{File: pos.File, Line: pos.Line, Col: pos.Col + utf8.RuneCount(line[:i])}
}

// linkIn returns an item's tracker link: its first link (inline, by
// reference or autolink), else the first bare URL.
func (r *formReader) linkIn(raw, plain string) string {
	if l := firstLinkIn(raw, []string{plain}); l != "" {
		return l
	}
	return mdscan.FirstRefLink(raw, r.refs)
}

// mergeFields gives an item the fields another line wrote for it.
func mergeFields(to *ActionItem, from ActionItem) {
	if to.Owner == "" {
		to.Owner = from.Owner
	}
	if !to.Due.Set && to.DueText == "" && (from.Due.Set || from.DueText != "") {
		to.Due, to.DueText, to.DuePos = from.Due, from.DueText, from.DuePos
	}
	if from.Status != StatusOpen && to.Status == StatusOpen {
		to.Status = from.Status
	}
	if to.Link == "" {
		to.Link = from.Link
	}
}

// labelText returns the text of a label: a line that ends with a colon
// ("Completed:", "Short term (Q1 2026):"), short enough not to be a
// sentence that introduces a list.
func labelText(plain string) (string, bool) {
	t := strings.TrimSpace(plain)
	if !strings.HasSuffix(t, ":") || len(strings.Fields(t)) > 8 {
		return "", false
	}
	return strings.TrimSpace(strings.TrimSuffix(t, ":")), true
}

// continuesLine reports a line of a paragraph that goes on with the line
// before it rather than starting an item of its own: it starts in lower
// case, or with a digit after a line that ends mid-sentence.
func continuesLine(prev, plain string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(plain))
	if unicode.IsLower(r) {
		return true
	}
	p := strings.TrimSpace(prev)
	return unicode.IsDigit(r) && p != "" && !strings.ContainsRune(".!?:;", rune(p[len(p)-1]))
}

// sentences counts the sentences of a text: a full stop, question or
// exclamation mark followed by a capital starts another.
func sentences(text string) int {
	n := 1
	for i := 0; i+2 < len(text); i++ {
		if strings.IndexByte(".!?", text[i]) >= 0 && text[i+1] == ' ' {
			if r, _ := utf8.DecodeRuneInString(text[i+2:]); unicode.IsUpper(r) {
				n++
			}
		}
	}
	return n
}

// isPlaceholderItem reports the text of an empty template slot.
func isPlaceholderItem(plain string) bool {
	switch strings.ToLower(strings.Trim(plain, " .…-—_*")) {
	case "", "none", "n/a", "na", "tbd", "tba", "todo", "to do", "nothing", "none yet", "no action items", "no actions", "no follow-ups", "-":
		return true
	}
	return false
}

// pointerWords start a line that points at where the items are kept
// rather than being one; pointerPhrases say so anywhere in it.
var (
	pointerWords = map[string]bool{"see": true, "refer": true, "tracked": true, "ticket": true, "tickets": true, "jira": true,
		"issue": true, "issues": true, "pr": true, "link": true, "links": true, "reference": true, "ref": true}
	pointerPhrases = []string{" are tracked in ", " is tracked in ", " are tracked on ", " is tracked on ", " are tracked at ",
		"can be found in ", "can be found at ", " are listed in ", " are listed on "}
)

// isPointerLine reports a line that says where the action items are kept
// ("Tracked in Jira", "See the front matter") instead of being one.
func isPointerLine(plain string) bool {
	lower := strings.ToLower(strings.TrimSpace(plain))
	first, _, _ := strings.Cut(lower, " ")
	if pointerWords[strings.TrimRight(first, ":,.")] {
		return true
	}
	for _, p := range pointerPhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// doneLeads and doneTrails are the marks and words teams put before or
// after an item that is done (in lower case).
var (
	doneLeads  = []string{"✅", "✔️", "✔", "☑️", "☑", "✓", "[done]", "(done)", "[complete]", "[completed]", "[fixed]", "done:", "done -", "done —", "done –", "completed:", "completed -", "complete:", "fixed:"}
	doneTrails = []string{"✅", "✔️", "✔", "☑️", "☑", "✓", "[done]", "(done)", "(completed)", "(complete)", "(fixed)", "(already done)", "[completed]", "— done", "– done", "- done", "— completed", "- completed"}
)

// cutDoneMark removes a done mark from an item's text and reports it.
func cutDoneMark(plain string) (string, bool) {
	t := strings.TrimSpace(plain)
	head := strings.ToLower(t[:min(len(t), 16)])
	for _, m := range doneLeads {
		if strings.HasPrefix(head, m) && len(t) > len(m) {
			return strings.TrimSpace(t[len(m):]), true
		}
	}
	t = strings.TrimRight(t, ". ")
	tail := strings.ToLower(t[max(0, len(t)-16):])
	for _, m := range doneTrails {
		if strings.HasSuffix(tail, m) && len(t) > len(m) {
			return strings.TrimSpace(t[:len(t)-len(m)]), true
		}
	}
	return plain, false
}
