package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kb-tools/kb/content"
)

// Recurrences finds the earlier postmortems most like a postmortem; kb's
// search index does, for kb lint --changed-from.
type Recurrences interface {
	// Similar returns up to n earlier postmortems most like the one at
	// path (KB-relative, slash-separated), best first. An error stops
	// the check; the Recurrences' owner tells the user why.
	Similar(path string, n int) ([]Recurrence, error)
}

// Recurrence is an earlier postmortem like another one.
type Recurrence struct {
	// Path is the earlier postmortem's KB-relative path.
	Path string
	// Similarity is how alike the two are, from 0 to 1.
	Similarity float64
}

// recurrencesShown is how many earlier postmortems a finding names.
const recurrencesShown = 3

func recurrenceRules() []*Rule {
	return []*Rule{
		{Name: "recurrence/similar", Severity: Info, Scope: PerKB, Run: runRecurrence,
			Doc: "A postmortem added or changed since --changed-from that is like earlier postmortems of the KB: one finding for each of the three most alike, by the search index's weighing of the postmortem's most distinctive words, with how many of their action items are still open. The reviewer sees a recurrence before it merges, and can ask what the earlier follow-ups left open."},
	}
}

func runRecurrence(p *Pass) {
	if p.recurrences == nil || p.changed == nil {
		return
	}
	byPath := make(map[string]*content.Doc, len(p.KB.Docs))
	for _, d := range p.KB.Docs {
		byPath[d.Path] = d
	}
	for _, d := range p.KB.Docs {
		if d.Kind != content.KindPostmortem || len(p.changed[d.Path]) == 0 {
			continue
		}
		found, err := p.recurrences.Similar(d.Path, recurrencesShown)
		if err != nil {
			return
		}
		pos := changedPos(d, p.changed)
		for _, r := range found {
			if earlier := byPath[r.Path]; earlier != nil {
				p.Report(pos, "like the earlier postmortem "+recurrenceText(earlier, r.Similarity),
					"If this is the same failure again, link the earlier postmortem and ask what its follow-ups left open.")
			}
		}
	}
}

// recurrenceText names an earlier postmortem: its path, title, date,
// similarity and open action items.
func recurrenceText(d *content.Doc, similarity float64) string {
	facts := []string{}
	if d.Date.Set {
		facts = append(facts, d.Date.Time.Format("2006-01-02"))
	}
	facts = append(facts, fmt.Sprintf("similarity %.2f", similarity))
	if n := len(d.Actions); n > 0 {
		open := 0
		for _, a := range d.Actions {
			if a.Open() {
				open++
			}
		}
		facts = append(facts, fmt.Sprintf("%d of %d action items open", open, n))
	}
	return fmt.Sprintf("%s (%q, %s)", d.Path, d.Title, strings.Join(facts, ", "))
}

// changedPos is where a recurrence finding on d goes: its title when the
// branch changed that line, else the first line it changed, so that the
// finding is on the branch's own lines.
func changedPos(d *content.Doc, changed ChangedLines) content.Pos {
	title := keyPos(d, "title")
	if changed.Contains(d.Path, title.Line) {
		return title
	}
	ranges := changed[d.Path]
	first := slices.MinFunc(ranges, func(a, b content.LineRange) int { return a.First - b.First }).First
	return content.Pos{File: d.Path, Line: max(first, 1), Col: 1}
}
