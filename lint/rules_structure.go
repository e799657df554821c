package lint

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/kb-tools/kb/content"
)

func structureRules() []*Rule {
	return []*Rule{
		{Name: "structure/required-section", Severity: Error, Scope: PerDoc, Run: runRequiredSections,
			Doc: "A postmortem needs Summary, Impact, Timeline, Root cause (or Contributing factors) and Action items (or Remediation, Follow-ups); a runbook needs the sections of its profile: Trigger, Checks, Actions, Decision points, Rollback, Validation, or Meaning, Impact, Diagnosis, Mitigation. Synonyms count."},
		{Name: "structure/runbook-length", Severity: Warning, Scope: PerDoc, Run: runRunbookLength,
			Doc: "A runbook longer than one printed page (lint.runbook_max_lines, default 80 lines of text): under stress nobody reads page two. Move background to a linked page."},
	}
}

// hasSection reports whether one of a document's headings, by the kinds
// each counts for, is a section of kind k.
func hasSection(headings []content.SectionSet, k content.SectionKind) bool {
	for _, s := range headings {
		if s.Has(k) {
			return true
		}
	}
	return false
}

// headingKinds returns the kinds each heading of d counts for, as content
// read them with the KB's vocabulary.
func headingKinds(d *content.Doc) []content.SectionSet {
	out := make([]content.SectionSet, len(d.Sections))
	for i, s := range d.Sections {
		out[i] = s.Kinds
	}
	return out
}

func runRequiredSections(p *Pass) {
	d := p.Doc
	if d.PlainBody {
		return // its body was not read: schema/frontmatter says why
	}
	vocab := p.Config.KB.Vocabulary()
	headings := headingKinds(d)
	var kinds []content.SectionKind
	profile := ""
	switch d.Kind {
	case content.KindPostmortem:
		kinds = vocab.Postmortem()
	case content.KindRunbook:
		profile, kinds = p.Config.runbookProfile(headings, vocab)
	default:
		return
	}
	what := string(d.Kind)
	if profile != "" {
		what = fmt.Sprintf("runbook (%s profile)", profile)
	}
	for _, k := range kinds {
		if hasSection(headings, k) {
			continue
		}
		if k == content.SectionActionItems && len(d.Actions) > 0 {
			continue // listed in the front matter
		}
		name := vocab.Name(k)
		p.Report(bodyPos(d), fmt.Sprintf("%s has no %q section", what, name),
			fmt.Sprintf("Add \"## %s\"%s.", name, synonymHint(vocab, k)))
	}
}

func synonymHint(vocab *content.Vocabulary, k content.SectionKind) string {
	if hs := vocab.Headings(k); len(hs) > 1 {
		return " (or one of: " + strings.Join(hs[1:min(5, len(hs))], ", ") + ")"
	}
	return ""
}

// runbookProfile returns the profile a runbook is held to: the configured
// one, or under "auto" the built-in profile it matches best (the first on
// a tie).
func (c *Config) runbookProfile(headings []content.SectionSet, vocab *content.Vocabulary) (string, []content.SectionKind) {
	if c.RunbookProfile != "auto" {
		return c.RunbookProfile, vocab.RunbookProfile(c.RunbookProfile)
	}
	best, bestScore := "", -1.0
	for _, name := range vocab.RunbookProfiles() {
		kinds := vocab.RunbookProfile(name)
		n := 0
		for _, k := range kinds {
			if hasSection(headings, k) {
				n++
			}
		}
		if score := float64(n) / float64(len(kinds)); score > bestScore {
			best, bestScore = name, score
		}
	}
	return best, vocab.RunbookProfile(best)
}

func runRunbookLength(p *Pass) {
	d := p.Doc
	if d.Kind != content.KindRunbook || d.Source == nil {
		return
	}
	lines := textLines(d.Body())
	if lines > p.Config.RunbookMaxLines {
		p.Report(bodyPos(d), fmt.Sprintf("runbook has %d lines of text, more than fit on one printed page (%d)", lines, p.Config.RunbookMaxLines),
			"Keep the steps; move background, history and long output to a linked page.")
	}
}

// textLines counts the lines of b that hold more than white space. It
// finds the line ends with bytes.IndexByte and looks at each line only up
// to its first character that is not blank, most often the first.
func textLines(b []byte) int {
	n := 0
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if hasText(line) {
			n++
		}
	}
	return n
}

// hasText reports a byte other than a space, a tab or a carriage return.
func hasText(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return true
		}
	}
	return false
}
