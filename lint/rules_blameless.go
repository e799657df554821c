package lint

import "strings"

// Inside block quotes (quoted chat, quoted alerts) the blameless rules
// report at info level whatever their configured severity: a quote is a
// record of what was said during the incident, and rewriting it would
// falsify the record. The finding still points the author at it, so that a
// quote is kept only where it tells the reader something.

func blamelessRules() []*Rule {
	return []*Rule{
		{Name: "blameless/blame-word", Severity: Error, Scope: PerDoc, Run: runBlameWords,
			Doc: "Words that judge a person (human error, careless, at fault, to blame…). People stop telling the full story once they are judged, and the review stops at the person instead of the conditions that made the action natural. Technical terms (lazy loading, sloppy quorum, fault injection, error budget) and denials (\"nobody is to blame\", \"this was no one's fault\") are not blame."},
		{Name: "blameless/counterfactual", Severity: Error, Scope: PerDoc, Run: runCounterfactuals,
			Doc: "Hindsight about people: should have, could have, if only, failed to, overlooked, wrongly assumed, didn't notice… with a person, role or pronoun as the subject, in the story of an incident. It judges a decision by what is known now; \"the circuit breaker failed to open\" is about a system, and runbook steps (\"you should have received a page\") are instructions: both are fine."},
		{Name: "blameless/person-cause", Severity: Error, Scope: PerDoc, Run: runPersonCause,
			Doc: "A named person, an individual's @handle or a role given as the cause (\"caused by @jdoe\", \"Alice deleted the index\") in the story of an incident; runbooks, instructions and denials (\"not caused by the on-call\") are left alone. Causes are conditions in the system; people are the ones who make it work."},
	}
}

// reportProse reports a phrase found at tokens i..j-1, downgraded to info
// inside a block quote.
func reportProse(p *Pass, pr *prose, i, j int, message, suggestion string) {
	sev := p.Rule.Severity
	if pr.is(i, quoted) {
		sev = Info
		message += " (in a quote, kept as a record of what was said)"
	}
	p.report(Diagnostic{Pos: pr.pos(i), Rule: p.Rule.Name, Severity: sev, Message: message, Suggestion: suggestion})
}

func fill(template, phrase string) string { return strings.ReplaceAll(template, "{phrase}", phrase) }

func runBlameWords(p *Pass) {
	pr := p.Prose()
	next := 0 // the first token a new finding may start at
	for _, c := range pr.candidates {
		i := int(c)
		if i < next {
			continue
		}
		ph, end := p.Config.blame.match(pr, i)
		if ph == nil || ph.entry.needsPerson && !faultOnPerson(p.Config, pr, i, end) ||
			p.Config.technicalAt(pr, i, end) || p.Config.denied(pr, i) {
			continue
		}
		found := pr.text(i, end)
		reportProse(p, pr, i, end, fill(ph.entry.why, found), ph.entry.suggestion)
		next = end
	}
}

func runCounterfactuals(p *Pass) {
	if !narrative(p.Doc) {
		return
	}
	pr := p.Prose()
	next := 0
	for _, c := range pr.candidates {
		i := int(c)
		if i < next {
			continue
		}
		ph, end := p.Config.counterfactuals.match(pr, i)
		if ph == nil || !p.Config.completesCounterfactual(pr, ph, end) {
			continue
		}
		subject := personBefore(p.Config, pr, i)
		if subject < 0 && ph.text == "if only" {
			subject = personAfter(p.Config, pr, end, 3, false)
		}
		passive := subject < 0 && ph.entry.passive && passiveBefore(pr, i)
		if subject < 0 && !passive || p.Config.instruction(pr, i, subject) || inActionItem(p.Doc, pr, i) ||
			!p.Config.hindsightHolds(pr, ph, subject, end) || p.Config.softwareAction(pr, subject, end) {
			continue
		}
		message := fill(ph.entry.why, pr.text(i, end))
		if !passive {
			message += " (subject: " + pr.original(subject) + ")"
		}
		reportProse(p, pr, i, end, message, ph.entry.suggestion)
		next = end
	}
}

func runPersonCause(p *Pass) {
	if !narrative(p.Doc) {
		return
	}
	pr := p.Prose()
	c := p.Config
	next := 0
	for _, ci := range pr.candidates {
		i := int(ci)
		if i < next {
			continue
		}
		if ph, end := c.causePhrases.match(pr, i); ph != nil {
			if who := personAfter(c, pr, end, 3, true); who >= 0 && c.causeInStory(p.Doc, pr, i) {
				reportProse(p, pr, who, who+1, `"`+pr.text(i, who+1)+`" names a person as the cause; causes are conditions in the system, and people are the ones who make it work.`,
					"Describe the action and what made it reasonable at the time, then the missing safeguard: e.g. \"a manual schema change ran without a review step\".")
				next = who + 1
			}
			continue
		}
		if ph, end := c.causeVerbs.match(pr, i); ph != nil && i > 0 && !pr.is(i, sentenceStart|clauseStart) {
			if who := i - 1; isIndividual(c, pr, who) && !negatedSubject(pr, who) && c.causeInStory(p.Doc, pr, i) {
				reportProse(p, pr, who, end, `"`+pr.text(who, end)+`" names a person as the cause; causes are conditions in the system, and people are the ones who make it work.`,
					"Put the system first: what allowed the change, and what would have stopped it (a review, a dry run, a guard on the command).")
				next = end
			}
		}
	}
}

// copulas stand between a subject and "at fault": "the engineer was partly
// at fault".
var copulas = map[string]bool{"is": true, "was": true, "are": true, "were": true, "be": true, "been": true,
	"being": true, "not": true, "partly": true, "partially": true, "entirely": true, "largely": true, "mostly": true,
	"solely": true, "also": true, "to": true}

// faultOnPerson reports whether a fault phrase at tokens i..end-1 lands on a
// person: its subject before it, its object after it, or a possessive name.
func faultOnPerson(c *Config, pr *prose, i, end int) bool {
	if strings.HasSuffix(pr.word(i), "'s") || strings.HasSuffix(pr.word(i), "’s") {
		name := strings.TrimSuffix(strings.TrimSuffix(pr.word(i), "'s"), "’s")
		return c.personWords[name] || pr.is(i, capitalized) && c.firstNames[name]
	}
	k := i - 1
	for k >= 0 && copulas[pr.word(k)] && !pr.is(k+1, sentenceStart) {
		k--
	}
	if k >= 0 && k < i-1 && !pr.is(k+1, sentenceStart) && isPerson(c, pr, k) && !gerundSubject(pr, k) {
		return true
	}
	return personAfter(c, pr, end, 3, false) >= 0
}

// completesCounterfactual reports whether the words after a phrase make it
// a counterfactual: after "should have" and its kin a past participle must
// follow, past adverbs ("should have immediately rolled back").
func (c *Config) completesCounterfactual(pr *prose, ph *phrase, end int) bool {
	last := ph.words[len(ph.words)-1]
	if last != "have" && !strings.HasSuffix(last, "'ve") && !strings.HasSuffix(last, "’ve") {
		return true
	}
	k := end
	for k < len(pr.tokens) && (adverbs[pr.word(k)] || strings.HasSuffix(pr.word(k), "ly")) && !pr.is(k, sentenceStart) {
		k++
	}
	if k >= len(pr.tokens) || pr.is(k, sentenceStart) {
		return false
	}
	w := pr.word(k)
	return c.participles[w] || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")
}

// adverbs may stand between a subject and its verb: "we probably should have".
var adverbs = map[string]bool{
	"also": true, "not": true, "never": true, "really": true, "simply": true, "probably": true, "clearly": true,
	"obviously": true, "definitely": true, "certainly": true, "still": true, "just": true, "only": true, "then": true,
	"easily": true, "reasonably": true, "possibly": true, "maybe": true, "perhaps": true, "actually": true,
	"arguably": true, "all": true, "both": true, "themselves": true, "ourselves": true, "himself": true, "herself": true,
}

// personBefore returns the token of the subject of the phrase at token i
// when it is a person: the word just before the phrase (past adverbs) is
// the subject's head, so "the engineer should have" is about a person and
// "the admin endpoint failed to" is not. It returns -1 otherwise.
func personBefore(c *Config, pr *prose, i int) int {
	k := i - 1
	for k >= 0 && adverbs[pr.word(k)] && !pr.is(k+1, sentenceStart|clauseStart) {
		k--
	}
	if k < 0 || pr.is(k+1, sentenceStart) || (k+1 < i && pr.is(k+1, clauseStart)) || pr.is(i, sentenceStart) {
		return -1
	}
	if !isPerson(c, pr, k) || gerundSubject(pr, k) || negatedSubject(pr, k) {
		return -1
	}
	return k
}

// gerundSubject reports a subject that is an action, not a person:
// "appointing an incident manager could have helped".
func gerundSubject(pr *prose, k int) bool {
	for j := k; j >= 0 && j >= k-5; j-- {
		if strings.HasSuffix(pr.word(j), "ing") {
			return true
		}
		if pr.is(j, sentenceStart|clauseStart) {
			return false
		}
	}
	return false
}

// personAfter returns the first person within n words from token i, in one
// sentence; individuals restricts it to people named or handled one by one
// and to roles, leaving out pronouns and teams.
func personAfter(c *Config, pr *prose, i, n int, individuals bool) int {
	for k := i; k < len(pr.tokens) && k < i+n; k++ {
		if k > i && pr.is(k, sentenceStart) {
			return -1
		}
		if individuals && isIndividual(c, pr, k) || !individuals && isPerson(c, pr, k) {
			return k
		}
	}
	return -1
}

// isPerson reports a pronoun for people, a role, a first name or a handle.
func isPerson(c *Config, pr *prose, k int) bool {
	w := pr.word(k)
	return c.personWords[w] && !c.softwareRole(pr, k) || isIndividual(c, pr, k) || (strings.HasPrefix(w, "@") && len(w) > 1)
}

// rolePronouns are person words that do not name one person or role.
var rolePronouns = map[string]bool{"i": true, "we": true, "you": true, "he": true, "she": true, "they": true, "me": true,
	"us": true, "him": true, "her": true, "them": true, "team": true, "teams": true, "someone": true, "somebody": true,
	"anyone": true, "anybody": true, "everyone": true, "everybody": true, "people": true, "human": true, "humans": true}

// isIndividual reports a capitalized first name, a person's @handle (not a
// team's) or a role such as "engineer".
func isIndividual(c *Config, pr *prose, k int) bool {
	w := strings.TrimSuffix(strings.TrimSuffix(pr.word(k), "'s"), "’s")
	if strings.HasPrefix(w, "@") {
		for _, t := range c.teamWords {
			if strings.Contains(w, t) {
				return false
			}
		}
		return len(w) > 1
	}
	if pr.is(k, capitalized) && c.firstNames[w] {
		return true
	}
	return c.personWords[w] && !rolePronouns[w] && !c.softwareRole(pr, k)
}
