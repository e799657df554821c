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
	assertFileContent(t, out, "trends/index.html", "1 incidents from 2026-10 to 2026-10", "2026-Q4", "checkout")
	assertNoFileContent(t, out, "trends/index.html", "1026", "0000-", "0001-", "2026-Q3", "typo-service", "Typo action", "2026-09")
	assertFileContent(t, out, "postmortems/typo/index.html", "<dd>1026-01-15</dd>")
	assertFileContent(t, out, "postmortems/late-start/index.html", "Late start")
	assertFileContent(t, out, "postmortems/year-one/index.html", "<dd>0001-01-01</dd>")
	assertFileContent(t, out, "postmortems/index.html", "Typo", "Late start", "Year one")
}
