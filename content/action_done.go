package content

import (
	"regexp"
	"strings"
)

// settleActions marks as done the plain list items and lines that tell of
// work already done ("Added an alert on…", "We have migrated…", "The
// runbook has been updated"), which need no owner or due date.
func settleActions(doc *Doc) {
	for i := range doc.Actions {
		a := &doc.Actions[i]
		if (a.Form == FormList || a.Form == FormLine) && a.Status == StatusOpen && reportsDoneWork(a.What) {
			a.Status = StatusDone
		}
		if !a.Done.Set && a.Form != FormFrontMatter {
			// Only a closing field, like owner and due, counts: "review the
			// alerts closed on 2026-01-05" asks for work.
			if m := doneOnPattern.FindStringSubmatchIndex(a.What); m != nil && strings.TrimRight(a.What[m[1]:], " )") == "" {
				a.setDone(a.What[m[2]:m[3]])
				a.What = strings.TrimRight(a.What[:m[0]], " ,;(—–-")
			}
		}
	}
}

// doneOnPattern finds the day an item's text says it was done:
// "done 2026-02-10", "(completed on 2026-02-10)", "closed: 2026-02-10".
var doneOnPattern = regexp.MustCompile(`(?i)\b(?:done|completed|closed|shipped)(?:\s+on)?:?\s+(\d{4}-\d{2}-\d{2})\b`)

// reportsDoneWork reports an item's text that tells of work already done
// rather than asking for it: its first sentence starts with a verb in the
// past tense ("Added an alert", "We've advised the teams…", "We have
// added a check…") or says that something has been done ("The runbook has
// been updated").
func reportsDoneWork(what string) bool {
	first, _, _ := strings.Cut(strings.ToLower(what), ". ")
	w := strings.Fields(strings.Trim(first, " .:"))
	if len(w) == 0 {
		return false
	}
	i := 0
	switch w[0] {
	case "we've", "we’ve", "we":
		i = 1
		if w[0] == "we" && len(w) > 1 && (w[1] == "have" || w[1] == "had") {
			i = 2
		}
		if i < len(w) && w[i] == "already" {
			i++
		}
		return i < len(w) && isPastTense(w[i])
	}
	if isPastTense(w[0]) && (strongPast[w[0]] || len(w) > 1 && objectWords[w[1]]) {
		return true
	}
	return saysDone(w)
}

// isPastTense reports a verb in the past tense: one that ends in -ed (not
// "need", "feed") or one of the irregular ones teams use.
func isPastTense(v string) bool {
	v = strings.Trim(v, ",;:")
	switch v {
	// Verbs whose past is their present ("set", "put", "split") do not
	// count: "Set up alerting" asks for work.
	case "done", "made", "built", "sent", "taken", "took", "written", "wrote", "begun", "began", "found", "ran", "rebuilt", "held", "led", "kept":
		return true
	}
	return len(v) > 4 && strings.HasSuffix(v, "ed") && !strings.HasSuffix(v, "eed")
}

// strongPast are past tenses that start a report of work done whatever
// follows them; other -ed words ("Improved", "Automated", "Updated") often
// start a noun phrase ("Improved alerting for…") and count only before an
// object ("Updated the runbook").
var strongPast = map[string]bool{
	"added": true, "migrated": true, "removed": true, "fixed": true, "deployed": true, "enabled": true,
	"disabled": true, "reverted": true, "upgraded": true, "downgraded": true, "created": true, "implemented": true,
	"configured": true, "moved": true, "replaced": true, "rotated": true, "patched": true, "introduced": true,
	"switched": true, "merged": true, "released": true, "shipped": true, "published": true, "restarted": true,
	"renewed": true, "deleted": true, "changed": true, "tuned": true, "adjusted": true, "tweaked": true,
	"advised": true, "installed": true, "bumped": true, "pinned": true, "applied": true, "completed": true,
	"finished": true, "wrote": true, "built": true, "rolled": true, "made": true, "raised": true,
	"lowered": true, "doubled": true, "halved": true, "rewrote": true, "refactored": true, "cleaned": true,
}

// objectWords start the object of a verb: a determiner, a pronoun or a
// number.
var objectWords = map[string]bool{
	"a": true, "an": true, "the": true, "our": true, "its": true, "their": true, "all": true, "this": true,
	"that": true, "these": true, "those": true, "it": true, "them": true, "new": true, "two": true, "more": true,
}

// modals before "have been" make it a wish, not a report: "should have
// been communicated".
var modals = map[string]bool{"should": true, "would": true, "could": true, "must": true, "might": true, "may": true, "will": true, "to": true, "shall": true}

// saysDone reports "X has been updated", "alerts were added".
func saysDone(w []string) bool {
	for i := 1; i+1 < len(w); i++ {
		switch w[i] {
		case "has", "have":
			if w[i+1] == "been" && i+2 < len(w) && isPastTense(w[i+2]) && !modals[w[i-1]] {
				return true
			}
		case "was", "were":
			if isPastTense(w[i+1]) && strongPast[w[i+1]] {
				return true
			}
		}
	}
	return false
}
