package content

import "testing"

// TestMarkupRanges checks the inline markup ranges a document's body
// yields: code spans with their backticks (also when they wrap), the part
// of links after their text, autolinks whole, images inside links' text,
// in source order, and nothing from code blocks.
func TestMarkupRanges(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{"Run `kubectl get pods` first.\n", []string{"`kubectl get pods`"}},
		{"The log said ``a `b` c`` twice.\n", []string{"``a `b` c``"}},
		{"It logged `mapper error\nat fault` and stopped.\n", []string{"`mapper error\nat fault`"}},
		{"See [the guide](https://example.com/g \"Guide\") and <https://example.com/x>.\n", []string{`](https://example.com/g "Guide")`, "<https://example.com/x>"}},
		{"Read [the notes][n].\n\n[n]: https://example.com/n\n", []string{"][n]"}},
		{"[![build](badge.svg)](https://ci.example.com)\n", []string{"](badge.svg)", "](https://ci.example.com)"}},
		{"```\n`not a span` [nor](a link)\n```\n", nil},
	}
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	for _, tt := range tests {
		src := "---\ntitle: Markup\n---\n" + tt.body
		d, err := p.Parse("postmortems/markup.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range d.Markup {
			got = append(got, src[r.Start:r.Stop])
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: markup %q, want %q", tt.body, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: markup %d is %q, want %q", tt.body, i, got[i], tt.want[i])
			}
		}
	}
}
