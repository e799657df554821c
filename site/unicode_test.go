package site

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const unicodeKB = `
-- kb.yaml --
title: 障害の記録
base_url: https://intranet.example/kb/
owners: [田中, 佐藤]
severities: [SEV1, SEV2, 重大]
-- postmortems/2026-10-01-決済の事故.md --
---
title: 決済の障害
date: 2026-10-01
severity: 重大
status: published
services: [決済, Café]
tags: [障害]
actions:
  - what: 監視を追加する
    owner: 田中
    due: 2026-12-01
---

## Action items

- [ ] Alert on the payment queue — owner: 佐藤, due: 2026-12-01

| Action | Owner | Due |
|---|---|---|
| Review the retry policy | Müller | 2026-12-01 |
-- runbooks/決済.md --
---
title: 決済 runbook
owner: 田中
services: [決済]
---

## Checks
`

// TestUnicodeNamesGetPages checks that services, tags, owners, severities
// and ids written in any script get their pages, under UTF-8 folder names,
// and that every page's links reach them as a browser follows a link.
func TestUnicodeNamesGetPages(t *testing.T) {
	out := buildKB(t, unicodeKB, Options{})
	for _, page := range []string{
		"postmortems/2026-10-01-決済の事故", "runbooks/決済", "services/決済", "services/café", "tags/障害",
		"owners/田中", "owners/佐藤", "owners/müller", "severities/重大",
	} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(page), "index.html")); err != nil {
			t.Errorf("no page %s/: %v", page, err)
		}
	}
	pm := "postmortems/2026-10-01-決済の事故/index.html"
	assertNoFileContent(t, out, pm, "no owner")
	assertFileContent(t, out, pm, ">田中</a>", ">佐藤</a>", ">Müller</a>", ">決済</a>", ">障害</a>")
	assertFileContent(t, out, "owners/田中/index.html", "監視を追加する", "決済 runbook")
	assertFileContent(t, out, "runbooks/決済/index.html", ">田中</a>")
	assertFileContent(t, out, "sitemap.xml", "<loc>https://intranet.example/kb/services/%e6%b1%ba%e6%b8%88/</loc>")
	if n := checkLinksResolve(t, out); n < 50 {
		t.Errorf("only %d links checked", n)
	}
}

// checkLinksResolve follows every relative link of every page of the site
// at out the way a browser does: over HTTP from a static server (the
// percent-encoded path is decoded by the server) and from file:// (the
// decoded path must name a file). It returns how many links it checked.
func checkLinksResolve(t *testing.T, out string) int {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	base, _ := url.Parse(srv.URL + "/")
	checked := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "404.html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		page := base.ResolveReference(&url.URL{Path: filepath.ToSlash(rel)})
		for _, m := range hrefs.FindAllStringSubmatch(string(data), -1) {
			link := html.UnescapeString(m[1])
			if strings.Contains(link, "://") || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			ref, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: link %q is not a URL: %v", rel, link, err)
				continue
			}
			target := page.ResolveReference(ref)
			target.Fragment = ""
			checkFileLink(t, out, rel, link, target.Path)
			resp, err := http.Get(target.String())
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s: link %q: GET %s: %s", rel, link, target, resp.Status)
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

// checkFileLink checks that the decoded path of a link, as file:// reads
// it, names a file of the site (a folder's index.html for a folder).
func checkFileLink(t *testing.T, out, from, link, decoded string) {
	t.Helper()
	name := filepath.Join(out, filepath.FromSlash(decoded))
	if strings.HasSuffix(decoded, "/") {
		name = filepath.Join(name, "index.html")
	}
	if _, err := os.Stat(name); err != nil {
		t.Errorf("%s: link %q leads nowhere from file:// (%s)", from, link, decoded)
	}
}
