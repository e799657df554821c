package content

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// actionFieldNames maps the names people give action-item fields, in front
// matter keys and in table headers, to the field they mean.
var actionFieldNames = map[string]string{
	"what": "what", "action": "what", "action item": "what", "item": "what",
	"task": "what", "title": "what", "description": "what", "summary": "what",
	"remediation": "what", "follow-up": "what", "follow up": "what",
	"owner": "owner", "owners": "owner", "assignee": "owner", "assigned to": "owner",
	"who": "owner", "responsible": "owner", "team": "owner", "dri": "owner", "owner(s)": "owner",
	"assignees": "owner", "owned by": "owner", "point of contact": "owner",
	"due": "due", "due date": "due", "deadline": "due", "by": "due",
	"target date": "due", "eta": "due", "when": "due", "due_date": "due", "target": "due",
	"due by": "due", "deadline date": "due", "target quarter": "due",
	"status": "status", "state": "status",
	"done": "done", "done on": "done", "date done": "done", "done date": "done", "completed": "done",
	"completed on": "done", "completion date": "done", "closed on": "done", "resolved on": "done",
	"link": "link", "ticket": "link", "issue": "link", "tracker": "link",
	"jira": "link", "url": "link", "bug": "link",
}

// actionField returns the action-item field a key or header names.
func actionField(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimSuffix(strings.TrimSuffix(n, ":"), "s?")
	return actionFieldNames[n]
}

// statusWords maps ways of writing a status to the data model's statuses.
var statusWords = map[string]string{
	"open": StatusOpen, "todo": StatusOpen, "to do": StatusOpen, "not started": StatusOpen, "new": StatusOpen,
	"in-progress": StatusInProgress, "in progress": StatusInProgress, "in_progress": StatusInProgress,
	"doing": StatusInProgress, "started": StatusInProgress, "wip": StatusInProgress,
	"done": StatusDone, "closed": StatusDone, "complete": StatusDone, "completed": StatusDone,
	"fixed": StatusDone, "resolved": StatusDone, "✅": StatusDone, "shipped": StatusDone, "merged": StatusDone,
	"wont-do": StatusWontDo, "won't do": StatusWontDo, "wont do": StatusWontDo, "wontfix": StatusWontDo,
	"won't fix": StatusWontDo, "cancelled": StatusWontDo, "canceled": StatusWontDo, "dropped": StatusWontDo,
}

// normalizeStatus maps a written status to a Status constant; an unknown
// word is kept as written so lint can point at it, and an empty one is open.
func normalizeStatus(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return StatusOpen
	}
	if st, ok := statusWords[strings.ToLower(s)]; ok {
		return st
	}
	if strings.ContainsAny(s, "✅✔☑✓") {
		return StatusDone // "Done ✅", "✔ shipped"
	}
	if st, ok := statusWords[strings.ToLower(strings.Trim(s, " .!*_"))]; ok {
		return st
	}
	return s
}

// setField stores one field's text in an action item.
func (a *ActionItem) setField(field, value string) {
	value = strings.TrimSpace(value)
	switch field {
	case "what":
		a.What = value
	case "owner":
		a.Owner = strings.TrimPrefix(value, "@")
	case "due":
		a.setDue(value)
	case "status":
		a.Status = normalizeStatus(value)
	case "link":
		a.Link = value
	case "done":
		a.setDone(value)
	}
}

// setDone reads a done field: a date marks the item done on that day; a
// word or mark that means done ("yes", "✅") marks it done; anything else
// leaves it as it is.
func (a *ActionItem) setDone(s string) {
	s = strings.TrimSpace(s)
	if t, ok := ParseTime(s); ok {
		a.Done = At(t)
		if a.Status == StatusOpen || a.Status == "" {
			a.Status = StatusDone
		}
		return
	}
	if l := strings.ToLower(s); l == "yes" || l == "y" || l == "x" || normalizeStatus(s) == StatusDone {
		a.Status = StatusDone
	}
}

func (a *ActionItem) setDue(s string) {
	if s == "" {
		return
	}
	if t, ok := ParseTime(s); ok {
		a.Due = At(t)
		return
	}
	if t, ok := periodEnd(strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "end of ")); ok {
		a.Due = At(t) // "Q1 2026", "March 2026": the period's last day
		return
	}
	a.DueText = s
}

// frontMatterActions reads the actions: list: each item a mapping of
// what/owner/due/status/link (or their synonyms), or a plain string. It
// reads at most limits.actions_per_document items and counts the rest in
// d.actionsLeft.
func (d *metaDecoder) frontMatterActions(n *yaml.Node) []ActionItem {
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fieldError(n, "actions should be a list of items with what, owner, due and status, not a %s", nodeKindName(n))
		return nil
	}
	limit := d.limits.actions()
	items := make([]ActionItem, 0, min(len(n.Content), limit))
	for i, c := range n.Content {
		if len(items) == limit {
			d.actionsLeft = len(n.Content) - i
			break
		}
		if c = d.follow(c); c == nil {
			continue // an alias kb did not follow
		}
		item := ActionItem{Form: FormFrontMatter, Pos: d.pos(c), DuePos: d.pos(c), Status: StatusOpen}
		switch c.Kind {
		case yaml.ScalarNode:
			item.What = strings.TrimSpace(c.Value)
		case yaml.MappingNode:
			for i := 0; i+1 < len(c.Content); i += 2 {
				k, v := c.Content[i], d.follow(c.Content[i+1])
				field := actionField(k.Value)
				if field == "" {
					continue
				}
				item.setField(field, d.scalar("action "+k.Value, v))
				if field == "due" {
					item.DuePos = d.pos(c.Content[i+1])
				}
			}
		default:
			d.fieldError(c, "an action item should be a mapping (what, owner, due, status) or a sentence, not a %s", nodeKindName(c))
			continue
		}
		items = append(items, item)
	}
	return items
}

// capActions keeps the first limits.actions_per_document action items of
// the document, front matter and body together, so that one document
// cannot fill the action board and the owners' pages; the rest are left
// out with a field error of kind ErrorOverLimit at the first of them.
func (d *metaDecoder) capActions() {
	limit := d.limits.actions()
	doc := d.doc
	total := len(doc.Actions) + d.actionsLeft
	if total <= limit {
		return
	}
	pos, ok := doc.KeyPos("actions")
	if d.actionsLeft == 0 || !ok {
		pos = doc.Actions[limit].Pos
	}
	doc.Actions = doc.Actions[:limit:limit]
	doc.FieldErrors = append(doc.FieldErrors, d.lines.errorAt(ErrorOverLimit, doc.Path, pos.Line, pos.Col,
		"this document has %d action items; kb uses the first %d (kb.yaml limits.actions_per_document), so that one document cannot fill the action board",
		total, limit))
}

// Tokens that carry an action item's fields inside a list item's text.
// Owners and handles may be written in any script (owner: 田中).
var (
	handleToken = regexp.MustCompile(`(?:^|[\s(\[,;—–])(@([\p{L}\p{N}][\p{L}\p{M}\p{N}_.\-/]*[\p{L}\p{M}\p{N}_]))`)
	statusToken = regexp.MustCompile(`(?i)\bstatus\s*[:=]\s*([\w\-' ✅✔☑✓]+?)\s*(?:[,;)]|$)`)
	emptyParen  = regexp.MustCompile(`\(\s*[,;]?\s*\)|\[\s*\]`)
)

// parseActionText reads owner, due date and status tokens out of a list
// item's text, leaving what remains as the item's description. It returns
// the due date as written, "" when there is none.
func parseActionText(item *ActionItem, text string) (dueWritten string) {
	// cut passes the groups of re's first match to set and removes the text
	// of group `remove` (0 for the whole match).
	cut := func(find func(string) []int, remove int, set func(m []string)) {
		m := find(text)
		if m == nil {
			return
		}
		groups := make([]string, len(m)/2)
		for i := range groups {
			if m[2*i] >= 0 {
				groups[i] = text[m[2*i]:m[2*i+1]]
			}
		}
		set(groups)
		text = text[:m[2*remove]] + " " + text[m[2*remove+1]:]
	}
	// Cheap look-ups first: most items carry few of the tokens.
	lower := strings.ToLower(text)
	if strings.Contains(lower, "owner") || strings.Contains(lower, "assign") || strings.Contains(lower, "who") || strings.Contains(lower, "dri") {
		cut(findOwnerToken, 0, func(g []string) { item.Owner = strings.TrimPrefix(g[1], "@") })
	}
	if item.Owner == "" && strings.Contains(text, "@") {
		// The character before "@" is part of the match and stays.
		cut(handleToken.FindStringSubmatchIndex, 1, func(g []string) { item.Owner = g[2] })
	}
	if m, ok := findDue(text, false); ok {
		if m.readable {
			item.Due = At(m.t)
		} else {
			item.setDue(m.written)
		}
		dueWritten = m.written
		text = text[:m.start] + " " + text[m.end:]
	}
	if strings.Contains(lower, "status") {
		cut(statusToken.FindStringSubmatchIndex, 0, func(g []string) { item.Status = normalizeStatus(g[1]) })
	}
	if strings.ContainsAny(text, "([") {
		text = emptyParen.ReplaceAllString(text, "")
	}
	item.What = trimSeparators(joinWords(strings.Fields(text)))
	return dueWritten
}

// joinWords joins words with spaces, keeping only the first of a run of
// words that are bare separators (left where tokens were cut out).
func joinWords(words []string) string {
	out := words[:0]
	for _, w := range words {
		if isSeparator(w) && len(out) > 0 && (isSeparator(out[len(out)-1]) || strings.HasSuffix(out[len(out)-1], ",")) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

func isSeparator(w string) bool { return strings.Trim(w, "—–,;|-") == "" }

// trimSeparators removes the dashes, commas and bars left at either end of
// an item's text once its tokens are cut out.
func trimSeparators(s string) string {
	for {
		t := strings.TrimRight(s, " —–,;|")
		t = strings.TrimSuffix(t, " -")
		t = strings.TrimLeft(t, " —–,;|:-")
		if t == s {
			return s
		}
		s = t
	}
}
