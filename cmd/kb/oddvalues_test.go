package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// oddKB is the KB each odd-value case adds its files to: a clean
// postmortem, and a runbook whose one finding (it was never drilled) shows
// that the rest of the KB is still checked.
const oddKB = `
-- kb.yaml --
title: Odd values
base_url: https://kb.example/
-- postmortems/2026-10-02-good.md --
---
title: Good
date: 2026-10-02
severity: SEV3
status: published
services: [db]
actions:
  - what: Alert when replica lag exceeds 30 s for 5 minutes
    owner: team-sre
    due: 2026-12-01
---

## Summary

## Impact

## Timeline

## Root cause
-- runbooks/witness.md --
---
title: Witness
owner: team-sre
services: [db]
last_reviewed: 2026-10-01
---

## Trigger

## Checks

## Actions

## Decision points

## Rollback

## Validation
`

// witness is the finding of oddKB's runbook, which every case must keep.
const witness = "runbooks/witness.md:2:1 warning runbook/stale-drill"

// oddPostmortem is a postmortem that lints clean, with front lines added
// to its front matter (they replace the keys they name) and body added to
// its end.
func oddPostmortem(front, body string) string {
	keys := []string{"title: Odd", "date: 2026-10-03", "severity: SEV3", "status: published", "services: [db]"}
	var lines []string
	for _, k := range keys {
		name, _, _ := strings.Cut(k, ":")
		if !strings.Contains("\n"+front, "\n"+name+":") {
			lines = append(lines, k)
		}
	}
	if front != "" {
		lines = append(lines, strings.TrimRight(front, "\n"))
	}
	return "---\n" + strings.Join(lines, "\n") + "\n---\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Root cause\n\n## Action items\n\n- [x] Add a lag alert — owner: team-sre, due: 2026-10-20\n" + body
}

type oddCase struct {
	name  string
	files map[string]string
	// lint lists every finding kb lint must give, "file:line:col severity
	// rule" (witness is added), and lintCode its exit code.
	lint     []string
	lintCode int
	// messages are texts the findings' messages must hold, by position.
	messages map[string]string
	// pages are files the built site must hold, with a snippet of each
	// ("" for any content); missing are files it must not hold.
	pages   map[string]string
	missing []string
	// notIn are files of the site that must not hold a snippet.
	notIn map[string]string
	// buildArgs are more arguments of kb build; buildCode is its exit
	// code, and stderr texts its error output must hold, once each.
	buildArgs []string
	buildCode int
	stderr    []string
}

type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// runOddCase lints and builds oddKB with the case's files and checks
// exit codes, findings, positions and pages.
func runOddCase(t *testing.T, tc oddCase) {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, oddKB)
	for name, data := range tc.files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", "--format", "json")
	var findings []jsonFinding
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("lint output is not JSON: %v\n%s\n%s", err, out, errOut)
	}
	var got []string
	byPos := map[string]string{}
	for _, f := range findings {
		rel, err := filepath.Rel(dir, f.File)
		if err != nil {
			rel = f.File
		}
		pos := filepath.ToSlash(rel) + ":" + itoa(f.Line) + ":" + itoa(f.Column)
		got = append(got, pos+" "+f.Severity+" "+f.Rule)
		byPos[pos] += f.Message + "\n"
	}
	want := append([]string{witness}, tc.lint...)
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lint findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if code != tc.lintCode {
		t.Errorf("lint exit %d, want %d", code, tc.lintCode)
	}
	for pos, msg := range tc.messages {
		if !strings.Contains(byPos[pos], msg) {
			t.Errorf("no finding at %s says %q; there: %q", pos, msg, byPos[pos])
		}
	}
	site := filepath.Join(t.TempDir(), "public")
	code, _, errOut = kbRun(t, append([]string{"build", "--dir", dir, "--out", site}, tc.buildArgs...)...)
	if code != tc.buildCode {
		t.Errorf("build exit %d, want %d; stderr:\n%s", code, tc.buildCode, errOut)
	}
	for _, s := range tc.stderr {
		if n := strings.Count(errOut, s); n != 1 {
			t.Errorf("build stderr holds %q %d times, want once:\n%s", s, n, errOut)
		}
	}
	if tc.buildCode != 0 {
		return
	}
	pages := map[string]string{"postmortems/2026-10-02-good/index.html": "Good", "runbooks/witness/index.html": "Witness"}
	for name, snippet := range tc.pages {
		pages[name] = snippet
	}
	for name, snippet := range pages {
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("the site lacks %s: %v", name, err)
			continue
		}
		if !strings.Contains(string(data), snippet) {
			t.Errorf("%s lacks %q", name, snippet)
		}
	}
	for name, snippet := range tc.notIn {
		if data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name))); err != nil || strings.Contains(string(data), snippet) {
			t.Errorf("%s holds %q (or cannot be read: %v)", name, snippet, err)
		}
	}
	for _, name := range tc.missing {
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(name))); err == nil {
			t.Errorf("the site holds %s", name)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestOddDates checks dates of any year, leap seconds and day counts far
// from today.
func TestOddDates(t *testing.T) {
	for _, tc := range []oddCase{
		{
			name:     "year 0001 is a date, and implausible",
			files:    map[string]string{"postmortems/ancient.md": oddPostmortem("date: 0001-01-01", "")},
			lint:     []string{"postmortems/ancient.md:6:7 error schema/date-range"},
			lintCode: 1,
			messages: map[string]string{"postmortems/ancient.md:6:7": "date 0001-01-01 is before 1990-01-01"},
			pages:    map[string]string{"postmortems/ancient/index.html": "<dd>0001-01-01</dd>"},
			notIn:    map[string]string{"trends/index.html": "0001-"},
		},
		{
			name:     "year typed 1026",
			files:    map[string]string{"postmortems/typo.md": oddPostmortem("date: 1026-01-15", "")},
			lint:     []string{"postmortems/typo.md:6:7 error schema/date-range"},
			lintCode: 1,
			pages:    map[string]string{"postmortems/typo/index.html": "<dd>1026-01-15</dd>", "trends/index.html": "from 2026-10 to 2026-10"},
			notIn:    map[string]string{"trends/index.html": "1026"},
		},
		{
			name:     "year 0000 in the incident times and the file name",
			files:    map[string]string{"postmortems/0000-01-01-zero.md": oddPostmortem("date:\nstarted: 0000-01-01T10:00:00Z", "")},
			lint:     []string{"postmortems/0000-01-01-zero.md:1:1 error schema/date-range", "postmortems/0000-01-01-zero.md:7:10 error schema/date-range"},
			lintCode: 1,
			messages: map[string]string{"postmortems/0000-01-01-zero.md:1:1": "date 0000-01-01 of the file name"},
			pages:    map[string]string{"postmortems/0000-01-01-zero/index.html": "<dd>0000-01-01</dd>"},
			notIn:    map[string]string{"trends/index.html": "0000-"},
		},
		{
			name: "due date and timeline far ahead",
			files: map[string]string{"postmortems/ahead.md": oddPostmortem("",
				"- [ ] Rewrite the scheduler — owner: team-sre, due: 2207-01-01\n\n## Timeline of events\n\n- 2207-01-01 10:00 — a typo\n")},
			lint:     []string{"postmortems/ahead.md:20:53 error schema/date-range", "postmortems/ahead.md:24:3 error schema/date-range"},
			lintCode: 1,
			messages: map[string]string{"postmortems/ahead.md:20:53": "due date 2207-01-01 of \"Rewrite the scheduler\" is more than 365 days after today (2026-11-21)"},
		},
		{
			name: "a range of the KB's own",
			files: map[string]string{
				"kb.yaml":             "base_url: https://kb.example/\ndates: {earliest: 1000-01-01, max_days_ahead: 36500}\n",
				"postmortems/typo.md": oddPostmortem("date: 1026-01-15", "- [ ] Rewrite the scheduler — owner: team-sre, due: 2107-01-01\n"),
			},
			pages: map[string]string{"trends/index.html": "1 incidents from 2006-11 to 2026-10"}, // the chart shows its last 20 years
		},
		{
			name: "days overdue counted for year 0",
			files: map[string]string{"postmortems/ancient.md": oddPostmortem(
				"actions:\n  - what: Fix the calendar\n    owner: team-sre\n    due: 0000-01-01", "")},
			lint:     []string{"postmortems/ancient.md:8:5 warning actions/overdue", "postmortems/ancient.md:10:10 error schema/date-range"},
			lintCode: 1,
			messages: map[string]string{"postmortems/ancient.md:8:5": "was due 0000-01-01, 740306 days ago"},
			pages:    map[string]string{"postmortems/ancient/index.html": "Fix the calendar"},
		},
		{
			name: "leap second accepted",
			files: map[string]string{"postmortems/2016-12-31-leap.md": oddPostmortem(
				"date: 2016-12-31\nstarted: 2016-12-31T23:50:00Z\ndetected: 2016-12-31T23:59:60Z\nresolved: 2017-01-01T00:10:00Z", "")},
			pages: map[string]string{"postmortems/2016-12-31-leap/index.html": "<dd>10m</dd>"}, // detected at 00:00:00
		},
		{
			name: "second 60 outside a leap minute refused",
			files: map[string]string{"postmortems/2016-12-31-leap.md": oddPostmortem(
				"date: 2016-12-31\ndetected: 2016-12-31T12:30:60Z", "")},
			lint:     []string{"postmortems/2016-12-31-leap.md:7:11 error schema/type"},
			lintCode: 1,
			pages:    map[string]string{"postmortems/2016-12-31-leap/index.html": "Odd"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runOddCase(t, tc) })
	}
}

// TestOddBytes checks that a file with a NUL byte is one finding at the
// byte and no page, and the rest of the KB is linted and built.
func TestOddBytes(t *testing.T) {
	for _, tc := range []oddCase{
		{
			name:     "NUL byte in the body",
			files:    map[string]string{"postmortems/nul.md": oddPostmortem("", "A log line\x00 pasted whole.\n")},
			lint:     []string{"postmortems/nul.md:20:11 error schema/frontmatter"},
			lintCode: 1,
			stderr:   []string{"postmortems/nul.md:20:11: not a text file"},
			missing:  []string{"postmortems/nul/index.html"},
		},
		{
			name:     "NUL byte in the front matter",
			files:    map[string]string{"runbooks/nul.md": "---\ntitle: Bin\x00ary\nowner: team-sre\n---\n"},
			lint:     []string{"runbooks/nul.md:2:11 error schema/frontmatter"},
			lintCode: 1,
			stderr:   []string{"runbooks/nul.md:2:11: not a text file"},
			missing:  []string{"runbooks/nul/index.html", "runbooks/binary/index.html"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runOddCase(t, tc) })
	}
}

// TestOddYAML checks that YAML errors stand where they are: an alias to no
// anchor at the alias, a key given twice at any depth at the second one.
func TestOddYAML(t *testing.T) {
	for _, tc := range []oddCase{
		{
			name:     "alias to no anchor",
			files:    map[string]string{"postmortems/alias.md": oddPostmortem("tags: *nope", "")},
			lint:     []string{"postmortems/alias.md:7:7 error schema/frontmatter"},
			lintCode: 1,
			messages: map[string]string{"postmortems/alias.md:7:7": "unknown anchor 'nope' referenced"},
			stderr:   []string{"postmortems/alias.md:7:7: invalid YAML in front matter"},
			pages:    map[string]string{"postmortems/alias/index.html": "alias"},
		},
		{
			name: "key twice in an action item",
			files: map[string]string{"postmortems/dup.md": oddPostmortem(
				"actions:\n  - what: Add an alert\n    owner: team-sre\n    due: 2026-10-20\n    status: done\n    owner: team-db", "")},
			lint:     []string{"postmortems/dup.md:12:5 error schema/frontmatter"},
			lintCode: 1,
			messages: map[string]string{"postmortems/dup.md:12:5": `key "owner" already defined at line 9`},
			pages:    map[string]string{"postmortems/dup/index.html": "dup"},
		},
		{
			name:     "key twice in kb.yaml's lint rules",
			files:    map[string]string{"kb.yaml": "base_url: https://kb.example/\nlint:\n  rules:\n    privacy: off\n    privacy: warning\n"},
			lint:     []string{"kb.yaml:5:5 error schema/frontmatter"},
			lintCode: 1,
			messages: map[string]string{"kb.yaml:5:5": `invalid YAML in kb.yaml: key "privacy" already defined at line 4`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runOddCase(t, tc) })
	}
}

// TestOddLayouts checks that a broken layout of the KB's own fails the
// build with its file and line, and leaves lint alone.
func TestOddLayouts(t *testing.T) {
	for _, tc := range []oddCase{
		{
			name:      "no define",
			files:     map[string]string{"templates/layouts/postmortem.html": "<p>hi</p>\n"},
			buildCode: 1,
			stderr:    []string{`templates/layouts/postmortem.html: defines no "main" template`, "The previous output, if any, is unchanged."},
		},
		{
			name:      "parse error",
			files:     map[string]string{"templates/layouts/runbook.html": "{{ define \"main\" }}\n{{ .Title }\n{{ end }}\n"},
			buildCode: 1,
			stderr:    []string{`templates/layouts/runbook.html:2: unexpected "}" in operand`},
		},
		{
			name:      "missing field",
			files:     map[string]string{"templates/layouts/postmortem.html": "{{ define \"main\" }}\n\n  {{ .Nope }}{{ end }}\n"},
			buildCode: 1,
			stderr:    []string{`templates/layouts/postmortem.html:3:6: executing "main" at <.Nope>`},
		},
		{
			name:      "defines base",
			files:     map[string]string{"templates/layouts/home.html": "{{ define \"main\" }}x{{ end }}\n{{ define \"base\" }}<p>{{ .Title }}</p>{{ end }}\n"},
			buildCode: 1,
			stderr:    []string{`templates/layouts/home.html:2:20: defines "base"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runOddCase(t, tc) })
	}
}

// TestOddSettings checks that kb.yaml values out of range or malformed are
// schema/config findings at the value, and that the defaults are used: the
// documents are still linted as before and built.
func TestOddSettings(t *testing.T) {
	for _, tc := range []oddCase{
		{
			name: "out of range",
			files: map[string]string{"kb.yaml": "base_url: https://kb.example/\nstale_days: -1\nseverities: []\n" +
				"lint:\n  runbook_max_lines: -5\n"},
			lint:     []string{"kb.yaml:2:13 error schema/config", "kb.yaml:3:13 error schema/config", "kb.yaml:5:22 error schema/config"},
			lintCode: 1,
			messages: map[string]string{"kb.yaml:3:13": "the defaults SEV1, SEV2, SEV3, SEV4 are used"},
			stderr:   []string{"kb.yaml:2:13: stale_days should be a number of days above 0"},
			pages:    map[string]string{"severities/sev3/index.html": "Good"},
		},
		{
			name: "malformed globs and duplicate severities",
			files: map[string]string{"kb.yaml": "base_url: https://kb.example/\nseverities: [SEV1, SEV2, SEV3, SEV3]\n" +
				"kinds:\n  postmortem: [\"[\"]\n  runbook: [\"runbooks/**\", \"ops/[\"]\n"},
			lint:     []string{"kb.yaml:2:32 error schema/config", "kb.yaml:4:16 error schema/config", "kb.yaml:5:28 error schema/config"},
			lintCode: 1,
			messages: map[string]string{"kb.yaml:4:16": "the default postmortems/** is used"},
			pages:    map[string]string{"postmortems/2026-10-02-good/index.html": "Postmortem"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runOddCase(t, tc) })
	}
}

// TestOddBaseURL checks that kb build says once, on stderr, why it writes
// no feed and no sitemap, and still builds every page.
func TestOddBaseURL(t *testing.T) {
	const missing = "kb build: no base_url: feed.xml and sitemap.xml need absolute addresses; set base_url in kb.yaml or pass --base-url"
	noFeeds := []string{"feed.xml", "sitemap.xml"}
	for _, tc := range []oddCase{
		{
			name:    "no base_url",
			files:   map[string]string{"kb.yaml": "title: No base\n"},
			stderr:  []string{missing},
			missing: noFeeds,
		},
		{
			name:    "not absolute",
			files:   map[string]string{"kb.yaml": "base_url: kb.example/docs\n"},
			stderr:  []string{`kb build: base_url "kb.example/docs" is not an absolute http(s) address`},
			missing: noFeeds,
		},
		{
			name:    "with a query",
			files:   map[string]string{"kb.yaml": "base_url: https://kb.example/?lang=en\n"},
			stderr:  []string{`kb build: base_url "https://kb.example/?lang=en" has a query`},
			missing: noFeeds,
		},
		{
			name:      "--base-url gives one",
			files:     map[string]string{"kb.yaml": "title: No base\n"},
			buildArgs: []string{"--base-url", "https://kb.example/kb/"},
			pages:     map[string]string{"feed.xml": "https://kb.example/kb/postmortems/", "sitemap.xml": "https://kb.example/kb/runbooks/witness/"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runOddCase(t, tc) })
	}
}

// TestTimesCenturiesApart builds and lints postmortems whose times lie
// centuries apart (a typed year): no time to detect is shown for them,
// and nothing overflows.
func TestTimesCenturiesApart(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- postmortems/2026-01-01-year-one.md --
---
title: Detected in year one
date: 2026-01-01
severity: SEV3
status: published
services: [queue]
started: 2026-01-01T00:00:00Z
detected: 0001-01-01T00:00:00Z
resolved: 1000-01-01T00:00:00Z
---
# Detected in year one
`)
	code, _, errOut := kbRun(t, "build", "--dir", dir)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	page := readFile(t, filepath.Join(dir, "public", "postmortems", "2026-01-01-year-one", "index.html"))
	if strings.Contains(page, "106751d") || strings.Contains(page, "Time to detect") {
		t.Errorf("the page shows a time to detect or resolve from centuries apart:\n%s", page)
	}
	code, out, _ := kbRun(t, "lint", "--dir", dir, "--format", "json", "--today", "2026-11-21")
	if code != 1 || !strings.Contains(out, `"rule": "schema/date-range"`) {
		t.Errorf("lint: exit %d, want the dates reported: %s", code, out)
	}
}
