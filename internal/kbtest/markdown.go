package kbtest

import (
	"bytes"
	"fmt"
	"strings"
)

// MarkdownCase is a shape of markdown body that once cost kb time or memory
// out of proportion to its size: a fuzzer's or a hostile pull request's
// input. Body makes it at scale n (repeats, rows, depth: what N counts).
type MarkdownCase struct {
	Name string
	// Body returns the markdown at scale n.
	Body func(n int) []byte
	// Reported is the scale at which the case was measured in issue 12,
	// 0 for the cases added since.
	Reported int
	// Test is a scale of a few hundred KB, for tests and benchmarks: large
	// enough that superlinear work stands out, small enough to be quick.
	Test int
}

// MarkdownCases returns the pathological bodies kb must read and render
// in about linear time and memory.
func MarkdownCases() []MarkdownCase {
	return []MarkdownCase{
		{"same-headings", sameHeadings, 20000, 12500},
		{"brackets", func(n int) []byte { return append(repeat("[", n), repeat("]", n)...) }, 100000, 100000},
		{"underscore-a-star", func(n int) []byte { return repeat("_a*", n) }, 100000, 66000},
		{"quote-markers", func(n int) []byte { return append(repeat("> ", n), "a\n"...) }, 400000, 100000},
		{"reference-links", referenceLinks, 100000, 5000},
		{"nested-list", nestedList, 5000, 900},
		{"stars", func(n int) []byte { return repeat("*", n) }, 100000, 200000},
		{"backticks", func(n int) []byte { return repeat("`", n) }, 100000, 200000},
		{"less-than", func(n int) []byte { return repeat("<", n) }, 100000, 200000},
		{"open-links", func(n int) []byte { return repeat("[a](", n) }, 50000, 50000},
		{"open-images", func(n int) []byte { return repeat("![", n) }, 100000, 100000},
		{"table-columns", tableColumns, 10000, 10000},
		{"table-rows", tableRows, 50000, 13000},
		{"long-line", longLine, 5 << 20, 200000},
		{"list-markers", func(n int) []byte { return append(repeat("- ", n), "a\n"...) }, 5000, 100000},
		// Shapes just inside the bounds kb sets (content/guard.go), repeated:
		// the most costly markdown that is still rendered as such.
		{"near-bound-emphasis", paragraphs(strings.Repeat("_a*", 150)), 0, 450},
		{"near-bound-brackets", paragraphs(strings.Repeat("[", 32) + "a" + strings.Repeat("]", 32)), 0, 3000},
		{"near-bound-quotes", paragraphs(strings.Repeat("> ", 32) + "a"), 0, 3000},
		{"near-bound-lists", paragraphs(string(nestedList(32))), 0, 200},
		{"near-bound-code-spans", paragraphs(unclosedCodeSpans(24) + strings.Repeat(" word", 200)), 0, 150},
		{"near-bound-labels", paragraphs(strings.Repeat("[INFO] started\n", 500)), 0, 30},
		{"near-bound-destinations", paragraphs(strings.Repeat("[a](", 20) + strings.Repeat("x", 2000)), 0, 100},
	}
}

// paragraphs returns a body of n copies of the paragraph p.
func paragraphs(p string) func(n int) []byte {
	return func(n int) []byte { return repeat(strings.TrimSuffix(p, "\n")+"\n\n", n) }
}

// unclosedCodeSpans is n backtick runs of lengths 1 to n, none closed.
func unclosedCodeSpans(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strings.Repeat("`", i) + "a")
	}
	return b.String()
}

// MarkdownCaseNamed returns the case of that name, or false.
func MarkdownCaseNamed(name string) (MarkdownCase, bool) {
	for _, c := range MarkdownCases() {
		if c.Name == name {
			return c, true
		}
	}
	return MarkdownCase{}, false
}

func repeat(s string, n int) []byte { return []byte(strings.Repeat(s, n)) }

// sameHeadings is n headings with one text, each followed by a line.
func sameHeadings(n int) []byte {
	return repeat("## Step\n\nDone.\n\n", n)
}

// referenceLinks is n link reference definitions and a use of each.
func referenceLinks(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "See [ref %d].\n", i)
	}
	b.WriteByte('\n')
	for i := range n {
		fmt.Fprintf(&b, "[ref %d]: /p/%d\n", i, i)
	}
	return b.Bytes()
}

// nestedList is a bullet list nested n deep, each item indented two
// columns under the one before, with tabs for each four. Its size grows
// with the square of n.
func nestedList(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		b.WriteString(strings.Repeat("\t", i/2))
		b.WriteString(strings.Repeat("  ", i%2))
		b.WriteString("- a\n")
	}
	return b.Bytes()
}

// tableColumns is a table of n columns and a few rows.
func tableColumns(n int) []byte {
	var b bytes.Buffer
	b.Write(repeat("| h ", n))
	b.WriteString("|\n")
	b.Write(repeat("|---", n))
	b.WriteString("|\n")
	for range 3 {
		b.Write(repeat("| c ", n))
		b.WriteString("|\n")
	}
	return b.Bytes()
}

// tableRows is a table of two columns and n rows.
func tableRows(n int) []byte {
	var b bytes.Buffer
	b.WriteString("| when | what |\n|------|------|\n")
	for i := range n {
		fmt.Fprintf(&b, "| %d | row |\n", i)
	}
	return b.Bytes()
}

// longLine is one line of words, n bytes long.
func longLine(n int) []byte {
	b := repeat("word ", n/5+1)
	return append(b[:n], '\n')
}

// PlainProse returns paragraphs of ordinary prose, size bytes long: the
// yardstick a pathological body of the same size is measured against.
func PlainProse(size int) []byte {
	const sentence = "The cache expired and the origin took the load for a while. "
	var b bytes.Buffer
	for b.Len() < size {
		for i := 0; i < 4 && b.Len() < size; i++ {
			b.WriteString(sentence)
			b.WriteString(sentence)
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	out := b.Bytes()[:size]
	out[size-1] = '\n'
	return out
}

// Postmortem wraps a body in the front matter of a postmortem.
func Postmortem(body []byte) []byte {
	return append([]byte("---\ntitle: Case\ndate: 2026-01-15\nseverity: SEV3\n---\n"), body...)
}
