package content

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

var headingID = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

// TestAnchorsAgreeWithRenderer checks that the anchors kb gives headings
// are the ids the renderer writes, repeats and clashes with a suffix
// included.
func TestAnchorsAgreeWithRenderer(t *testing.T) {
	tests := []struct {
		name     string
		headings []string
		want     []string
	}{
		{"repeats", []string{"a", "a", "a"}, []string{"a", "a-1", "a-2"}},
		{"a suffix taken first", []string{"a-1", "a", "a", "a"}, []string{"a-1", "a", "a-2", "a-3"}},
		{"a repeat of a suffixed one", []string{"a", "a", "a-1", "a"}, []string{"a", "a-1", "a-1-1", "a-2"}},
		{"no letters", []string{"!", "?"}, []string{"heading", "heading-1"}},
	}
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body strings.Builder
			for _, h := range tt.headings {
				body.WriteString("## " + h + "\n\n")
			}
			d, _ := p.Parse("postmortems/x.md", kbtest.Postmortem([]byte(body.String())))
			var got []string
			for _, s := range d.Sections {
				got = append(got, s.Anchor)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("anchors %q, want %q", got, tt.want)
			}
			var html bytes.Buffer
			if err := NewMarkdown(false).Convert(d.Body(), &html); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range headingID.FindAllStringSubmatch(html.String(), -1) {
				ids = append(ids, m[1])
			}
			if strings.Join(ids, " ") != strings.Join(got, " ") {
				t.Errorf("renderer ids %q, kb anchors %q", ids, got)
			}
		})
	}
}

// TestManySameHeadings checks the anchors of 20,000 headings of one text.
func TestManySameHeadings(t *testing.T) {
	cfg := DefaultConfig()
	d, _ := NewParser(&cfg).Parse("postmortems/x.md", kbtest.Postmortem(bytes.Repeat([]byte("## Step\n\n"), 20000)))
	if len(d.Sections) != 20000 {
		t.Fatalf("%d sections", len(d.Sections))
	}
	for i, s := range d.Sections {
		want := "step"
		if i > 0 {
			want += "-" + itoa(i)
		}
		if s.Anchor != want {
			t.Fatalf("section %d: anchor %q, want %q", i, s.Anchor, want)
		}
	}
}
