package site

import (
	"testing"
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
