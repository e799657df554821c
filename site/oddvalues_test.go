package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// TestDatesOfAnyYear checks that a date of year 1 is shown as given, not
// as missing, and that day counts are right however far back a date is.
func TestDatesOfAnyYear(t *testing.T) {
	out := buildKB(t, `
-- postmortems/ancient.md --
---
title: Ancient
date: 0001-01-01
severity: SEV3
actions:
  - what: Fix the calendar
    owner: team-sre
    due: 0000-01-01
---
-- runbooks/old.md --
---
title: Old
last_reviewed: 0001-01-01
---
`, Options{})
	// 2026-11-21 is day 740306 counted from 0000-01-01 (Python's
	// datetime: (date(2026,11,21) - date(1,1,1)).days + 366).
	assertFileContent(t, out, "postmortems/ancient/index.html", "<dt>Date</dt><dd>0001-01-01</dd>", "overdue 740306d", `<td class="date">0000-01-01</td>`)
	assertFileContent(t, out, "runbooks/old/index.html", "0001-01-01 (739940 days)")
	assertFileContent(t, out, "actions/index.html", "overdue 740306d")
}

// TestImplausibleDatesStayOffTheCharts checks that a postmortem whose date
// or incident times lie outside the KB's range of dates is published but
// left out of every chart: the axis does not reach back to year 1026.
func TestImplausibleDatesStayOffTheCharts(t *testing.T) {
	out := buildKB(t, `
-- postmortems/2026-10-01-real.md --
---
title: Real
date: 2026-10-01
severity: SEV2
services: [checkout]
started: 2026-10-01T10:00:00Z
resolved: 2026-10-01T11:00:00Z
actions:
  - what: Real action
    owner: team-sre
    due: 2026-12-01
---
-- postmortems/typo.md --
---
title: Typo
date: 1026-01-15
severity: SEV2
services: [typo-service]
tags: [cache]
actions:
  - what: Typo action
    owner: team-sre
    due: 2026-12-01
---
-- postmortems/late-start.md --
---
title: Late start
date: 2026-09-01
severity: SEV2
services: [typo-service]
tags: [cache]
started: 0000-01-01T10:00:00Z
resolved: 2026-09-01T11:00:00Z
---
-- postmortems/year-one.md --
---
title: Year one
date: 0001-01-01
severity: SEV2
services: [typo-service]
---
`, Options{})
	assertFileContent(t, out, "trends/index.html", "1 incidents from 2026-10 to 2026-10", "<tr><td>2026-10</td><td>1</td>", "checkout")
	assertNoFileContent(t, out, "trends/index.html", "1026", "0000-", "0001-", "typo-service", "Typo action", "2026-09")
	assertFileContent(t, out, "postmortems/typo/index.html", "<dd>1026-01-15</dd>")
	assertFileContent(t, out, "postmortems/late-start/index.html", "Late start")
	assertFileContent(t, out, "postmortems/year-one/index.html", "<dd>0001-01-01</dd>")
	assertFileContent(t, out, "postmortems/index.html", "Typo", "Late start", "Year one")
}

// TestBrokenLayoutsNameTheirFile checks that every error of a layout of
// the KB's own, found while parsing, checking or rendering, names the file
// at fault and the line where there is one.
func TestBrokenLayoutsNameTheirFile(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		// file and line:col of the error; other is a file other than the
		// override that the error stands in, when the override is named
		// in its message instead.
		at    string
		line  int
		col   int
		other bool
	}{
		{name: "no define", file: "postmortem.html", text: "<p>hi</p>", at: "postmortem.html"},
		{name: "home without define", file: "home.html", text: "<p>hi</p>", at: "home.html"},
		{name: "base without define", file: "base.html", text: "<p>hi</p>", at: "base.html"},
		{name: "parse error", file: "postmortem.html", text: "{{ define \"main\" }}\n{{ .Title }\n{{ end }}", at: "postmortem.html", line: 2},
		{name: "missing field", file: "postmortem.html", text: "{{ define \"main\" }}\n\n  {{ .Nope }}{{ end }}", at: "postmortem.html", line: 3, col: 6},
		{name: "defines base", file: "postmortem.html", text: "{{ define \"main\" }}x{{ end }}\n{{ define \"base\" }}<p>{{ .Title }}</p>{{ end }}", at: "postmortem.html", line: 2, col: 20},
		{name: "attribute left open", file: "runbook.html", text: "{{ define \"main\" }}\n<a href=\"{{ .Title }}{{ end }}", at: "runbook.html", line: 1, col: 20},
		{name: "call of no template", file: "list.html", text: "{{ define \"main\" }}\n{{ template \"nope\" . }}{{ end }}", at: "list.html", line: 2, col: 13},
		{name: "partial rendered by partialCached", file: "page.html", text: "{{ define \"main\" }}x{{ end }}\n{{ define \"sitefooter\" }}<footer class=\"{{ end }}", at: "page.html", line: 2, col: 26},
		{name: "partial failing in partialCached", file: "page.html", text: "{{ define \"main\" }}x{{ end }}\n{{ define \"sitefooter\" }}{{ .Nope }}{{ end }}", at: "page.html", line: 2, col: 29},
		{name: "partials without their defines", file: "partials.html", text: "<p>hi</p>", other: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			kbtest.WriteTree(t, dir, smallKB)
			override := filepath.Join(dir, "templates", "layouts", tc.file)
			if err := os.MkdirAll(filepath.Dir(override), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(override, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			kb, err := content.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Build(kb, Options{Out: filepath.Join(t.TempDir(), "public"), Today: testToday})
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T), want a *TemplateError", err, err)
			}
			if tc.other {
				if te.File == override || !strings.Contains(te.Msg, override) {
					t.Errorf("error %v: want it in another file, naming %s", te, override)
				}
				return
			}
			if te.File != filepath.Join(dir, "templates", "layouts", tc.at) || te.Line != tc.line || te.Col != tc.col {
				t.Errorf("error at %s:%d:%d (%v), want %s:%d:%d", te.File, te.Line, te.Col, te, tc.at, tc.line, tc.col)
			}
			if !strings.HasPrefix(te.Error(), te.File) {
				t.Errorf("message %q does not start with the file", te.Error())
			}
		})
	}
}

// TestFeedsNeedAUsableBaseURL checks that without a usable base URL the
// feed and the sitemap are left out with one note that says why, and with
// one they are written.
func TestFeedsNeedAUsableBaseURL(t *testing.T) {
	const missing = "no base_url: feed.xml and sitemap.xml need absolute addresses; set base_url in kb.yaml or pass --base-url"
	for _, tc := range []struct {
		base   string
		usable bool
	}{
		{"", false},
		{"kb.example", false},
		{"/kb/", false},
		{"ftp://kb.example/", false},
		{"https://", false},
		{"https://kb.example/?lang=en", false},
		{"https://kb.example/?", false},
		{"https://kb.example/#top", false},
		{"https://kb.example/kb", true},
		{"http://localhost:8080/", true},
	} {
		t.Run(tc.base, func(t *testing.T) {
			dir := t.TempDir()
			kbtest.WriteTree(t, dir, "-- postmortems/a.md --\n---\ntitle: A\n---\n")
			kb, err := content.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			res, err := Build(kb, Options{Out: out, BaseURL: tc.base, Today: testToday})
			if err != nil {
				t.Fatal(err)
			}
			_, feedErr := os.Stat(filepath.Join(out, "feed.xml"))
			_, mapErr := os.Stat(filepath.Join(out, "sitemap.xml"))
			if (feedErr == nil) != tc.usable || (mapErr == nil) != tc.usable {
				t.Errorf("feed written %v, sitemap written %v; want %v", feedErr == nil, mapErr == nil, tc.usable)
			}
			switch {
			case tc.usable && len(res.Notes) != 0:
				t.Errorf("notes %q, want none", res.Notes)
			case !tc.usable && len(res.Notes) != 1:
				t.Errorf("notes %q, want one", res.Notes)
			case tc.base == "" && res.Notes[0] != missing:
				t.Errorf("note %q, want %q", res.Notes[0], missing)
			case !tc.usable && tc.base != "" && !strings.Contains(res.Notes[0], `"`+tc.base+`"`):
				t.Errorf("note %q does not name %q", res.Notes[0], tc.base)
			}
			if _, err := os.Stat(filepath.Join(out, "postmortems", "a", "index.html")); err != nil {
				t.Errorf("the page was not built: %v", err)
			}
		})
	}
}
