package site

import (
	"flag"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var testToday = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// buildKB writes a txtar KB, builds it and returns the output folder.
func buildKB(t *testing.T, archive string, opts Options) string {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, archive)
	return buildDir(t, dir, opts)
}

func buildDir(t *testing.T, dir string, opts Options) string {
	t.Helper()
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "public")
	}
	if opts.Today.IsZero() {
		opts.Today = testToday
	}
	if _, err := Build(kb, opts); err != nil {
		t.Fatal(err)
	}
	return opts.Out
}

// assertFileContent checks that a file of the site holds every snippet, in
// the manner of Hugo's integration tests.
func assertFileContent(t *testing.T, out, name string, snippets ...string) {
	t.Helper()
	checkFileContent(t, out, name, true, snippets)
}

// assertNoFileContent checks that a file of the site holds none of them.
func assertNoFileContent(t *testing.T, out, name string, snippets ...string) {
	t.Helper()
	checkFileContent(t, out, name, false, snippets)
}

func checkFileContent(t *testing.T, out, name string, want bool, snippets []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for _, s := range snippets {
		if strings.Contains(string(data), s) != want {
			if want {
				t.Errorf("%s lacks %q", name, s)
			} else {
				t.Errorf("%s holds %q", name, s)
			}
		}
	}
}

const smallKB = `
-- kb.yaml --
title: Test KB
base_url: https://intranet.example/kb/
stale_days: 90
-- postmortems/2026-10-01-cache.md --
---
title: Cache stampede after TTL change
date: 2026-10-01
severity: SEV2
status: published
services: [checkout, catalog]
tags: [cache]
incident_commander: team-sre
started: 2026-10-01T10:00:00Z
detected: 2026-10-01T10:07:00Z
mitigated: 2026-10-01T10:40:00Z
resolved: 2026-10-01T11:30:00Z
contributing_factors: [hard-ttl]
insight: Keys that expire together overload the origin.
guardrails: [TTL jitter]
runbooks: [cache-stampede, no-such-runbook]
actions:
  - what: Add TTL jitter to the product cache
    owner: team-platform
    due: 2026-11-01
    status: open
  - what: Alert on the cache miss rate
    owner: team-sre
    due: 2026-10-15
    status: done
---

## Summary

The cache emptied at once. See the [runbook](../runbooks/cache-stampede.md#checks).

## Lessons learned

- Jitter every TTL.
-- postmortems/2026-11-10-cache-again.md --
---
title: Cache again
date: 2026-11-10
severity: SEV3
status: published
services: [catalog]
contributing_factors: [hard-ttl]
---

## Action items

- [ ] Load-test the origin — owner: team-catalog, due: 2027-01-15
-- runbooks/cache-stampede.md --
---
title: Cache stampede
owner: team-platform
services: [catalog]
alerts: [CacheMissRateHigh]
last_reviewed: 2026-06-01
---

## Checks

Look at the miss rate.
-- notes/services.md --
# A plain page named like a taxonomy
-- services/readme.md --
# A plain page in a folder named like a taxonomy
`

func TestSitePages(t *testing.T) {
	out := buildKB(t, smallKB, Options{})
	pm := "postmortems/2026-10-01-cache/index.html"
	assertFileContent(t, out, pm,
		"<title>Cache stampede after TTL change · Test KB</title>",
		`<span class="badge sev sev-sev2">SEV2</span>`,
		"<dt>Time to detect</dt><dd>7m</dd>", "<dt>Time to resolve</dt><dd>1h 30m</dd>",
		`<a href="../../services/checkout/index.html">checkout</a>`,
		`<a href="../../runbooks/cache-stampede/index.html#checks">runbook</a>`,
		`<tr class="overdue"><td>Add TTL jitter to the product cache</td>`, "overdue 20d",
		`<span class="badge status-done">done</span>`,
		`<a href="../../runbooks/cache-stampede/index.html">Cache stampede</a>`, "no-such-runbook (no such runbook)",
		"Similar incidents", `<a href="../../postmortems/2026-11-10-cache-again/index.html">Cache again</a>`,
		`Guardrails added: <a href="../../guardrails/ttl-jitter/index.html">TTL jitter</a>`)
	assertFileContent(t, out, "guardrails/ttl-jitter/index.html", "<h1>TTL jitter</h1>", "Cache stampede after TTL change")
	assertFileContent(t, out, "runbooks/cache-stampede/index.html",
		`<span class="badge fresh-never">never drilled</span>`, "2026-06-01 (173 days)",
		"Incidents that used this runbook", `<a href="../../postmortems/2026-10-01-cache/index.html">Cache stampede after TTL change</a>`)
	assertFileContent(t, out, "index.html", "<strong>2</strong> postmortems", "<strong>2</strong> open action items",
		`<a href="actions/index.html#overdue"><strong>1</strong> overdue</a>`,
		`<a href="runbooks/review/index.html"><strong>1</strong> runbooks to review or drill</a>`, `href="postmortems/2026-11-10-cache-again/index.html"`)
	assertFileContent(t, out, "actions/index.html", `<section class="group" id="overdue">`,
		"3 action items from 2 postmortems: 2 open, of which 1 overdue as of 2026-11-21; 1 done.")
	assertFileContent(t, out, "runbooks/review/index.html", "<h1>Runbooks to review or drill</h1>", `href="../../runbooks/cache-stampede/index.html">Cache stampede</a>`)
	assertFileContent(t, out, "actions/index.html", "<h2>Overdue <span class=\"count\">1</span></h2>",
		"<h2>Open <span class=\"count\">1</span></h2>", "<h2>Done <span class=\"count\">1</span></h2>")
	assertFileContent(t, out, "services/catalog/index.html", "Cache again", "Cache stampede after TTL change", "<h2>Runbooks</h2>")
	assertFileContent(t, out, "owners/team-platform/index.html", "Add TTL jitter to the product cache", "<h2>Runbooks</h2>")
	assertFileContent(t, out, "severities/sev3/index.html", "Cache again")
	assertFileContent(t, out, "lessons/index.html", "Keys that expire together overload the origin.", "<li>Jitter every TTL.</li>",
		`<span class="badge guardrail">TTL jitter</span>`, `<li><a href="../lessons/services/catalog/index.html">catalog</a> <span class="count">1</span></li>`)
	assertFileContent(t, out, "lessons/services/catalog/index.html", `<h1>Lessons: <a href="../../../services/catalog/index.html">catalog</a></h1>`,
		`2026-10-01</a>: Keys that expire together overload the origin. <span class="path">(guardrails: TTL jitter)</span>`)
	assertFileContent(t, out, "trends/index.html", "2 incidents from 2026-10 to 2026-11",
		"1 of 3 action items are done (33.3%", "hard-ttl", `<svg class="chart"`, "<title>Incidents per month by severity</title>",
		"0 of 1 runbooks were reviewed and drilled within the last 90 days")
	assertFileContent(t, out, "notes/services/index.html", "A plain page named like a taxonomy")
	assertFileContent(t, out, "pages/services/readme/index.html", "A plain page in a folder named like a taxonomy")
	assertFileContent(t, out, "404.html", `href="/kb/runbooks/index.html"`, `href="/kb/style.css"`)
	assertFileContent(t, out, "feed.xml", "<id>https://intranet.example/kb/postmortems/2026-11-10-cache-again/</id>",
		"<summary>Keys that expire together overload the origin.</summary>")
	assertFileContent(t, out, "sitemap.xml", "<loc>https://intranet.example/kb/runbooks/cache-stampede/</loc>", "<loc>https://intranet.example/kb/trends/</loc>")
}

// checkLinks checks every relative link of every page of the site in out
// against its files, and returns how many it checked.
func checkLinks(t *testing.T, out string) int {
	t.Helper()
	checked := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "404.html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		for _, m := range hrefs.FindAllStringSubmatch(string(data), -1) {
			link := m[1]
			if strings.Contains(link, "://") || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			if strings.HasPrefix(link, "/") {
				t.Errorf("%s: absolute link %q breaks under a sub-path", p, link)
				continue
			}
			target := path.Join(filepath.ToSlash(rel), strings.SplitN(link, "#", 2)[0])
			if strings.HasSuffix(link, "/") || link == "./" || !strings.Contains(path.Base(target), ".") {
				target = path.Join(target, "index.html")
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: link %q leads nowhere (%s)", p, link, target)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return checked
}

// hrefs finds the link targets of a page.
var hrefs = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksResolveUnderAnySubPath checks every relative link of every page
// against the files of the built site: the site works from any sub-path.
func TestLinksResolveUnderAnySubPath(t *testing.T) {
	out := buildDir(t, "../examples/acme", Options{BaseURL: "https://host.example/team/kb/", NoGit: true})
	if checked := checkLinks(t, out); checked < 500 {
		t.Errorf("only %d links checked", checked)
	}
	assertFileContent(t, out, "404.html", `href="/team/kb/runbooks/index.html"`)
	assertFileContent(t, out, "feed.xml", "https://host.example/team/kb/postmortems/")
}

func TestScriptInjectionIsInert(t *testing.T) {
	out := buildKB(t, `
-- postmortems/2026-01-01-x.md --
---
title: <script>alert("title")</script>
date: 2026-01-01
severity: '"><img src=x onerror=alert(1)>'
services: ["<b>svc</b>"]
insight: <script>alert("insight")</script>
actions:
  - what: <script>alert("action")</script>
    owner: team-x
    due: 2026-02-01
    link: javascript:alert("link")
---

<script>alert("body")</script>

<img src=x onerror=alert("img")>

[click](javascript:alert("md-link")) and [ok](https://example.com)

<a href="javascript:alert('raw')">raw</a>
`, Options{})
	name := "postmortems/2026-01-01-x/index.html"
	assertNoFileContent(t, out, name, "<script>alert", "javascript:", "<img src=x onerror", "<b>svc</b>", `"><img`)
	assertFileContent(t, out, name, "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;", `href="https://example.com"`)
	for _, page := range []string{"index.html", "actions/index.html", "lessons/index.html", "trends/index.html", "services/b-svc-b/index.html"} {
		assertNoFileContent(t, out, page, "<script>alert", "javascript:", "<img src=x onerror")
	}
}

func TestUnsafeHTMLOptIn(t *testing.T) {
	out := buildKB(t, `
-- kb.yaml --
unsafe_html: true
-- notes/raw.md --
<div class="callout">Kept</div>
`, Options{})
	assertFileContent(t, out, "notes/raw/index.html", `<div class="callout">Kept</div>`)
}

func TestGitLastChange(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, smallKB)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "Add the cache postmortems"}} {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Sam Writer", "-c", "user.email=sam@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	out := buildDir(t, dir, Options{})
	assertFileContent(t, out, "postmortems/2026-10-01-cache/index.html", "by Sam Writer in <code>", ": Add the cache postmortems</p>")
}

// TestGoldenPages compares the postmortem, runbook and trends pages of the
// example KB with the golden files; go test ./site -update rewrites them.
func TestGoldenPages(t *testing.T) {
	out := buildDir(t, "../examples/acme", Options{NoGit: true})
	for name, golden := range map[string]string{
		"postmortems/2026-03-14-checkout-latency-after-cache-ttl-change/index.html": "postmortem.html",
		"runbooks/cache-stampede/index.html":                                        "runbook.html",
		"trends/index.html":                                                         "trends.html",
		"services/checkout/index.html":                                              "service.html",
		"owners/team-payments/index.html":                                           "owner.html",
	} {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join("testdata", "golden", golden)
		if *update {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test ./site -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s; review the change and run go test ./site -update", name, file)
		}
	}
}

// TestRebuildRemovesPagesOfDeletedDocuments checks that a build over the
// previous output leaves no page of a document that is gone, and keeps the
// previous site as the working folder of the next build.
func TestRebuildRemovesPagesOfDeletedDocuments(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, smallKB)
	out := filepath.Join(t.TempDir(), "public")
	buildDir(t, dir, Options{Out: out})
	assertFileContent(t, out, "postmortems/2026-11-10-cache-again/index.html", "Cache again")
	if err := os.Remove(filepath.Join(dir, "postmortems", "2026-11-10-cache-again.md")); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		buildDir(t, dir, Options{Out: out})
		if _, err := os.Stat(filepath.Join(out, "postmortems", "2026-11-10-cache-again")); !os.IsNotExist(err) {
			t.Fatalf("build %d: the page of the deleted postmortem is still there (%v)", i+2, err)
		}
		assertFileContent(t, out, "postmortems/2026-10-01-cache/index.html", "Cache stampede after TTL change")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), ".public.kb-prev", markerFile)); err != nil {
		t.Errorf("no previous site kept for the next build: %v", err)
	}
}

// TestRebuildWritesOnlyChangedFiles checks that a rebuild keeps the bytes
// of a page that did not change (giving it the build's time) and rewrites
// one that changed, also when its size stayed the same.
func TestRebuildWritesOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, smallKB)
	out := filepath.Join(t.TempDir(), "public")
	buildDir(t, dir, Options{Out: out})
	buildDir(t, dir, Options{Out: out}) // both sites (output and working folder) now exist

	o, err := newOutput(Options{Out: out}, outputHooks{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.close()
	if o.fresh {
		t.Fatal("the previous site is not the working folder")
	}
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	style := filepath.Join(o.work, "style.css")
	page := filepath.Join(o.work, "runbooks", "cache-stampede", "index.html")
	for _, p := range []string{style, page} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	css, err := os.ReadFile(style)
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	changed := []byte(strings.Replace(string(html), "Look at the miss rate.", "Look at the loss rate.", 1))
	if len(changed) != len(html) || string(changed) == string(html) {
		t.Fatal("the test page does not read as expected")
	}
	keptBefore := o.kept.Load() // the folder's marker, written first
	if err := o.write("style.css", css); err != nil {
		t.Fatal(err)
	}
	if err := o.write("runbooks/cache-stampede/index.html", changed); err != nil {
		t.Fatal(err)
	}
	if got := o.kept.Load() - keptBefore; got != 1 {
		t.Errorf("%d files kept, want 1 (style.css)", got)
	}
	for _, p := range []string{style, page} {
		if st, err := os.Stat(p); err != nil || !st.ModTime().After(old) {
			t.Errorf("%s: time not set to the build's (%v)", p, err)
		}
	}
	if got, _ := os.ReadFile(page); string(got) != string(changed) {
		t.Error("the changed page was not rewritten")
	}
}

// TestLayoutRedefinesCachedPartial checks that a layout overriding a
// partial rendered with partialCached gets its own version, and the other
// layouts at the same depth keep the default.
func TestLayoutRedefinesCachedPartial(t *testing.T) {
	out := buildKB(t, smallKB+`
-- templates/layouts/page.html --
{{- define "main" }}<article>{{ .Content }}</article>{{ end -}}
{{- define "siteheader" }}<header class="site">Team notes header</header>{{ end -}}
`, Options{})
	assertFileContent(t, out, "notes/services/index.html", "Team notes header")
	assertNoFileContent(t, out, "postmortems/2026-10-01-cache/index.html", "Team notes header")
	assertFileContent(t, out, "postmortems/2026-10-01-cache/index.html", `<header class="site">`)
}

// TestBuildAfterFailedFirstBuild checks that a first build that fails part
// way (pages already written into the working folder) does not keep the
// next build from using that folder.
func TestBuildAfterFailedFirstBuild(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, smallKB+`
-- templates/layouts/postmortem.html --
{{ define "main" }}{{ .Nope }}{{ end }}
`)
	out := filepath.Join(t.TempDir(), "public")
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(kb, Options{Out: out, Today: testToday}); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Fatalf("build with a failing layout: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(filepath.Dir(out), ".public.kb-prev")); len(entries) < 2 {
		t.Fatalf("the failed build wrote nothing to its working folder (%d entries); the test needs it to", len(entries))
	}
	if err := os.Remove(filepath.Join(dir, "templates", "layouts", "postmortem.html")); err != nil {
		t.Fatal(err)
	}
	buildDir(t, dir, Options{Out: out})
	assertFileContent(t, out, "postmortems/2026-10-01-cache/index.html", "Cache stampede after TTL change")
}

// htmlPages lists every HTML page under out, slash-separated and relative.
func htmlPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(out, p)
		pages = append(pages, filepath.ToSlash(rel))
		return err
	})
	if err != nil || len(pages) < 20 {
		t.Fatalf("%d pages: %v", len(pages), err)
	}
	return pages
}
