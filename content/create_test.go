package content

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestYAMLQuoteRoundTrips(t *testing.T) {
	for _, s := range []string{
		"", "plain", "Checkout: latency spike!", "{{ template }}", "a {{ b }}", "# hash", "- dash", "* star", "& amp", "! bang",
		`"quoted"`, `back\slash`, "it's", "line\nbreak", "tab\t", "cr\r", "\x00nul", "\x01\x1b\x7f", "\u0085\u2028\u2029",
		"\ufeff\ufffe\uffff", "\u00a0", "事故", "🔥", "  spaces  ", "null", "~", "123", "yes", "[a, b]", "{a: b}", "%x", "@x", "`x`",
	} {
		q := yamlQuote(s)
		var got string
		if err := yaml.Unmarshal([]byte("title: "+q+"\n"), &struct{ Title *string }{&got}); err != nil {
			t.Errorf("yamlQuote(%q) = %s: %v", s, q, err)
			continue
		}
		if got != s || strings.ContainsAny(q, "\n\r") || strings.HasPrefix(q, `"{`) {
			t.Errorf("yamlQuote(%q) = %s reads back as %q", s, q, got)
		}
	}
}

func TestFileStem(t *testing.T) {
	words := strings.Repeat("word ", 100)
	tests := []struct{ prefix, title, want string }{
		{"", "Disk full", "disk-full"},
		{"2026-03-14-", "Checkout: latency spike!", "2026-03-14-checkout-latency-spike"},
		{"2026-03-14-", "事故", "2026-03-14-事故"},
		{"", words, strings.TrimSuffix(strings.Repeat("word-", 20), "-")},
		{"2026-03-14-", words, "2026-03-14-" + strings.TrimSuffix(strings.Repeat("word-", 18), "-")},
		{"", strings.Repeat("a", 300), strings.Repeat("a", MaxSegmentBytes)},
		{"", strings.Repeat("事", 300), strings.Repeat("事", MaxSegmentBytes/3)},
		{"", "x " + strings.Repeat("a", 300), "x-" + strings.Repeat("a", MaxSegmentBytes-2)},
	}
	for _, tt := range tests {
		got := fileStem(tt.prefix, tt.title)
		if got != tt.want {
			t.Errorf("fileStem(%q, %.20q…) = %q, want %q", tt.prefix, tt.title, got, tt.want)
		}
		if Slug(got) != got {
			t.Errorf("fileStem %q is not its own slug %q: the id would differ from the file name", got, Slug(got))
		}
	}
}
