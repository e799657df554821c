package content

import (
	"slices"

	"github.com/kb-tools/kb/content/mdscan"
)

// markupOfLink records the part of a link that is not prose: after its
// text, the destination or reference label; all of an autolink.
func (s *blockScanner) markupOfLink(e *mdscan.Event) {
	start := e.Text.Stop
	if e.Autolink {
		start = e.Offset
	}
	if e.Stop > start {
		s.doc.Markup = append(s.doc.Markup, ByteRange{Start: s.base + start, Stop: s.base + e.Stop})
	}
}

// markupOfCodeSpan records a code span with its backtick runs.
func (s *blockScanner) markupOfCodeSpan(e *mdscan.Event) {
	start, stop := s.base+e.Text.Start, s.base+e.Text.Stop
	for start > 0 && s.src[start-1] == '`' {
		start--
	}
	for stop < len(s.src) && s.src[stop] == '`' {
		stop++
	}
	s.doc.Markup = append(s.doc.Markup, ByteRange{Start: start, Stop: stop})
}

// sortMarkup puts the ranges in source order: an image inside a link's
// text is reported after the link.
func sortMarkup(r []ByteRange) {
	if !slices.IsSortedFunc(r, compareRanges) {
		slices.SortFunc(r, compareRanges)
	}
}

func compareRanges(a, b ByteRange) int { return a.Start - b.Start }
