package mdscan

import (
	"fmt"
	"testing"
)

// TestLinkStop checks that a Link event's Stop is the offset just after
// the whole link: an inline link's ")", a reference link's last "]", an
// autolink's ">", and an image nested in a link's text.
func TestLinkStop(t *testing.T) {
	tests := []struct {
		src   string
		links []string // the source from each link's Offset to its Stop, in event order
	}{
		{"See [the runbook](runbooks/db.md \"DB (primary)\") first.\n", []string{`the runbook](runbooks/db.md "DB (primary)")`}},
		{"Read [the guide][g] and [g].\n\n[g]: https://example.com/g\n", []string{"the guide][g]", "g]"}},
		{"Mail <ops@example.com> or open <https://example.com/x>.\n", []string{"<ops@example.com>", "<https://example.com/x>"}},
		{"[![build](badge.svg)](https://ci.example.com)\n", []string{"![build](badge.svg)](https://ci.example.com)", "build](badge.svg)"}},
		{"An image ![chart](img/chart.png) and `[not](a link)`.\n", []string{"chart](img/chart.png)"}},
	}
	for _, tt := range tests {
		var got []string
		src := []byte(tt.src)
		Scan(src, func(e *Event) {
			if e.Kind == Link {
				got = append(got, string(src[e.Offset:e.Stop]))
			}
		})
		if len(got) != len(tt.links) {
			t.Errorf("%q: links %q, want %q", tt.src, got, tt.links)
			continue
		}
		for i := range got {
			if got[i] != tt.links[i] {
				t.Errorf("%q: link %d spans %q, want %q", tt.src, i, got[i], tt.links[i])
			}
		}
	}
}

// TestCodeSpansWithoutLinks checks that the code spans of a paragraph
// without link syntax, read by the faster path, are those read with the
// links of the same paragraph with a link appended.
func TestCodeSpansWithoutLinks(t *testing.T) {
	for _, src := range []string{
		"Run `kubectl get pods` and `oc logs`.",
		"A ``span with ` inside`` and `one`.",
		"Escaped \\`not a span` but `this is`.",
		"Two backslashes \\\\`open` then text.",
		"\\``x`` is a literal backtick then a span of two? `y`",
		"Unclosed ` run, then ``two`` and ```three```.",
		"`wraps\nonto the next line` and `stays`.",
		"``` ``` and `` ` `` edge runs.",
		"no spans at all",
	} {
		plain := codeSpanTexts(src)
		withLink := codeSpanTexts(src + " [x](y)")
		if len(plain) != len(withLink) {
			t.Errorf("%q: spans %q, with a link %q", src, plain, withLink)
			continue
		}
		for i := range plain {
			if plain[i] != withLink[i] {
				t.Errorf("%q: span %d is %q, with a link %q", src, i, plain[i], withLink[i])
			}
		}
	}
}

func codeSpanTexts(src string) []string {
	var out []string
	b := []byte(src + "\n")
	Scan(b, func(e *Event) {
		if e.Kind == CodeSpan {
			out = append(out, fmt.Sprintf("%d:%d %q", e.Line, e.Col, e.Text.Value(b)))
		}
	}, CodeSpans())
	return out
}
