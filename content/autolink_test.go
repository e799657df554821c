package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func renderMarkdown(t *testing.T, md goldmark.Markdown, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Web addresses are linked exactly as GitHub's autolinks link them.
func TestURLAutolinksAgreeWithGFM(t *testing.T) {
	gfm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	kb := NewMarkdown(false)
	for _, src := range []string{
		"See https://status.example.com/incidents/42 for the timeline.",
		"https://grafana.example/d/abc?from=now-6h&to=now at the head of a line",
		"Dashboards: www.example.com/dash, and http://old.example.",
		"(https://tickets.example/T-1) *https://a.example/x* _www.b.example_ ~https://c.example~",
		"Trailing punctuation https://a.example/path). and https://a.example/q?x=1;",
		"Not mid-word: xhttps://a.example or awww.b.example",
		"- [ ] Add a timeout, ticket https://jira.example/browse/OPS-7",
		"| when | what |\n|---|---|\n| 10:00 | paged, see https://pager.example/1 |",
		"Words that start with h and w: how we handle write-heavy hosts.",
	} {
		if got, want := renderMarkdown(t, kb, src), renderMarkdown(t, gfm, src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

// A bare e-mail address or ftp address stays text.
func TestURLAutolinksLeaveEmailAsText(t *testing.T) {
	kb := NewMarkdown(false)
	for _, src := range []string{"Ask jane.doe@example.com or hank@example.com.", "ftp://files.example/x", "<https://explicit.example>"} {
		got := renderMarkdown(t, kb, src)
		if strings.Contains(got, "mailto:") || strings.Contains(got, `href="ftp:`) {
			t.Errorf("%q was linked: %s", src, got)
		}
		if strings.HasPrefix(src, "<") && !strings.Contains(got, `href="https://explicit.example"`) {
			t.Errorf("%q: an explicit autolink must stay a link: %s", src, got)
		}
	}
}
