package lint

import (
	"fmt"

	"github.com/kb-tools/kb/content"
)

// What one finding holds, and how many findings one line gives, are
// bounded so that lint's work and output grow with the input, whatever it
// holds: a finding keeps a short excerpt of its line (content.CutLine),
// never a copy of it, a message quotes at most messageBytes, and after
// findingsPerLine findings of one rule on one line a single finding stands
// for the rest. A pasted log line of 20,000 private addresses is twelve
// findings, not 20,000 copies of the line.

// findingsPerLine is how many findings of one rule one line lists.
const findingsPerLine = 10

// messageBytes bounds the message and the suggestion of a finding.
const messageBytes = 400

// lineCaps counts the findings of each rule on each line and keeps the
// first findingsPerLine of them, then one more that stands for the rest.
type lineCaps struct {
	seen map[capKey]int
	// rest are the findings that stand for the rest, by their index in
	// the list they were kept in.
	rest map[capKey]*restFinding
}

type capKey struct {
	file, rule string
	line       int
}

type restFinding struct {
	at       int // index in the kept findings
	count    int
	severity Severity
}

func newLineCaps() *lineCaps {
	return &lineCaps{seen: map[capKey]int{}, rest: map[capKey]*restFinding{}}
}

// admit reports whether d is to be kept, as the findingsPerLine+1th of its
// rule on its line or before; kept says how many findings are kept so far,
// the index d will have.
func (c *lineCaps) admit(d Diagnostic, kept int) bool {
	if d.Pos.Line <= 0 {
		return true
	}
	k := capKey{d.Pos.File, d.Rule, d.Pos.Line}
	c.seen[k]++
	switch n := c.seen[k]; {
	case n <= findingsPerLine:
		return true
	case n == findingsPerLine+1:
		c.rest[k] = &restFinding{at: kept, count: 1, severity: d.Severity}
		return true
	default:
		r := c.rest[k]
		r.count++
		r.severity = min(r.severity, d.Severity) // the most severe
		return false
	}
}

// summarize turns the findings that stand for the rest into what they say.
func (c *lineCaps) summarize(kept []Diagnostic) {
	for k, r := range c.rest {
		if r.count == 1 {
			continue // only one past the limit: it is itself
		}
		d := &kept[r.at]
		d.Severity = r.severity
		d.Message = fmt.Sprintf("%d more findings of %s on this line, from here on: the first is %q (kb lists %d findings of a rule on one line, then one for the rest)",
			r.count, k.rule, content.CutText(d.Message, 120, "…"), findingsPerLine)
		d.Suggestion = ""
	}
}

// bound limits what one finding holds.
func bound(d Diagnostic) Diagnostic {
	d.Message, d.Suggestion = content.CutText(d.Message, messageBytes, "…"), content.CutText(d.Suggestion, messageBytes, "…")
	return d
}

// excerptAt returns the excerpt of the line at pos from an index.
func excerptAt(x *content.LineIndex, pos content.Pos) content.Excerpt {
	line, ok := x.Line(pos.Line)
	if !ok {
		return content.Excerpt{}
	}
	return content.CutLine(line, pos.Col)
}
