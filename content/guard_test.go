package content

import (
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestRealDocumentsRenderAsMarkdown checks that the bounds on nesting and
// inline work leave every document of the example, the fixtures and the
// shared corpus to the markdown renderer.
func TestRealDocumentsRenderAsMarkdown(t *testing.T) {
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	docs := 0
	eachDifferentialFile(t, func(rel string, src []byte) {
		d, errs := p.Parse(rel, src)
		if d == nil || strings.HasPrefix(rel, "plainbody/") {
			return // no document (a NUL byte), or lint's fixture of a plain body
		}
		docs++
		if d.PlainBody {
			for _, e := range errs {
				t.Errorf("%s: shown as plain text: %v", rel, e)
			}
		}
	})
	if docs == 0 {
		t.Fatal("no documents read")
	}
}

// TestCostlyBodiesShownAsPlainText checks which bodies are shown as plain
// text, and the position of the one error each gets.
func TestCostlyBodiesShownAsPlainText(t *testing.T) {
	rep := strings.Repeat
	tests := []struct {
		name  string
		body  string
		plain bool
		pos   string // line:col of the error, front matter (5 lines) included
	}{
		{"quotes 32 deep", rep("> ", 32) + "a\n", false, ""},
		{"quotes 33 deep", rep("> ", 33) + "a\n", true, "6:65"},
		{"quotes then lists", rep("> ", 20) + rep("- ", 13) + "a\n", true, "6:65"},
		{"lists and quotes mixed", rep("- > ", 17) + "a\n", true, "6:65"},
		{"list nested by indent", nestedListBody(40), true, "38:17"},
		{"list of 40 items", rep("- a\n", 40), false, ""},
		{"lazy lines keep the depth", lazyNestedList(40), true, ""},
		{"a blank line closes items", rep("- a\n  - b\n\nc\n\n", 40), false, ""},
		{"brackets 32 deep", rep("[", 32) + "a" + rep("]", 32) + "\n", false, ""},
		{"brackets 33 deep", rep("[", 33) + "a" + rep("]", 33) + "\n", true, "6:33"},
		{"brackets in code spans", rep("`[[`", 40) + "\n", false, ""},
		{"escaped brackets", rep(`\[`, 40) + "\n", false, ""},
		{"many flat links", rep("[a](b) ", 2000) + "\n", false, ""},
		{"bold words", rep("**a**, ", 2000) + "\n", false, ""},
		{"stars inside words", rep("2*3", 2000) + "\n", false, ""},
		{"rule of 3", rep("a**b*", 2000) + "\n", false, ""},
		{"unmatched emphasis", rep("_a*", 1000) + "\n", true, ""},
		{"same emphasis in paragraphs", rep(rep("_a*", 50)+"\n\n", 100), false, ""},
		{"unclosed code spans", codeRuns(200) + "\n", true, ""},
		{"closed code spans", rep("`a` ", 5000) + "\n", false, ""},
		{"unclosed destinations", rep("[a](", 2000) + "\n", true, ""},
		{"one label per line of a long paragraph", rep("[INFO] started\n", 3000), true, ""},
		{"one label per paragraph", rep("[INFO] started\n\n", 3000), false, ""},
		{"code block of brackets", "```\n" + rep("[", 10000) + "\n```\n", false, ""},
		{"indented code of quotes", "    " + rep("> ", 100) + "\n", false, ""},
	}
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := p.Parse("postmortems/x.md", kbtest.Postmortem([]byte(tt.body)))
			if d.PlainBody != tt.plain {
				t.Fatalf("PlainBody = %v, want %v (errors %v)", d.PlainBody, tt.plain, errs)
			}
			if !tt.plain {
				if len(errs) != 0 {
					t.Errorf("errors %v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Kind != ErrorUnreadable {
				t.Fatalf("errors %v, want one of kind unreadable", errs)
			}
			if got := errs[0].Pos; got.Line < 6 || got.Col < 1 || tt.pos != "" && posLineCol(got) != tt.pos {
				t.Errorf("error at %v, want line:col %s", got, tt.pos)
			}
			if len(d.Sections)+len(d.Links)+len(d.Timeline)+len(d.Code)+len(d.Quotes) != 0 {
				t.Errorf("a plain body keeps what its markdown says: %+v", d)
			}
		})
	}
}

func posLineCol(p Pos) string { return itoa(p.Line) + ":" + itoa(p.Col) }

// codeRuns is n backtick runs of lengths 1..n, none closed.
func codeRuns(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strings.Repeat("`", i))
		b.WriteString("a")
	}
	return b.String()
}

func nestedListBody(depth int) string {
	c, _ := kbtest.MarkdownCaseNamed("nested-list")
	return string(c.Body(depth))
}

// lazyNestedList nests list items depth deep with a lazy continuation
// line, which closes nothing, between each.
func lazyNestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- a\nx\n")
	}
	return b.String()
}
