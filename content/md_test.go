package content

import (
	"bytes"
	"strings"
	"testing"
)

// TestOtherToolsMarkup renders the markup of GitLab, MyST/Sphinx,
// Docusaurus and templates' placeholders, and checks what the page holds
// and what it must not.
func TestOtherToolsMarkup(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
		not       []string
	}{
		{"gitlab toc", "[[_TOC_]]\n\n## One\n\n### One a\n\n## Two `x`\n",
			[]string{`<nav class="toc" aria-label="Contents">`, `<li><a href="#one">One</a>` + "\n<ul>\n" + `<li><a href="#one-a">One a</a></li>`, `<li><a href="#two-x">Two x</a></li>`},
			[]string{"_TOC_", "<em>TOC</em>"}},
		{"toc tag inside text stays text", "See [[_TOC_]] here.\n\n## One\n", nil, []string{`class="toc"`}},
		{"toc levels going back up", "[TOC]\n\n### Deep\n\n## Up\n", []string{`<li><a href="#deep">Deep</a></li>` + "\n" + `<li><a href="#up">Up</a></li>`}, nil},
		{"myst target", "(incident-timeline)=\n## Timeline\n", []string{`<span class="target" id="incident-timeline"></span>`, `<h2 id="timeline">Timeline</h2>`}, []string{")="}},
		{"myst target interrupts a paragraph", "Some text.\n(later)=\n", []string{`<p>Some text.</p>`, `id="later"`}, []string{")="}},
		{"parenthesised text is no target", "(see below)= maybe\n", []string{"(see below)= maybe"}, nil},
		{"note fence", "```{note}\nRestart **both** nodes.\n```\n",
			[]string{`<aside class="admonition note"><p class="admonition-title">Note</p>`, `<p>Restart <strong>both</strong> nodes.</p>`}, []string{"{note}", "<pre>"}},
		{"warning with options", "```{warning}\n:class: dropdown\nDo not fail over twice.\n```\n",
			[]string{`admonition warning`, `<p>Do not fail over twice.</p>`}, []string{"dropdown", "{warning}"}},
		{"colon admonition with title", ":::{admonition} Before you start\n- check replication lag\n:::\n",
			[]string{`<p class="admonition-title">Before you start</p>`, `<li>check replication lag</li>`}, []string{":::", "{admonition}"}},
		{"docusaurus colon note", ":::tip\nUse the dashboard.\n:::\n", []string{`admonition tip`, `<p>Use the dashboard.</p>`}, []string{":::"}},
		{"colon fence of no admonition stays text", ":::something\ntext\n:::\n", []string{":::something"}, []string{"<aside"}},
		{"code-block with language and options", "```{code-block} python\n:linenos:\n:caption: fix\n\nprint(1)\n```\n",
			[]string{`<pre><code class="language-python">print(1)` + "\n</code></pre>"}, []string{"linenos", "{code-block}", "caption"}},
		{"mermaid directive", "```{mermaid}\ngraph TD\n```\n", []string{`<code class="language-mermaid">graph TD`}, []string{"{mermaid}"}},
		{"nested fences", "````{warning}\nouter\n```bash\nls\n```\n````\n",
			[]string{`admonition warning`, `<p>outer</p>`, `<code class="language-bash">ls`}, []string{"````"}},
		{"other directive shows its body", "```{toctree}\n:maxdepth: 2\n\nintro\n```\n", []string{`<div class="directive toctree">`, `<p>intro</p>`}, []string{"maxdepth", "{toctree}"}},
		{"plain code fence untouched", "```go\nx := 1\n```\n", []string{`<code class="language-go">x := 1`}, nil},
		{"placeholder inline", "Recording: <Link to the recording>\n", []string{"Recording: &lt;Link to the recording&gt;"}, []string{"raw HTML omitted"}},
		{"placeholder of no element", "Owner: <team name>, due <date>\n", []string{"&lt;team name&gt;", "&lt;date&gt;"}, nil},
		{"placeholder block", "<Insert the timeline here>\n", []string{"<p>&lt;Insert the timeline here&gt;</p>"}, nil},
		{"real tags stay HTML", "a<br>b <img src=\"x.png\"> <details open>\n", []string{"a<!-- raw HTML omitted -->b"}, []string{"&lt;br&gt;", "&lt;img", "&lt;details"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := NewMarkdown(false).Convert([]byte(tc.src), &b); err != nil {
				t.Fatal(err)
			}
			html := b.String()
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("lacks %q in\n%s", w, html)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(html, n) {
					t.Errorf("holds %q in\n%s", n, html)
				}
			}
		})
	}
}

// TestPlaceholdersWithUnsafeHTML checks that a KB that lets raw HTML
// through still shows placeholders as text, and real tags as tags.
func TestPlaceholdersWithUnsafeHTML(t *testing.T) {
	var b bytes.Buffer
	if err := NewMarkdown(true).Convert([]byte("<Link to the recording> <kbd>Ctrl</kbd>\n"), &b); err != nil {
		t.Fatal(err)
	}
	if want := "<p>&lt;Link to the recording&gt; <kbd>Ctrl</kbd></p>"; !strings.Contains(b.String(), want) {
		t.Errorf("got %s, want %s", b.String(), want)
	}
}

// render converts src with kb's markdown, without raw HTML.
func render(t *testing.T, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := NewMarkdown(false).Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestTOCOnceForManyTags checks that a page of several table-of-contents
// tags shows its contents once, at the first tag, and nothing of the other
// tags.
func TestTOCOnceForManyTags(t *testing.T) {
	for _, tc := range []struct {
		name, src, before string
	}{
		{"two gitlab tags", "Intro.\n\n[[_TOC_]]\n\n## One\n\n[[_TOC_]]\n\n## Two\n", "<p>Intro.</p>"},
		{"both spellings", "[TOC]\n\n[[_TOC_]]\n\n## One\n\n[TOC]\n", ""},
		{"a tag in a quote first", "> [[_TOC_]]\n\n## One\n\n[[_TOC_]]\n", "<blockquote>"},
		{"a thousand tags", strings.Repeat("[[_TOC_]]\n\n", 1000) + "## One\n\n## Two\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := render(t, tc.src)
			if n := strings.Count(html, `<nav class="toc"`); n != 1 {
				t.Fatalf("%d tables of contents, want 1, in\n%s", n, html)
			}
			if n := strings.Count(html, `<a href="#one">`); n != 1 {
				t.Errorf("the heading One is linked %d times, want 1, in\n%s", n, html)
			}
			nav := strings.Index(html, `<nav class="toc"`)
			if !strings.HasPrefix(html[:nav], tc.before) || strings.Contains(html[:nav], "<h2") {
				t.Errorf("the contents are not at the first tag (before them: %q)", html[:nav])
			}
			if strings.Contains(html, "TOC") {
				t.Errorf("a tag is left on the page:\n%s", html)
			}
		})
	}
}

// TestDirectiveDepthBound checks that directives nest up to
// maxDirectiveDepth deep and that a deeper opening fence is read as
// markdown without directives: a colon fence as text, a backtick fence as
// code.
func TestDirectiveDepthBound(t *testing.T) {
	for _, tc := range []struct {
		name, open string
		depth      int
		boxes      int
		deeper     string
	}{
		{"colon fences at the bound", ":::{note}\n", maxDirectiveDepth, maxDirectiveDepth, ""},
		{"colon fences past the bound", ":::{note}\n", maxDirectiveDepth + 3, maxDirectiveDepth, "<p>:::{note}\n:::{note}\n:::{note}\nbody</p>"},
		{"docusaurus fences past the bound", ":::tip\n", maxDirectiveDepth + 1, maxDirectiveDepth, "<p>:::tip\nbody</p>"},
		{"backtick fences past the bound", "```{note}\n", maxDirectiveDepth + 2, maxDirectiveDepth, `<pre><code class="language-{note}">` + "```{note}\nbody\n</code></pre>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := render(t, strings.Repeat(tc.open, tc.depth)+"body\n")
			if n := strings.Count(html, `<aside class="admonition`); n != tc.boxes {
				t.Errorf("%d boxes, want %d, in\n%s", n, tc.boxes, html)
			}
			if n := strings.Count(html, "</aside>"); n != tc.boxes {
				t.Errorf("%d boxes closed, want %d", n, tc.boxes)
			}
			if tc.deeper != "" && !strings.Contains(html, tc.deeper) {
				t.Errorf("lacks the deeper fences as markdown, %q, in\n%s", tc.deeper, html)
			}
			if tc.deeper == "" && !strings.Contains(html, "<p>body</p>") {
				t.Errorf("the innermost box lacks its body in\n%s", html)
			}
		})
	}
}
