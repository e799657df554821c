package content

import (
	"slices"
	"testing"
)

// TestActionDoneDates checks the forms in which a KB says when an action
// item was done: a done key in front matter, a column of a table, a
// closing field of a list item; and that a done column of marks, not
// dates, still marks the item done.
func TestActionDoneDates(t *testing.T) {
	dir := writeKB(t, `-- kb.yaml --
-- postmortems/front.md --
---
title: Front matter
actions:
  - {what: Add an alert, owner: sre, due: 2026-02-01, done: 2026-01-28}
  - {what: Fix the runbook, owner: sre, due: 2026-02-01}
---
-- postmortems/table.md --
---
title: Table
---
## Action items
| Action | Owner | Due | Completed |
|---|---|---|---|
| Add an alert | sre | 2026-02-01 | 2026-01-30 |
| Fix the runbook | sre | 2026-02-01 |  |
| Drill the failover | sre | 2026-03-01 | ✅ |
-- postmortems/list.md --
---
title: List
---
## Action items
- [x] Add an alert — owner: sre, due: 2026-02-01, done: 2026-01-29
- [ ] Fix the runbook (owner: sre, due: 2026-02-01)
- [ ] Review the alerts closed on 2026-01-05 without action (owner: sre, due: 2026-02-01)
`)
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{ // what, status and done date of each item
		"Front matter": {"Add an alert|done|2026-01-28", "Fix the runbook|open|"},
		"Table":        {"Add an alert|done|2026-01-30", "Fix the runbook|open|", "Drill the failover|done|"},
		"List":         {"Add an alert|done|2026-01-29", "Fix the runbook|open|", "Review the alerts closed on 2026-01-05 without action|open|"},
	}
	for _, d := range kb.Docs {
		var got []string
		for _, a := range d.Actions {
			done := ""
			if a.Done.Set {
				done = a.Done.Format("2006-01-02")
			}
			got = append(got, a.What+"|"+a.Status+"|"+done)
		}
		if w := want[d.Title]; !slices.Equal(got, w) {
			t.Errorf("%s: %q, want %q", d.Title, got, w)
		}
		for _, a := range d.Actions {
			if a.Due.Format("2006-01-02") != "2026-02-01" && a.What != "Drill the failover" {
				t.Errorf("%s: %q is due %v, want 2026-02-01", d.Title, a.What, a.Due)
			}
		}
	}
}
