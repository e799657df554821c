package content

import (
	"bytes"
	"strings"
	"testing"
)

// TestLinkPositionsInLongRuns checks the positions of many links in one
// paragraph and on one long line, counted on from link to link, against
// the line index of the whole file.
func TestLinkPositionsInLongRuns(t *testing.T) {
	tests := []struct {
		name, body string
		links      int
	}{
		{"one paragraph", strings.Repeat("é [a](x1) and <https://e.example/> [b](x2)\n", 300), 900},
		{"one line", strings.Repeat("é [a](x1) and <https://e.example/> [b](x2) ", 300) + "\n", 900},
		{"quoted", strings.Repeat("> ü [a](x1) ![i](x2)\n", 300), 600},
	}
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("---\ntitle: T\n---\n" + tt.body)
			d, _ := p.Parse("postmortems/x.md", src)
			if len(d.Links) != tt.links {
				t.Fatalf("%d links, want %d", len(d.Links), tt.links)
			}
			x := NewLineIndex(src)
			from := 0
			for i, l := range d.Links {
				// The link's position is that of its text, or of the "<".
				mark := map[string]string{"x1": "[a]", "x2": "[b]", "https://e.example/": "<https"}[l.Dest]
				if l.Image {
					mark = "[i]"
				}
				k := bytes.Index(src[from:], []byte(mark))
				if k < 0 {
					t.Fatalf("link %d %+v: no %q after offset %d", i, l, mark, from)
				}
				off := from + k
				if mark[0] == '[' {
					off++
				}
				line, col := x.Pos(off)
				if l.Pos.Line != line || l.Pos.Col != col {
					t.Fatalf("link %d (%s) at %d:%d, want %d:%d", i, l.Dest, l.Pos.Line, l.Pos.Col, line, col)
				}
				from = off + 1
			}
		})
	}
}
