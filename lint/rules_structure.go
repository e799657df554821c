package lint

import (
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

// sectionMatches reports whether the document has a heading for spec.
func sectionMatches(titles map[string]bool, spec sectionSpec) bool {
	for _, s := range spec.Synonyms {
		if titles[s] {
			return true
		}
	}
	return false
}

func headingSet(d *content.Doc) map[string]bool {
	titles := make(map[string]bool, len(d.Sections))
	for _, s := range d.Sections {
		titles[content.NormalizeHeading(s.Title)] = true
	}
	return titles
}

func runRequiredSections(p *Pass) {
	d := p.Doc
	if d.PlainBody {
		return // its body was not read: schema/frontmatter says why
	}
	titles := headingSet(d)
	var specs []sectionSpec
	profile := ""
	switch d.Kind {
	case content.KindPostmortem:
		specs = p.Config.postmortemSections
	case content.KindRunbook:
		profile, specs = p.Config.runbookProfile(titles)
	default:
		return
	}
	var missing []string
	for _, spec := range specs {
		if sectionMatches(titles, spec) {
			continue
		}
		if spec.Name == "Action items" && len(d.Actions) > 0 {
			continue // listed in the front matter
		}
		missing = append(missing, spec.Name)
	}
	if len(missing) == 0 {
		return
	}
	what := string(d.Kind)
	if profile != "" {
		what = fmt.Sprintf("runbook (%s profile)", profile)
	}
	for _, m := range missing {
		p.Report(bodyPos(d), fmt.Sprintf("%s has no %q section", what, m),
			fmt.Sprintf("Add \"## %s\"%s.", m, synonymHint(specs, m)))
	}
}

func synonymHint(specs []sectionSpec, name string) string {
	for _, s := range specs {
		if s.Name == name && len(s.Synonyms) > 1 {
			return " (or one of: " + strings.Join(s.Synonyms[1:min(5, len(s.Synonyms))], ", ") + ")"
		}
	}
	return ""
}

// runbookProfile returns the profile a runbook is held to: the configured
// one, or under "auto" the built-in profile it matches best (default on a
// tie).
func (c *Config) runbookProfile(titles map[string]bool) (string, []sectionSpec) {
	if c.RunbookProfile != "auto" {
		return c.RunbookProfile, c.runbookProfiles[c.RunbookProfile]
	}
	best, bestScore := "default", -1.0
	for _, name := range []string{"default", "prometheus"} {
		specs := c.runbookProfiles[name]
		n := 0
		for _, s := range specs {
			if sectionMatches(titles, s) {
				n++
			}
		}
		if score := float64(n) / float64(len(specs)); score > bestScore {
			best, bestScore = name, score
		}
	}
	return best, c.runbookProfiles[best]
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

// textLines counts the lines of b that hold more than white space.
func textLines(b []byte) int {
	n, text := 0, false
	for _, c := range b {
		switch c {
		case '\n':
			if text {
				n++
			}
			text = false
		case ' ', '\t', '\r':
		default:
			text = true
		}
	}
	if text {
		n++
	}
	return n
}
