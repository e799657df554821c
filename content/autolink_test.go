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
	assertRendersAs(t, gfm, []string{
		"See https://status.example.com/incidents/42 for the timeline.",
		"https://grafana.example/d/abc?from=now-6h&to=now at the head of a line",
		"Dashboards: www.example.com/dash, and http://old.example.",
		"(https://tickets.example/T-1) *https://a.example/x* _www.b.example_ ~https://c.example~",
		"Trailing punctuation https://a.example/path). and https://a.example/q?x=1;",
		"Not mid-word: xhttps://a.example or awww.b.example",
		"- [ ] Add a timeout, ticket https://jira.example/browse/OPS-7",
		"| when | what |\n|---|---|\n| 10:00 | paged, see https://pager.example/1 |",
		"Words that start with h and w: how we handle write-heavy hosts.",
	})
}

// Text with no web address in it comes out as it does with no autolinks
// (for these inputs; goldmark keeps a tab before a line break when any
// parser watches spaces): e-mail and ftp addresses stay text, and nothing
// is doubled.
func TestURLAutolinksLeaveOtherTextAlone(t *testing.T) {
	plain := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	assertRendersAs(t, plain, []string{
		"Ask jane.doe@example.com or hank@example.com now.",
		"ask (hank@example.com) or *wendy@example.com* or _hal@example.org_ or ~hw@example.net~",
		"Mail www@example.com or http@example.com; see ftp://files.example/x",
		"http: is a scheme, www. a prefix, https:nothing here",
		"<https://explicit.example> stays an explicit link",
		"http://localhost:8080 has no dot, nor has www.localhost; http:// alone",
		strings.Repeat("see http://localhost:8080/x and https: ", 200),
	})
}

// assertRendersAs checks that kb's markdown renders each source as like
// renders it.
func assertRendersAs(t *testing.T, like goldmark.Markdown, sources []string) {
	t.Helper()
	kb := NewMarkdown(false)
	for _, src := range sources {
		if got, want := renderMarkdown(t, kb, src), renderMarkdown(t, like, src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

// BenchmarkURLAutolinksLongLine renders one long line of addresses that
// look like web addresses but are not linked (no dot in the host): each
// failing prefix must cost a constant, not a scan of the rest of the line.
func BenchmarkURLAutolinksLongLine(b *testing.B) {
	src := []byte(strings.Repeat("see http://localhost:8080/x and https: ", 2000))
	kb := NewMarkdown(false)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := kb.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
