package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// messyRand returns the RNG stream that decides whether document i is
// messy and how: a stream of its own, so that -messy 0 writes the same
// bytes as a kbgen without the flag.
func messyRand(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x6d657373, uint64(i)))
}

// Front-matter keys a messy postmortem may leave out, each with even odds
// of one in three.
var droppableKeys = []string{"severity", "services", "authors", "incident_commander", "detected", "mitigated", "resolved", "contributing_factors"}

// blameSentences are what a first draft says of people, for blameless
// lint to find.
var blameSentences = []string{
	"The on-call engineer should have noticed the alert sooner.",
	"This was human error by the engineer who ran the deploy.",
	"The engineer failed to check the dashboard before the rollout.",
	"Someone carelessly ran the migration against production.",
	"The reviewer overlooked the missing limit in the change.",
	"Had the operator read the runbook, the outage would have been shorter.",
}

// vagueActions are follow-ups as they are first written down.
var vagueActions = []string{"Improve monitoring", "Be more careful with deploys", "Look into the retry settings",
	"Investigate the root cause further", "Add more alerts", "Review the process"}

// messUp rewrites a rendered postmortem as teams often write them: some
// front-matter fields left out, the action items moved from wherever they
// were into lists under sub-headings, most without an owner or a due
// date, one owner written as "Owner: @team" on the next line, vague items
// among them, and blame in the summary.
func messUp(doc []byte, r *rand.Rand) []byte {
	fm, body, ok := cutFrontMatter(string(doc))
	if !ok {
		return doc
	}
	fm, fmActions := dropFrontMatter(fm, r)
	body = blameSummary(body, r)
	head, section, tail := cutSection(body, "## Action items\n")
	whats := append(fmActions, actionsIn(section)...)
	var b strings.Builder
	b.WriteString("---\n" + fm + "---\n" + head)
	b.WriteString(messyActions(whats, r))
	b.WriteString(tail)
	out := []byte(b.String())
	trimmed := bytes.TrimRight(out, "\n")
	return append(trimmed, '\n')
}

// cutFrontMatter splits a document into its front matter (without the
// fences) and its body.
func cutFrontMatter(doc string) (fm, body string, ok bool) {
	rest, found := strings.CutPrefix(doc, "---\n")
	if !found {
		return "", "", false
	}
	end := strings.Index(rest, "\n---\n")
	if end < 0 {
		return "", "", false
	}
	return rest[:end+1], rest[end+5:], true
}

// dropFrontMatter leaves some keys out of fm and takes its actions: list
// away, returning the items' texts.
func dropFrontMatter(fm string, r *rand.Rand) (string, []string) {
	var kept []string
	var whats []string
	inActions := false
	for _, line := range strings.SplitAfter(fm, "\n") {
		if line == "" {
			continue
		}
		if inActions && strings.HasPrefix(line, " ") {
			if what, ok := strings.CutPrefix(strings.TrimSpace(line), "- what: "); ok {
				whats = append(whats, strings.Trim(what, `"`))
			}
			continue
		}
		inActions = line == "actions:\n"
		key, _, _ := strings.Cut(line, ":")
		if inActions || (contains(droppableKeys, key) && r.IntN(3) == 0) {
			continue
		}
		kept = append(kept, line)
	}
	return strings.Join(kept, ""), whats
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// blameSummary adds one or two blaming sentences after the summary's
// first paragraph.
func blameSummary(body string, r *rand.Rand) string {
	i := strings.Index(body, "## Summary\n\n")
	if i < 0 {
		return body
	}
	start := i + len("## Summary\n\n")
	end := strings.Index(body[start:], "\n\n")
	if end < 0 {
		return body
	}
	at := start + end
	s := " " + pick(r, blameSentences)
	if r.IntN(2) == 0 {
		s += " " + pick(r, blameSentences)
	}
	return body[:at] + s + body[at:]
}

// cutSection splits body around the section that starts with heading:
// before it, the section (heading included) and after it.
func cutSection(body, heading string) (head, section, tail string) {
	i := strings.Index(body, heading)
	if i < 0 {
		return body, "", ""
	}
	rest := body[i+len(heading):]
	end := strings.Index(rest, "\n## ")
	if end < 0 {
		return body[:i], body[i:], ""
	}
	return body[:i], body[i : i+len(heading)+end+1], rest[end+1:]
}

// actionsIn returns the texts of the action items of a rendered section:
// rows of a table, or task-list items.
func actionsIn(section string) []string {
	var whats []string
	for _, line := range strings.Split(section, "\n") {
		switch {
		case strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Action "):
			cells := strings.Split(line, " | ")
			what, _, _ := strings.Cut(strings.TrimPrefix(cells[0], "| "), " ([")
			whats = append(whats, what)
		case strings.HasPrefix(line, "- ["):
			what, _, _ := strings.Cut(line[6:], " — ")
			whats = append(whats, what)
		}
	}
	return whats
}

// messyActions writes the action items under "Short term" and "Long
// term" sub-headings: a few with an owner (in parentheses, or on the
// next line as "Owner: @team"), fewer with a due date, and a vague one
// or two among them.
func messyActions(whats []string, r *rand.Rand) string {
	for range 1 + r.IntN(2) {
		whats = append(whats, pick(r, vagueActions))
	}
	var b strings.Builder
	b.WriteString("## Action items\n\n### Short term\n\n")
	split := (len(whats) + 1) / 2
	for k, what := range whats {
		if k == split {
			b.WriteString("\n### Long term\n\n")
		}
		team := pick(r, teams)
		switch weighted(r, 55, 20, 15, 10) {
		case 0:
			fmt.Fprintf(&b, "- %s\n", what)
		case 1:
			fmt.Fprintf(&b, "- %s (owner: %s)\n", what, team)
		case 2:
			fmt.Fprintf(&b, "- %s\n  Owner: @%s\n", what, team)
		default:
			fmt.Fprintf(&b, "- [ ] %s — owner: %s, due: next sprint\n", what, team)
		}
	}
	b.WriteString("\n")
	return b.String()
}
