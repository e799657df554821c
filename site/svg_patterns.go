package site

import (
	"fmt"
	"strings"
)

// Severities are told apart by more than colour: the first is a plain
// fill, the next ones are hatched, dotted and cross-hatched in their
// colour, so that SEV1 and SEV2 differ for a reader who cannot tell red
// from orange, and in print.

// severityLooksKept is how many severities have a look of their own.
const severityLooksKept = 4

// severityMarks returns the marks drawn over the colour of the i-th
// severity on an 8 by 8 tile: none for the first, then hatching, a dot
// and a cross.
func severityMarks(i int) string {
	switch i {
	case 1:
		return `<path class="mark" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"/>`
	case 2:
		return `<circle class="dot" cx="4" cy="4" r="1.6"/>`
	case 3:
		return `<path class="mark" d="M0,4 h8 M4,0 v8"/>`
	}
	return ""
}

// severityLooks returns the patterns a chart of severities defines, with
// ids that begin with prefix (unique on its page), and the swatch of each
// severity, by its place in kb.yaml's order; the fifth and later look
// like the fourth.
func severityLooks(prefix string) (defs string, look func(int) swatch) {
	var b strings.Builder
	b.WriteString("<defs>")
	for i := 1; i < severityLooksKept; i++ {
		marks := severityMarks(i)
		fmt.Fprintf(&b, `<pattern id="%s%d" width="8" height="8" patternUnits="userSpaceOnUse"><rect class="k%d" width="8" height="8"/>%s</pattern>`,
			prefix, i, i, marks)
	}
	b.WriteString("</defs>")
	return b.String(), func(i int) swatch {
		i = min(i, severityLooksKept-1)
		s := swatch{class: fmt.Sprintf("k%d", i)}
		if i > 0 {
			s.pattern = fmt.Sprintf("%s%d", prefix, i)
		}
		return s
	}
}

// freshnessLook gives each runbook freshness state its own colour: fresh,
// review due, stale and never drilled, in that order.
func freshnessLook(i int) swatch {
	return swatch{class: []string{"f-fresh", "f-due", "f-stale", "f-never"}[min(i, 3)]}
}
