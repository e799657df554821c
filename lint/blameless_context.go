package lint

import (
	"bytes"
	"strings"

	"github.com/kb-tools/kb/content"
)

// The context of a blameless phrase: whether it is a technical term, denied,
// part of an instruction rather than of the narrative, or about software
// that carries a role's name.

// denialWindow is how many words before a phrase a denial reaches.
const denialWindow = 6

// technicalAt reports a technical term starting at token i that covers the
// phrase ending before end ("lazy loading", "sloppy quorum").
func (c *Config) technicalAt(pr *prose, i, end int) bool {
	ph, stop := c.technical.match(pr, i)
	return ph != nil && stop >= end
}

// denied reports a denial among the few words before token i, in its
// clause: "nobody is to blame", "not anyone's fault", "not caused by".
func (c *Config) denied(pr *prose, i int) bool {
	for k := i - 1; k >= 0 && k >= i-denialWindow; k-- {
		if pr.is(k+1, sentenceStart|clauseStart) {
			return false
		}
		if w := pr.bytes(k); c.denials[string(w)] || bytes.IndexByte(w, 0xE2) >= 0 && c.denials[plainApostrophes(string(w))] {
			return true
		}
	}
	return false
}

// plainApostrophes writes typographic apostrophes as ASCII ones.
func plainApostrophes(w string) string {
	if strings.IndexByte(w, 0xE2) < 0 {
		return w
	}
	return strings.ReplaceAll(w, "’", "'")
}

// subjectNegators make a subject nobody: "no engineer could have",
// "not a single person caused".
var subjectNegators = map[string]bool{"no": true, "not": true, "none": true, "neither": true, "nor": true, "without": true}

// negatedSubject reports a subject at token k with a negator one or two
// words before it in its clause.
func negatedSubject(pr *prose, k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if subjectNegators[pr.word(j)] {
			return true
		}
		if pr.is(j, sentenceStart|clauseStart) {
			return false
		}
	}
	return false
}

// narrative reports whether hindsight and cause phrases apply to the
// document: runbooks are instructions, not the story of an incident.
func narrative(d *content.Doc) bool { return d.Kind != content.KindRunbook }

// instruction reports a phrase at token i that tells the reader what to do
// rather than telling what someone did: its sentence starts with an
// imperative verb ("Verify that someone forgot to…"), or its subject is
// the reader ("you should have received a page").
func (c *Config) instruction(pr *prose, i, subject int) bool {
	if subject >= 0 && pr.word(subject) == "you" {
		return true
	}
	return c.imperatives[plainApostrophes(pr.word(pr.sentenceOf(i)))]
}

// softwareRole reports a role word at token k that names software: "the
// Prometheus operator", "the certificate manager", unlike "the operator"
// or "an incident manager".
func (c *Config) softwareRole(pr *prose, k int) bool {
	if !c.softwareRoles[pr.word(k)] || k == 0 || pr.is(k, sentenceStart|clauseStart) {
		return false
	}
	return !c.roleDeterminers[pr.word(k-1)]
}

// passiveBefore reports a form of "be" or "get" just before token i (past
// adverbs): "the header change was simply overlooked".
func passiveBefore(pr *prose, i int) bool {
	k := i - 1
	for k >= 0 && adverbs[pr.word(k)] && !pr.is(k+1, sentenceStart) {
		k--
	}
	if k < 0 || pr.is(k+1, sentenceStart) {
		return false
	}
	switch pr.word(k) {
	case "was", "were", "been", "being", "be", "is", "are", "got", "get", "gets":
		return true
	}
	return false
}

// inActionItem reports a token on the line of one of the document's action
// items: an item is a plan ("Reflect if … so they could have tested"), not
// the story of what happened.
func inActionItem(d *content.Doc, pr *prose, i int) bool {
	line := int(pr.tokens[i].line)
	for _, a := range d.Actions {
		if a.Pos.Line == line {
			return true
		}
	}
	return false
}

// hindsightHolds reports whether a hindsight phrase at tokens ..end-1 with
// its subject at token subject (-1 for a passive) is hindsight: its
// subject does not follow a consequence ("so we didn't catch"), and a
// noticing phrase names what went unnoticed ("didn't notice the alert",
// not "didn't notice any downtime"). Other phrases always hold.
func (c *Config) hindsightHolds(pr *prose, ph *phrase, subject, end int) bool {
	if !ph.entry.hindsight {
		return true
	}
	if subject > 0 && c.consequences[pr.word(subject-1)] && !pr.is(subject, sentenceStart) {
		return false
	}
	return !ph.entry.needsObject || end < len(pr.tokens) && !pr.is(end, sentenceStart) && c.noticedObjects[pr.word(end)]
}

// softwareAction reports a role word that names software as the subject
// at token subject of a phrase followed, at token end, by what only
// software does: "the operator failed to reconcile".
func (c *Config) softwareAction(pr *prose, subject, end int) bool {
	return subject >= 0 && c.softwareRoles[pr.word(subject)] && end < len(pr.tokens) &&
		!pr.is(end, sentenceStart) && c.softwareVerbs[pr.word(end)]
}

// causeInStory reports whether a cause phrase at token i is told as part of
// what happened: not denied, not an instruction, not an action item.
func (c *Config) causeInStory(d *content.Doc, pr *prose, i int) bool {
	return !c.denied(pr, i) && !c.instruction(pr, i, -1) && !inActionItem(d, pr, i)
}
