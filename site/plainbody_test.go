package site

import (
	"strings"
	"testing"
)

// TestPlainBodyPage checks that a body too costly to render as markdown
// is published as its text, escaped and preformatted, beside pages that
// are rendered as usual.
func TestPlainBodyPage(t *testing.T) {
	deep := strings.Repeat("> ", 40) + "<script>alert(1)</script> [a](b)\n"
	out := buildKB(t, `
-- postmortems/deep.md --
---
title: Deep
date: 2026-01-10
---
## Summary

`+deep+`
-- postmortems/fine.md --
---
title: Fine
date: 2026-01-11
---
## Summary

> quoted
`, Options{NoGit: true})
	assertFileContent(t, out, "postmortems/deep/index.html",
		`<pre class="plain-body">## Summary`, "&gt; &gt; &gt;", "&lt;script&gt;alert(1)&lt;/script&gt; [a](b)")
	assertNoFileContent(t, out, "postmortems/deep/index.html", "<blockquote>", "<script>alert", `id="summary"`)
	assertFileContent(t, out, "postmortems/fine/index.html", `<h2 id="summary">Summary</h2>`, "<blockquote>")
}
