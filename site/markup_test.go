package site

import "testing"

// TestOtherToolsMarkupOnPages builds a KB written for GitLab and for
// Sphinx/MyST and checks what its pages show: GitLab's [[_TOC_]] as the
// page's contents, MyST targets as anchors, directive fences as
// admonitions and code, and template placeholders as text.
func TestOtherToolsMarkupOnPages(t *testing.T) {
	out := buildKB(t, `
-- postmortems/2026-04-01-gitlab.md --
# Queue backlog

[[_TOC_]]

## Summary

Recording: <Link to the recording>. Owner: <team name>.

## Timeline

### Day one

Things happened.
-- runbooks/myst.md --
---
title: Failover
---
(failover-checks)=
## Checks

`+"```{warning}\n:class: dropdown\nDo not fail over twice.\n```"+`

:::{admonition} Before you start
Check the **replication lag**.
:::

`+"```{code-block} bash\n:caption: promote\n\npg_ctl promote\n```"+`

See [the checks](#failover-checks).
`, Options{NoGit: true})
	assertFileContent(t, out, "postmortems/2026-04-01-gitlab/index.html",
		`<nav class="toc" aria-label="Contents">`, `<a href="#summary">Summary</a>`, `<a href="#day-one">Day one</a>`,
		"Recording: &lt;Link to the recording&gt;. Owner: &lt;team name&gt;.")
	assertNoFileContent(t, out, "postmortems/2026-04-01-gitlab/index.html", "_TOC_", "raw HTML omitted", `<a href="#queue-backlog">`)
	assertFileContent(t, out, "runbooks/myst/index.html",
		`<span class="target" id="failover-checks"></span>`,
		`<aside class="admonition warning"><p class="admonition-title">Warning</p>`, "<p>Do not fail over twice.</p>",
		`<p class="admonition-title">Before you start</p>`, "<p>Check the <strong>replication lag</strong>.</p>",
		`<pre tabindex="0"><code class="language-bash">pg_ctl promote`, `<a href="#failover-checks">the checks</a>`)
	assertNoFileContent(t, out, "runbooks/myst/index.html", "{warning}", "{admonition}", "{code-block}", ":::", ")=", "dropdown", "caption")
}
