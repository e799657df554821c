package content

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func parse(t *testing.T, path, src string) (*Doc, []*Error) {
	t.Helper()
	cfg := DefaultConfig()
	return NewParser(&cfg).Parse(path, []byte(src))
}

// crlf turns LF line ends into CRLF; bomOf prefixes a UTF-8 BOM.
func crlf(s string) string  { return strings.ReplaceAll(s, "\n", "\r\n") }
func bomOf(s string) string { return "\uFEFF" + s }

func TestFrontMatterKeyPositions(t *testing.T) {
	const src = "---\ntitle: Cache stampede\nseverity: SEV2\nservices:\n  - checkout\n  - catalog\n---\n\n## Summary\n\nText.\n"
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"lf", src},
		{"crlf", crlf(src)},
		{"bom", bomOf(src)},
		{"bom+crlf", bomOf(crlf(src))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := parse(t, "postmortems/a.md", tc.src)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			want := map[string]int{"title": 2, "severity": 3, "services": 4}
			for key, line := range want {
				p, ok := doc.KeyPos(key)
				if !ok || p.Line != line || p.Col != 1 {
					t.Errorf("%s at %v, want line %d col 1", key, p, line)
				}
			}
			if doc.BodyLine != 8 {
				t.Errorf("BodyLine = %d, want 8", doc.BodyLine)
			}
			if len(doc.Sections) != 1 || doc.Sections[0].Pos.Line != 9 {
				t.Errorf("sections = %+v, want Summary at line 9", doc.Sections)
			}
			if got := strings.Join(doc.Meta.Services, ","); got != "checkout,catalog" {
				t.Errorf("services = %q", got)
			}
			if doc.Title != "Cache stampede" || doc.Meta.Severity != "SEV2" {
				t.Errorf("title %q severity %q", doc.Title, doc.Meta.Severity)
			}
		})
	}
}

func TestMalformedFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src      string
		line     int
		contains string
	}{
		{"toml", "+++\ntitle = \"x\"\n+++\n# Body\n", 1, "TOML front matter"},
		{"hugo template", "---\ntitle: x\ndate: {{ .Date }}\n---\n", 3, "template expression"},
		{"quoted hugo template", "---\ntitle: '{{ replace .Name \"-\" \" \" }}'\n---\n", 2, "template expression"},
		{"unterminated", "---\ntitle: x\nseverity: SEV1\n\n# Body\n", 1, "never closed"},
		{"unclosed flow list", "---\ntitle: x\nservices: [a, b\nseverity: SEV1\n---\n", 3, "invalid YAML"},
		{"unclosed flow at end", "---\na: 1\nb: [\n---\n", 4, "invalid YAML"},
		{"unclosed quote on the first line", "---\ntitle: \"x\nc: 3\n---\n", 2, "invalid YAML"},
		{"unclosed quote", "---\na: 1\nb: \"x\nc: 3\n---\n", 3, "invalid YAML"},
		{"bad indentation", "---\ntitle: x\n  severity: SEV1\n---\n", 3, "invalid YAML"},
		{"tab indentation", "---\ntitle: x\nservices:\n\t- a\n---\n", 4, "invalid YAML"},
		{"not a mapping", "---\n- a\n- b\n---\n", 2, "must be a mapping"},
		{"scalar", "---\njust text\n---\n", 2, "must be a mapping"},
		{"duplicate key", "---\ntitle: a\ntitle: b\n---\n", 3, "already defined at line 2"},
		{"invalid utf-8", "# Title\n\nbad \xff byte\n", 3, "invalid UTF-8"},
	} {
		for _, v := range []struct {
			name string
			f    func(string) string
		}{{"lf", func(s string) string { return s }}, {"crlf", crlf}, {"bom", bomOf}, {"bom+crlf", func(s string) string { return bomOf(crlf(s)) }}} {
			t.Run(tc.name+"/"+v.name, func(t *testing.T) {
				doc, errs := parse(t, "postmortems/bad.md", v.f(tc.src))
				if doc == nil {
					t.Fatal("no document returned")
				}
				if len(errs) != 1 {
					t.Fatalf("got %d errors %v, want 1", len(errs), errs)
				}
				e := errs[0]
				if e.Pos.Line != tc.line || e.Pos.File != "postmortems/bad.md" || !strings.Contains(e.Msg, tc.contains) {
					t.Errorf("got %v, want line %d containing %q", e, tc.line, tc.contains)
				}
				if !strings.HasPrefix(e.Error(), "postmortems/bad.md:") {
					t.Errorf("error %q does not start with file:line", e.Error())
				}
			})
		}
	}
}

func TestErrorExcerptShowsNearbyLines(t *testing.T) {
	_, errs := parse(t, "x.md", "---\ntitle: x\nservices: [a, b\nseverity: SEV1\nowner: y\n---\n")
	if len(errs) != 1 {
		t.Fatalf("errors: %v", errs)
	}
	got := errs[0].Excerpt()
	for _, want := range []string{"x.md:3:1: invalid YAML", "     1 | ---", ">    3 | services: [a, b", "     5 | owner: y"} {
		if !strings.Contains(got, want) {
			t.Errorf("excerpt lacks %q:\n%s", want, got)
		}
	}
}

func TestFieldErrors(t *testing.T) {
	doc, errs := parse(t, "postmortems/a.md", "---\ntitle: [a, b]\nresolved: true\nstarted: 2026-13-45\nservices: {a: b}\n---\n")
	if len(errs) != 0 {
		t.Fatalf("load errors: %v", errs)
	}
	var lines []int
	for _, e := range doc.FieldErrors {
		lines = append(lines, e.Pos.Line)
	}
	if want := []int{2, 3, 4, 5}; !slices.Equal(lines, want) {
		t.Errorf("field error lines %v, want %v (%v)", lines, want, doc.FieldErrors)
	}
	if doc.Title != "a" {
		t.Errorf("title %q, want the file name fallback", doc.Title)
	}
}

func TestNoFrontMatterFallbacks(t *testing.T) {
	for _, tc := range []struct {
		path, src   string
		title, date string
		kind        Kind
		id          string
	}{
		{"postmortems/2024-05-02-db-outage.md", "Some text.\n\n# Database outage\n", "Database outage", "2024-05-02", KindPostmortem, "2024-05-02-db-outage"},
		{"postmortems/2024-05-02-db-outage.md", "No heading here.\n", "db outage", "2024-05-02", KindPostmortem, "2024-05-02-db-outage"},
		{"runbooks/payments/DB Failover.md", "## Trigger\n", "DB Failover", "", KindRunbook, "db-failover"},
		{"notes/readme.md", "# **Read** me\n", "Read me", "", KindPage, "notes"},
		{"PM2022-006 - ALB 502 errors.md", "# ALB 502 Errors\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2022-05-25 10:00 | x |\n", "ALB 502 Errors", "2022-05-25", KindPage, "pm2022-006-alb-502-errors"},
		{"postmortems/x.md", "---\n---\n# Empty block\n", "Empty block", "", KindPostmortem, "x"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			doc, errs := parse(t, tc.path, tc.src)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			date := ""
			if !doc.Date.IsZero() {
				date = doc.Date.Format("2006-01-02")
			}
			if doc.Title != tc.title || date != tc.date || doc.Kind != tc.kind || doc.ID != tc.id {
				t.Errorf("got title %q date %q kind %q id %q, want %q %q %q %q", doc.Title, date, doc.Kind, doc.ID, tc.title, tc.date, tc.kind, tc.id)
			}
		})
	}
}

func TestKindAndIDFromFrontMatter(t *testing.T) {
	doc, _ := parse(t, "notes/x.md", "---\nkind: runbook\nid: Cache Stampede!\n---\n")
	if doc.Kind != KindRunbook || doc.ID != "cache-stampede" {
		t.Errorf("kind %q id %q", doc.Kind, doc.ID)
	}
	doc, _ = parse(t, "postmortems/x.md", "---\nkind: incident\n---\n")
	if doc.Kind != KindPostmortem || len(doc.FieldErrors) != 1 || doc.FieldErrors[0].Pos.Line != 2 {
		t.Errorf("unknown kind: kind %q field errors %v", doc.Kind, doc.FieldErrors)
	}
}

func date(s string) Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return At(t)
}

func TestActionItemForms(t *testing.T) {
	const src = `---
title: Three forms
actions:
  - what: Add single-flight fills to the cache client
    owner: team-platform
    due: 2026-04-15
    status: in progress
    link: https://tracker.example/PLAT-1
  - Rotate the signing key
---

## Action items

| Task | Assignee | Deadline | State |
|------|----------|----------|-------|
| Alert on p95 latency | @team-sre | 2026-05-01 | done |
| Load-test the origin | team-catalog | next quarter | |

### Follow-ups

- [ ] Add TTL jitter — owner: team-platform, due: 2026-04-01
- [x] Document the failover (@team-db, due 2026-03-01) [PLAT-2](https://tracker.example/PLAT-2)
- [ ] ~~Rewrite the cache~~
- Better monitoring of namespaces.
- [ ] Page on disk full — owner: team-sre, due: 2026-06-01, https://tracker.example/SRE-9.

## Actions

- This runbook-style section holds no action items.
`
	doc, errs := parse(t, "postmortems/a.md", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []ActionItem{
		{What: "Add single-flight fills to the cache client", Owner: "team-platform", Due: date("2026-04-15"), Status: StatusInProgress, Link: "https://tracker.example/PLAT-1", Form: FormFrontMatter, DuePos: Pos{"postmortems/a.md", 6, 10}, Pos: Pos{"postmortems/a.md", 4, 5}},
		{What: "Rotate the signing key", Status: StatusOpen, Form: FormFrontMatter, DuePos: Pos{"postmortems/a.md", 9, 5}, Pos: Pos{"postmortems/a.md", 9, 5}},
		{What: "Alert on p95 latency", Owner: "team-sre", Due: date("2026-05-01"), Status: StatusDone, Form: FormTable, DuePos: Pos{"postmortems/a.md", 16, 38}, Pos: Pos{"postmortems/a.md", 16, 3}},
		{What: "Load-test the origin", Owner: "team-catalog", DueText: "next quarter", Status: StatusOpen, Form: FormTable, DuePos: Pos{"postmortems/a.md", 17, 41}, Pos: Pos{"postmortems/a.md", 17, 3}},
		{What: "Add TTL jitter", Owner: "team-platform", Due: date("2026-04-01"), Status: StatusOpen, Form: FormTaskList, DuePos: Pos{"postmortems/a.md", 21, 51}, Pos: Pos{"postmortems/a.md", 21, 3}},
		{What: "Document the failover PLAT-2", Owner: "team-db", Due: date("2026-03-01"), Status: StatusDone, Link: "https://tracker.example/PLAT-2", Form: FormTaskList, DuePos: Pos{"postmortems/a.md", 22, 44}, Pos: Pos{"postmortems/a.md", 22, 3}},
		{What: "Rewrite the cache", Status: StatusDone, Form: FormTaskList, DuePos: Pos{"postmortems/a.md", 23, 3}, Pos: Pos{"postmortems/a.md", 23, 3}},
		{What: "Better monitoring of namespaces.", Status: StatusOpen, Form: FormList, DuePos: Pos{"postmortems/a.md", 24, 3}, Pos: Pos{"postmortems/a.md", 24, 3}},
		{What: "Page on disk full — https://tracker.example/SRE-9.", Owner: "team-sre", Due: date("2026-06-01"), Status: StatusOpen, Link: "https://tracker.example/SRE-9", Form: FormTaskList, DuePos: Pos{"postmortems/a.md", 25, 49}, Pos: Pos{"postmortems/a.md", 25, 3}},
	}
	if len(doc.Actions) != len(want) {
		t.Fatalf("got %d items, want %d:\n%+v", len(doc.Actions), len(want), doc.Actions)
	}
	for i, w := range want {
		if got := doc.Actions[i]; got != w {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}

func TestTimelineAndDurations(t *testing.T) {
	const src = `---
title: t
started:   2026-03-14T23:40:00Z
detected:  2026-03-14T23:52:00Z
mitigated: 2026-03-15T00:31:00Z
resolved:  2026-03-15T02:10:00Z
---

## Timeline

| Time (UTC) | Event |
|---|---|
| 23:40 | Deploy starts |
| 23:52 | **Alert** fires |
| 00:31 | Rollback done |

## Timeline (detail)

- 2026-03-15 02:10 — Resolved
- 2026-03-16 — Review held
- 09:05 UTC: Follow-up call
- no time here
`
	doc, errs := parse(t, "postmortems/a.md", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []struct {
		line  int
		when  string
		event string
	}{
		{13, "2026-03-14T23:40:00Z", "Deploy starts"},
		{14, "2026-03-14T23:52:00Z", "Alert fires"},
		{15, "2026-03-15T00:31:00Z", "Rollback done"},
		{19, "2026-03-15T02:10:00Z", "Resolved"},
		{20, "2026-03-16T00:00:00Z", "Review held"},
		{21, "2026-03-16T09:05:00Z", "Follow-up call"},
	}
	if len(doc.Timeline) != len(want) {
		t.Fatalf("got %d entries: %+v", len(doc.Timeline), doc.Timeline)
	}
	for i, w := range want {
		e := doc.Timeline[i]
		if e.Pos.Line != w.line || e.Time.UTC().Format(time.RFC3339) != w.when || e.Event != w.event {
			t.Errorf("entry %d: got line %d %s %q, want %d %s %q", i, e.Pos.Line, e.Time.UTC().Format(time.RFC3339), e.Event, w.line, w.when, w.event)
		}
	}
	for _, c := range []struct {
		name string
		f    func() (time.Duration, bool)
		want time.Duration
	}{
		{"detect", doc.TimeToDetect, 12 * time.Minute},
		{"contain", doc.TimeToContain, 51 * time.Minute},
		{"resolve", doc.TimeToResolve, 2*time.Hour + 30*time.Minute},
	} {
		if got, ok := c.f(); !ok || got != c.want {
			t.Errorf("time to %s = %v %v, want %v", c.name, got, ok, c.want)
		}
	}
	empty, _ := parse(t, "postmortems/b.md", "# x\n")
	if _, ok := empty.TimeToDetect(); ok {
		t.Error("time to detect known without started and detected")
	}
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"postmortems/**", "postmortems/2024/a.md", true},
		{"postmortems/**", "postmortems/a.md", true},
		{"postmortems/**", "runbooks/a.md", false},
		{"alerts/**", "alerts/op/Alert.md", true},
		{"content/runbooks/**/*.md", "content/runbooks/node/x.md", true},
		{"PM*.md", "PM2020-001 - x.md", true},
		{"PM*.md", "sub/PM1.md", true},
		{"PM*.md", "README.md", false},
	} {
		if got := matchGlob(tc.glob, tc.path); got != tc.want {
			t.Errorf("matchGlob(%q, %q) = %v", tc.glob, tc.path, got)
		}
	}
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03-14":                "2026-03-14T00:00:00Z",
		"2026-03-14T13:55:00Z":      "2026-03-14T13:55:00Z",
		"2022-06-13T08:30:00-00:00": "2022-06-13T08:30:00Z",
		"2026-03-14T13:55:00+02:00": "2026-03-14T11:55:00Z",
		"2026-03-14T13:55":          "2026-03-14T13:55:00Z",
		"2026-03-14 13:55:00":       "2026-03-14T13:55:00Z",
		"2026-03-14 13:55 UTC":      "2026-03-14T13:55:00Z",
		"2026-03-14 13:55:00 +0100": "2026-03-14T12:55:00Z",
		"2026-13-14":                "",
		"14/03/2026":                "",
		"soon":                      "",
		"2026-03-14x":               "",
	} {
		got, ok := ParseTime(in)
		s := ""
		if ok {
			s = got.UTC().Format(time.RFC3339)
		}
		if s != want {
			t.Errorf("ParseTime(%q) = %q, want %q", in, s, want)
		}
	}
}

func TestCodeAndQuoteLines(t *testing.T) {
	const src = "---\ntitle: x\n---\nText.\n\n```sh\nrm -rf /\necho done\n```\n\n> quoted\n> chat\n\n    indented code\n\n<div>\nraw\n</div>\n\n- item\n\n  ```\n  nested\n  ```\n"
	doc, _ := parse(t, "a.md", src)
	want := []LineRange{{7, 8}, {14, 14}, {16, 18}, {23, 23}}
	if len(doc.Code) != len(want) {
		t.Fatalf("code ranges %v, want %v", doc.Code, want)
	}
	for i := range want {
		if doc.Code[i] != want[i] {
			t.Errorf("code range %d = %v, want %v", i, doc.Code[i], want[i])
		}
	}
	if len(doc.Quotes) != 1 || doc.Quotes[0] != (LineRange{11, 12}) {
		t.Errorf("quotes %v, want [{11 12}]", doc.Quotes)
	}
}

func TestPlainListItemsTellingOfDoneWork(t *testing.T) {
	doc, _ := parse(t, "postmortems/a.md", "## Action items\n\n- We've advised the teams to run two replicas\n- We have already added a lag alert\n- We tweaked the pull quota\n- We have to add a lag alert\n- We need a lag alert\n- Add a lag alert\n- [ ] We've added nothing yet\n")
	want := []string{StatusDone, StatusDone, StatusDone, StatusOpen, StatusOpen, StatusOpen, StatusOpen}
	if len(doc.Actions) != len(want) {
		t.Fatalf("%d items", len(doc.Actions))
	}
	for i, a := range doc.Actions {
		if a.Status != want[i] {
			t.Errorf("%q: status %s, want %s", a.What, a.Status, want[i])
		}
	}
}
