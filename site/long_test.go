package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// TestLongValuesBuild builds a KB whose id, service, tag, owners and
// severity are 300 bytes long, and plain pages whose file names are near
// the file-system limit: every page is written under a cut address, and
// the postmortem's links reach the long terms' pages.
func TestLongValuesBuild(t *testing.T) {
	long := func(prefix string) string { return prefix + strings.Repeat("x", 300-len(prefix)) }
	page := strings.Repeat("p", 250)
	kb := `
-- kb.yaml --
severities: [SEV1, ` + long("sev-") + `]
-- postmortems/2026-10-01-long.md --
---
title: Long values
id: ` + long("id-") + `
date: 2026-10-01
severity: ` + long("sev-") + `
status: published
services: [` + long("svc-") + `, ` + long("svc-") + `y]
tags: [` + long("tag-") + `]
actions:
  - what: Add a queue age alert
    owner: ` + long("own-") + `
    due: 2026-12-01
---
-- runbooks/r.md --
---
title: Runbook
owner: ` + long("rbo-") + `
services: [` + long("svc-") + `]
---
-- notes/` + page + `.md --
# One page
-- notes/` + strings.ToUpper(page) + `.md --
# Its twin, whose address takes a suffix
`
	out := buildKB(t, kb, Options{BaseURL: "https://intranet.example/kb/"})
	segment := func(v string) string { return content.Slug(v) }
	pm := "postmortems/" + segment(long("id-")) + "/index.html"
	for _, p := range []string{
		pm,
		"services/" + segment(long("svc-")) + "/index.html",
		"services/" + segment(long("svc-")+"y") + "/index.html",
		"tags/" + segment(long("tag-")) + "/index.html",
		"severities/" + segment(long("sev-")) + "/index.html",
		"owners/" + segment(long("own-")) + "/index.html",
		"owners/" + segment(long("rbo-")) + "/index.html",
		"notes/" + segment(page) + "/index.html",
		"notes/" + segment(page) + "-2/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("page not written: %v", err)
		}
	}
	assertFileContent(t, out, pm,
		`href="../../services/`+segment(long("svc-"))+`/index.html"`, `href="../../tags/`+segment(long("tag-"))+`/index.html"`,
		`href="../../owners/`+segment(long("own-"))+`/index.html"`, ">"+long("svc-")+"</a>")
	if n := checkLinksResolve(t, out); n < 50 {
		t.Errorf("only %d links checked", n)
	}
}
