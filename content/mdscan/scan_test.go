package mdscan

import (
	"fmt"
	"strings"
	"testing"
)

// render writes an event as a short line: its kind, line, column and the
// fields its kind sets, segments as the text they cover.
func render(src []byte, e *Event) string {
	v := func(s Segment) string { return fmt.Sprintf("%q", s.Value(src)) }
	head := fmt.Sprintf("%d:%d ", e.Line, e.Col)
	switch e.Kind {
	case Heading:
		if e.Setext {
			var ls []string
			for _, l := range e.Lines {
				ls = append(ls, v(l))
			}
			return head + fmt.Sprintf("heading %d setext %s", e.Level, strings.Join(ls, " "))
		}
		return head + fmt.Sprintf("heading %d depth %d %s", e.Level, e.Depth, v(e.Text))
	case ParagraphLine:
		return head + fmt.Sprintf("para depth %d quote %d lead %v %s", e.Depth, e.Quote, e.ItemText, v(e.Text))
	case ListItem:
		return head + fmt.Sprintf("item depth %d marker %c number %d task %d %s", e.Depth, e.Marker, e.Number, e.Task, v(e.Text))
	case ItemEnd:
		return "item end"
	case TableRow:
		var cs []string
		for _, c := range e.Cells {
			cs = append(cs, v(c))
		}
		return head + fmt.Sprintf("row header %v %s", e.Header, strings.Join(cs, " "))
	case CodeBlock:
		return fmt.Sprintf("code %d-%d fenced %v info %s", e.First, e.Last, e.Fenced, v(e.Info))
	case HTMLBlock:
		return fmt.Sprintf("html %d-%d", e.First, e.Last)
	case BlockQuote:
		return fmt.Sprintf("quote %d-%d depth %d", e.First, e.Last, e.Quote)
	case ThematicBreak:
		return head + "break"
	case CodeSpan:
		return head + "code span " + v(e.Text)
	case Link:
		return head + fmt.Sprintf("link %q image %v auto %v text %s", e.Dest, e.Image, e.Autolink, v(e.Text))
	case Halt:
		return head + "halt " + e.Why
	}
	return "unknown"
}

func events(src string, opts ...Option) []string {
	var out []string
	Scan([]byte(src), func(e *Event) { out = append(out, render([]byte(src), e)) }, opts...)
	return out
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"atx heading", "## Action items ##\n", []string{`1:4 heading 2 depth 0 "Action items"`}},
		{"setext heading", "Time\nline\n---\n", []string{`1:1 heading 2 setext "Time" "line"`}},
		{"paragraph lines when it ends", "a\n  b\n\n", []string{`1:1 para depth 0 quote 0 lead false "a"`, `2:3 para depth 0 quote 0 lead false "b"`}},
		{"task item, nested item, lazy line", "- [x] done\n  - sub\nlazy\n", []string{
			`1:3 item depth 0 marker - number 0 task 2 "[x] done"`,
			`2:5 item depth 1 marker - number 0 task 0 "sub"`,
			`3:1 para depth 2 quote 0 lead true "lazy"`,
			"item end"}},
		{"ordered items and item text", "3) three\n   more\n\n   after\n", []string{
			`1:4 item depth 0 marker ) number 3 task 0 "three"`,
			`2:4 para depth 1 quote 0 lead true "more"`,
			`4:4 para depth 1 quote 0 lead false "after"`,
			"item end"}},
		{"empty item", "-\n  text\n", []string{`1:2 item depth 0 marker - number 0 task 0 ""`, `2:3 para depth 1 quote 0 lead true "text"`, "item end"}},
		{"sibling nested items", "- a\n  - b\n  - c\n", []string{
			`1:3 item depth 0 marker - number 0 task 0 "a"`, `2:5 item depth 1 marker - number 0 task 0 "b"`,
			`3:5 item depth 1 marker - number 0 task 0 "c"`, "item end"}},
		{"table", "| a | b |\n|---|:-:|\n| `x|y` | \\| |\n| 1 | 2 | 3 |\n", []string{
			`1:3 row header true "a" "b"`, `3:3 row header false "` + "`x|y`" + `" "\\|"`, `4:3 row header false "1" "2"`}},
		{"fenced code with info", "```go run\nx\ny\n```\n", []string{`code 2-3 fenced true info "go run"`}},
		{"empty fence", "~~~\n~~~\n", []string{`code 0-0 fenced true info ""`}},
		{"indented code", "    a\n\n    b\n", []string{`code 1-3 fenced false info ""`}},
		{"html block", "<div>\nx\n</div>\n\n", []string{"html 1-3"}},
		{"html comment", "<!-- a\nb -->\n", []string{"html 1-2"}},
		{"block quote", "> a\n> > b\n", []string{`1:3 para depth 0 quote 1 lead false "a"`, `2:5 para depth 0 quote 2 lead false "b"`, "quote 1-2 depth 2"}},
		{"thematic break", "a\n\n***\n", []string{`1:1 para depth 0 quote 0 lead false "a"`, "3:1 break"}},
		{"links", "[a](u) ![i](p.png) <https://x.example> <a@b.example>\n", []string{
			`1:1 para depth 0 quote 0 lead false "[a](u) ![i](p.png) <https://x.example> <a@b.example>"`,
			`1:2 link "u" image false auto false text "a"`,
			`1:10 link "p.png" image true auto false text "i"`,
			`1:20 link "https://x.example" image false auto true text "https://x.example"`,
			`1:40 link "mailto:a@b.example" image false auto true text "a@b.example"`}},
		{"reference link", "[**x**][r]\n\n[r]: /dest\n", []string{
			`1:1 para depth 0 quote 0 lead false "[**x**][r]"`,
			`1:4 link "/dest" image false auto false text "**x**"`,
			`3:1 para depth 0 quote 0 lead false "[r]: /dest"`}},
		{"link over two lines", "[a\nb](u)\n", []string{
			`1:1 para depth 0 quote 0 lead false "[a"`, `2:1 para depth 0 quote 0 lead false "b](u)"`,
			`1:2 link "u" image false auto false text "a\nb"`}},
		{"halt on nesting", strings.Repeat("> ", 33) + "a\n", []string{"1:65 halt " + WhyNesting}},
		{"halt on brackets", strings.Repeat("[", 33) + "\n", []string{`1:1 para depth 0 quote 0 lead false "` + strings.Repeat("[", 33) + `"`, "1:33 halt " + WhyBrackets}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := events(tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("events of %q:\n got:\n  %s\nwant:\n  %s", tt.src, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestCodeSpans(t *testing.T) {
	src := "a `b` c ``d ` e`` [x](`y`)\n"
	got := events(src, CodeSpans())
	want := []string{
		`1:1 para depth 0 quote 0 lead false "a ` + "`b`" + ` c ` + "``d ` e``" + ` [x](` + "`y`" + `)"`,
		`1:4 code span "b"`, `1:11 code span "d ` + "`" + ` e"`, `1:20 link "` + "`y`" + `" image false auto false text "x"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if n := len(events(src)); n != 2 {
		t.Errorf("without CodeSpans: %d events, want the paragraph line and the link", n)
	}
}

func TestTaskBox(t *testing.T) {
	tests := []struct {
		in, rest string
		done, ok bool
	}{
		{"[ ] a", "a", false, true}, {"[X] a", "a", true, true}, {"[x]a", "[x]a", false, false}, {"[-] a", "[-] a", false, false}, {"[", "[", false, false},
	}
	for _, tt := range tests {
		rest, done, ok := TaskBox(tt.in)
		if rest != tt.rest || done != tt.done || ok != tt.ok {
			t.Errorf("TaskBox(%q) = %q, %v, %v; want %q, %v, %v", tt.in, rest, done, ok, tt.rest, tt.done, tt.ok)
		}
	}
}
