package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kb-tools/kb/content"
)

func actionRules() []*Rule {
	return []*Rule{
		{Name: "actions/owner", Severity: Error, Scope: PerDoc, Run: runActionOwner,
			Doc: "An open action item without an owner: nobody will do it. The owner is a team (or a person) that has agreed to it."},
		{Name: "actions/due", Severity: Error, Scope: PerDoc, Run: runActionDue,
			Doc: "An action item without a due date (YYYY-MM-DD): without one it drifts, and the overdue backlog cannot be counted."},
		{Name: "actions/vague", Severity: Error, Scope: PerDoc, Run: runActionVague,
			Doc: "An action item that names an area (\"Improve monitoring\"), an attitude (\"Be more careful\"), a look (\"Look into X\", \"Investigate further\", \"Find a path forward\") or a goal without its means (\"Minimize X\") instead of a change someone can finish and check."},
		{Name: "actions/overdue", Severity: Warning, Scope: PerDoc, Run: runActionOverdue,
			Doc: "An open or in-progress action item past its due date (judged against --today): finish it, re-plan it with a new date, or mark it wont-do with a reason."},
		{Name: "actions/unknown-owner", Severity: Warning, Scope: PerDoc, Run: runActionUnknownOwner,
			Doc: "An owner that is not among kb.yaml's owners (or, without that list, a CODEOWNERS team): often a typo, or a team that no longer exists."},
		{Name: "actions/missing", Severity: Warning, Scope: PerDoc, Run: runActionsMissing,
			Doc: "A published postmortem with no action items: what will keep this incident from happening again?"},
	}
}

func runActionOwner(p *Pass) {
	for _, a := range p.Doc.Actions {
		if a.Owner == "" && a.Open() {
			p.Report(a.Pos, fmt.Sprintf("action item %q has no owner", short(a.What)), ownerHint(a.Form))
		}
	}
}

func ownerHint(f content.ActionForm) string {
	switch f {
	case content.FormFrontMatter:
		return "Add owner: team-name to the item."
	case content.FormTable:
		return "Fill the item's Owner column (add one to the table if it has none)."
	default:
		return "Add \"owner: team-name\" (or @team-name) to the item."
	}
}

func runActionDue(p *Pass) {
	for _, a := range p.Doc.Actions {
		if a.Due.Set || a.Status == content.StatusWontDo || a.Status == content.StatusDone {
			continue
		}
		if a.DueText != "" {
			p.Report(a.Pos, fmt.Sprintf("action item %q has due date %q, which is not a date", short(a.What), short(a.DueText)), "Write the due date as YYYY-MM-DD.")
			continue
		}
		p.Report(a.Pos, fmt.Sprintf("action item %q has no due date", short(a.What)), "Add \"due: YYYY-MM-DD\": the date the owner agreed to.")
	}
}

func runActionOverdue(p *Pass) {
	for _, a := range p.Doc.Actions {
		if days := content.DaysBetween(a.Due.Time, p.Today); a.Open() && a.Due.Set && days > 0 {
			p.Report(a.Pos, fmt.Sprintf("action item %q (%s) was due %s, %d days ago", short(a.What), a.Status, a.Due.Format("2006-01-02"), days),
				"Finish it, agree a new due date with its owner, or mark it wont-do and say why.")
		}
	}
}

func runActionUnknownOwner(p *Pass) {
	c := p.Config
	if len(c.owners) == 0 {
		return
	}
	for _, a := range p.Doc.Actions {
		if a.Owner == "" || c.owners[normalizeOwner(a.Owner)] {
			continue
		}
		p.Report(a.Pos, fmt.Sprintf("owner %q of action item %q is not among the owners in %s%s", short(a.Owner), short(a.What), c.ownersFrom, didYouMean(normalizeOwner(a.Owner), c.knownOwners())),
			"Use a known owner, or add this one to "+c.ownersFrom+".")
	}
}

func runActionsMissing(p *Pass) {
	d := p.Doc
	if d.Kind != content.KindPostmortem || d.Meta.Status != "published" || len(d.Actions) > 0 || d.PlainBody {
		return // a body shown as plain text was not read (schema/frontmatter says why)
	}
	p.Report(bodyPos(d), "published postmortem has no action items", "List what will change, each with an owner and a due date, under \"## Action items\" or in the front matter.")
}

func runActionVague(p *Pass) {
	for _, a := range p.Doc.Actions {
		if reason := vagueReason(p.Config, a.What); reason != "" {
			p.Report(a.Pos, fmt.Sprintf("action item %q is vague: %s", short(a.What), reason),
				"Name the change, the system it touches and how you will know it is done, e.g. \"Alert when checkout p95 latency exceeds 2 s for 5 minutes\".")
		}
	}
}

// vagueReason says why an action item's text is vague, or "".
func vagueReason(c *Config, what string) string {
	words := normalizeWords(what)
	if len(words) == 0 {
		return "it has no text"
	}
	text := strings.Join(words, " ")
	if c.vaguePhrases[text] {
		return "it asks for an attitude or more effort, not a change"
	}
	if c.improvementWords[words[0]] && len(words) > 1 {
		if n := c.vagueAreas.prefixLen(words[1:]); n > 0 {
			return fmt.Sprintf("%q names an area to improve, not the change that improves it", strings.Join(words[:1+n], " "))
		}
	}
	if n := c.bareVerbs.prefixLen(words); n > 0 && isEmptyObject(words[n:]) {
		return fmt.Sprintf("%q has nothing to act on", text)
	}
	return c.moreVagueReason(words)
}

// isEmptyObject reports words that give a verb no real object.
func isEmptyObject(words []string) bool {
	for _, w := range words {
		switch w {
		case "it", "this", "that", "further", "more", "the", "issue", "problem", "incident", "again", "closely", "situation":
		default:
			return false
		}
	}
	return true
}

// normalizeWords lower-cases text and splits it into words without
// punctuation.
func normalizeWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '\'' || r == '/' || r > 0x7f)
	})
}

// prefixLen returns the length in words of the longest phrase of the set
// that words start with, or 0.
func (s *phraseSet) prefixLen(words []string) int {
	best := 0
	for _, ph := range s.byFirst[words[0]] {
		if len(ph.words) <= len(words) && len(ph.words) > best && slices.Equal(ph.words, words[:len(ph.words)]) {
			best = len(ph.words)
		}
	}
	return best
}

// short shortens an item's text for a message.
// It looks at the first characters only, however long the text.
func short(s string) string {
	const limit = 60
	n, cut := 0, 0
	for i := range s {
		switch n {
		case limit - 1:
			cut = i
		case limit:
			return s[:cut] + "…" // more than limit characters
		}
		n++
	}
	return s
}
