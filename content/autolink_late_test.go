package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// lateLinkCases are sources whose addresses the first parse links itself
// (sure) or leaves to the second (not sure).
var lateLinkCases = []struct {
	src  string
	sure bool
}{
	{"See https://status.example.com/incidents/42 for the timeline.", true},
	{"https://grafana.example/d/abc?from=now-6h at the head of a line", true},
	{"Dashboards: www.example.com/dash, and http://old.example.", true},
	{"Trailing punctuation https://a.example/path). and https://a.example/q?x=1;", true},
	{"(https://tickets.example/T-1) and (see https://b.example/x)", true},
	{"Not mid-word: xhttps://a.example or awww.b.example", true},
	{"- [ ] Add a timeout, ticket https://jira.example/browse/OPS-7\n- [x] Done", true},
	{"| when | what |\n|---|---|\n| 10:00 | paged, see https://pager.example/1 |", true},
	{"A [link](https://a.example/x) then https://b.example/y and `https://c.example`", true},
	{"# Heading with https://h.example/\n\nText\nhttps://next.example/line\nend", true},
	{"> quoted https://q.example/a\n>https://q.example/b", false},
	{"*https://a.example/x* and _www.b.example_ ~https://c.example~", false},
	{"see https://a.example/?a=1&b=2 and https://a.example/x_y", false},
	{"[open bracket https://a.example/x", false},
	{"[a] then https://a.example/x", false},
	{"`code`https://a.example/x", false},
	{"\\(https://a.example/x)", false},
	{"tab\thttps://a.example/x", true},
	{"-\thttps://a.example/x", false},
	{"no address, but trailing space \t\nnext line", false},
	{"no address at all\nand lines  \nwith a break", true},
	{"https://a.example/x\\\nhard break", true},
	{"<see www.x.example> and <Link to the recording>", true},
	{"| https://a.example |\n|---|\n|https://b.example|", false},
	{"Words that start with h and w: how we handle write-heavy hosts.", true},
	{"http: is a scheme, www. a prefix, https:nothing here", true},
	{"emails hank@example.com, ftp://files.example/x", true},
	{"1. https://one.example\n2. https://two.example\n\n   https://indented.example", true},
	{"**bold** https://a.example/x **more**", true},
	{"![img](https://a.example/i.png) https://b.example/", true},
	{"https://a.example/x\r\nhttps://b.example/y\r\n", true},
}

// kb's markdown renders every case as the one-pass markdown does, and the
// first parse is sure of exactly the cases it should be.
func TestLateAutolinksAgreeWithOnePass(t *testing.T) {
	two, one := NewMarkdown(false), onePassMarkdown(false)
	for _, c := range lateLinkCases {
		if got, want := renderMarkdown(t, two, c.src), renderMarkdown(t, one, c.src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, want)
		}
		if sure := firstPassSure([]byte(c.src)); sure != c.sure {
			t.Errorf("%q: first parse sure %v, want %v", c.src, sure, c.sure)
		}
	}
}

// firstPassSure reports whether kb's first parse of src is kept.
func firstPassSure(src []byte) bool {
	pc := parser.NewContext()
	newMarkdown(false, lateAutolinks).Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return pc.Get(lateLinksInDoubt) == nil
}

// The documents of the example KB and of the corpora beside the project
// (when they are there) render as the one-pass markdown renders them.
func TestLateAutolinksAgreeOnDocuments(t *testing.T) {
	two, one := NewMarkdown(false), onePassMarkdown(false)
	var docs, sure int
	for _, root := range []string{"../examples", "../../shared/corpus"} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			docs++
			if firstPassSure(src) {
				sure++
			}
			if got, want := renderMarkdown(t, two, string(src)), renderMarkdown(t, one, string(src)); got != want {
				t.Errorf("%s renders otherwise:\n%s", path, firstDifference(got, want))
			}
			return nil
		})
	}
	if docs == 0 {
		t.Fatal("no documents read")
	}
	t.Logf("%d documents, first parse kept for %d", docs, sure)
}

// firstDifference shows where got and want part.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "got  …" + got[from:min(len(got), i+80)] + "\nwant …" + want[from:min(len(want), i+80)]
}

// FuzzLateAutolinks checks that kb's markdown renders any source as the
// one-pass markdown does.
func FuzzLateAutolinks(f *testing.F) {
	for _, c := range lateLinkCases {
		f.Add(c.src)
	}
	two, one := NewMarkdown(false), onePassMarkdown(false)
	f.Fuzz(func(t *testing.T, src string) {
		var a, b bytes.Buffer
		if err := two.Convert([]byte(src), &a); err != nil {
			t.Fatal(err)
		}
		if err := one.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%q:\n got %s\nwant %s", src, a.String(), b.String())
		}
	})
}
