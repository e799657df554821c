package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/ansi"
)

// textWriter writes the text output, styled or plain.
type textWriter struct {
	w      io.Writer
	colour bool
	err    error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// style wraps s in an ANSI style when colour is on.
func (t *textWriter) style(code, s string) string { return ansi.Style(t.colour, code, s) }

func writeSearchText(w io.Writer, res index.Result, colour bool) error {
	t := &textWriter{w: w, colour: colour}
	if res.Fuzzy {
		t.printf("%s\n\n", fuzzyNote(res))
	}
	if res.Total == 0 {
		t.printf("No documents match.\n")
		return t.err
	}
	for i, h := range res.Hits {
		t.printf("%2d. %s\n", i+1, t.style(ansi.Bold, index.Printable(h.Title)))
		t.printf("    %s\n", t.style(ansi.Dim, hitMeta(h)))
		if h.Snippet != "" {
			t.printf("    %s\n", t.marked(h.Snippet, h.Marks))
		}
		t.printf("\n")
	}
	t.printf("%d %s match", res.Total, plural(res.Total, "document", "documents"))
	if len(res.Hits) < res.Total {
		t.printf("; the best %d are shown (-n for more)", len(res.Hits))
	}
	t.printf(".\n")
	for _, f := range index.ResultFacets() {
		if line := facetLine(res.Facets[f]); line != "" {
			t.printf("  %-9s %s\n", f, line)
		}
	}
	return t.err
}

// fuzzyNote says that typo tolerance found the hits.
func fuzzyNote(res index.Result) string {
	if len(res.Corrections) == 0 {
		return "Few exact matches: showing matches within a typo or two of the words."
	}
	var parts []string
	for _, c := range res.Corrections {
		parts = append(parts, index.Printable(c.From)+" → "+index.Printable(c.To))
	}
	return "No exact match for some words: showing close matches (" + strings.Join(parts, ", ") + ")."
}

// hitMeta is the line of a hit's kind, date, severity and URL.
func hitMeta(h index.Hit) string {
	parts := []string{h.Kind}
	if !h.Date.IsZero() {
		parts = append(parts, h.Date.Format("2006-01-02"))
	}
	if h.Severity != "" {
		parts = append(parts, h.Severity)
	}
	parts = append(parts, h.URL)
	return index.Printable(strings.Join(parts, " · "))
}

// marked returns the snippet with its marks styled.
func (t *textWriter) marked(s string, marks []index.Mark) string {
	if !t.colour {
		return s
	}
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(s) || m.Start >= m.End {
			continue
		}
		b.WriteString(s[at:m.Start])
		b.WriteString(t.style(ansi.BoldYellow, s[m.Start:m.End]))
		at = m.End
	}
	b.WriteString(s[at:])
	return b.String()
}

// maxFacetValues is how many values of a facet the text output lists.
const maxFacetValues = 8

// facetLine lists a facet's values, most frequent first.
func facetLine(counts map[string]int) string {
	type vc struct {
		v string
		n int
	}
	var all []vc
	for v, n := range counts {
		all = append(all, vc{v, n})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].v < all[j].v
	})
	var parts []string
	for i, x := range all {
		if i == maxFacetValues {
			parts = append(parts, fmt.Sprintf("and %d more", len(all)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", index.Printable(x.v), x.n))
	}
	return strings.Join(parts, ", ")
}
