package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// actionsKB holds postmortems that write their action items in each way:
// a task list under sub-headings, a table, the front matter with a
// section of prose, and the front matter alone.
const actionsKB = `
-- postmortems/2026-09-01-tasks.md --
---
title: Tasks
date: 2026-09-01
---
# Tasks

## Summary

The queue filled.

## Action items

These came out of the review.

- [ ] Add alerting on queue depth — owner: team-platform, due: 2026-10-15
- [x] Raise the queue limit — owner: team-platform, due: 2026-09-05

- [ ] Page on consumer lag — owner: team-data, due: 2026-12-01

### Notes

The limit was raised during the incident.

## Lessons

Queues fill quietly.
-- postmortems/2026-09-02-table.md --
---
title: Table
date: 2026-09-02
---
## Remediation

| Action | Owner | Due | Status |
|---|---|---|---|
| Rotate the token yearly | team-edge | 2026-10-01 | open |

## Timeline

- 10:00 the token expired
-- postmortems/2026-09-03-front.md --
---
title: Front matter with prose
date: 2026-09-03
actions:
  - {what: Shard the export job, owner: team-finance, due: 2026-12-31, status: open}
---
## Follow-ups

Tracked in the front matter.

## Related

Nothing.
-- postmortems/2026-09-04-only.md --
---
title: Front matter only
date: 2026-09-04
actions:
  - {what: Add a replica, owner: team-db, due: 2026-12-31, status: open}
---
## Summary

A replica was lost.
`

// TestActionItemsShownOnce checks that a postmortem page shows its action
// items once: kb's table with its badges where the body wrote them (or at
// the end of the body's action section), the body's heading and prose
// kept, the items' own list or table gone, and no second table after the
// body; a body without an action section gets kb's section after it.
func TestActionItemsShownOnce(t *testing.T) {
	out := buildKB(t, actionsKB, Options{NoGit: true})
	for _, tc := range []struct {
		page   string
		before []string // in this order in the page
		not    []string
	}{
		{"postmortems/2026-09-01-tasks/index.html", []string{
			`<h2 id="action-items">Action items</h2>`, "<p>These came out of the review.</p>", `<table class="list actions">`,
			"Add alerting on queue depth", `<span class="badge status-done">done</span>`, "Page on consumer lag", "</table>",
			`<h3 id="notes">Notes</h3>`, `<h2 id="lessons">Lessons</h2>`},
			[]string{`type="checkbox"`, `<section class="action-items">`}},
		{"postmortems/2026-09-02-table/index.html", []string{
			`<h2 id="remediation">Remediation</h2>`, `<table class="list actions">`, `<tr class="overdue">`, "Rotate the token yearly",
			`<span class="badge status-overdue">overdue`, `<h2 id="timeline">Timeline</h2>`},
			[]string{"<th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr>\n</thead>", `<section class="action-items">`}},
		{"postmortems/2026-09-03-front/index.html", []string{
			`<h2 id="follow-ups">Follow-ups</h2>`, "<p>Tracked in the front matter.</p>", `<table class="list actions">`,
			"Shard the export job", `<h2 id="related">Related</h2>`},
			[]string{`<section class="action-items">`}},
		{"postmortems/2026-09-04-only/index.html", []string{
			"<p>A replica was lost.</p>", `<section class="action-items">`, "<h2>Action items</h2>", "Add a replica"}, nil},
	} {
		t.Run(tc.page, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(tc.page)))
			if err != nil {
				t.Fatal(err)
			}
			page := string(data)
			if n := strings.Count(page, `<table class="list actions">`); n != 1 {
				t.Errorf("%d action tables, want 1", n)
			}
			at := 0
			for _, s := range tc.before {
				i := strings.Index(page[at:], s)
				if i < 0 {
					t.Fatalf("lacks %q after byte %d", s, at)
				}
				at += i + len(s)
			}
			for _, s := range tc.not {
				if strings.Contains(page, s) {
					t.Errorf("holds %q", s)
				}
			}
		})
	}
}

// TestActionItemsUnderSubheadings checks that when kb reads items under
// the sub-headings of an action section, the sub-headings left with
// nothing under them go with the items, and one with prose stays.
func TestActionItemsUnderSubheadings(t *testing.T) {
	body := "## Action items\n\n### Prevent\n\n- Add alerting\n\n### Detect\n\n- Page on lag\n\n### Context\n\nSee the review.\n\n## Next\n"
	d := &content.Doc{Kind: content.KindPostmortem, BodyLine: 3, Actions: []content.ActionItem{
		{What: "Add alerting", Form: content.FormList, Pos: content.Pos{Line: 7}},
		{What: "Page on lag", Form: content.FormList, Pos: content.Pos{Line: 11}},
	}}
	r := newBodyRenderer(content.NewMarkdown(false), nil, nil)
	html, placed, err := r.renderMarkdown("postmortems/x.md", "/postmortems/x/", []byte(body), "", d, 0)
	if err != nil || !placed {
		t.Fatalf("placed %v, %v", placed, err)
	}
	got := strings.ReplaceAll(string(html), actionsMarker, "TABLE")
	want := "<h2 id=\"action-items\">Action items</h2>\nTABLE\n<h3 id=\"context\">Context</h3>\n<p>See the review.</p>\n<h2 id=\"next\">Next</h2>\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
