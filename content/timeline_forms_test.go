package content

import (
	"testing"
	"time"
)

// entryRow is the part of a timeline entry the form tests check.
type entryRow struct {
	Line     int
	TimeText string
	When     string // RFC 3339 in UTC; "" when the entry has no time
	HasClock bool
	Readable bool
	Event    string
	Section  int // line of the timeline section's heading
}

func entryRowOf(e TimelineEntry) entryRow {
	when := ""
	if e.Time.Set {
		when = e.Time.UTC().Format(time.RFC3339)
	}
	return entryRow{e.Pos.Line, e.TimeText, when, e.HasClock, e.Readable, e.Event, e.SectionLine}
}

// TestTimelinesAsTeamsWriteThem parses timelines in the forms teams use and
// checks every entry: its time in UTC, its event text and its section.
func TestTimelinesAsTeamsWriteThem(t *testing.T) {
	for _, tc := range []struct {
		name  string
		front string
		body  string
		want  []entryRow
	}{
		{"columns in any order, date and time apart", "", `## Timeline

| Event | Time | Date |
|---|---|---|
| Deploy of the new ingress rules | 09:12 | 2026-02-03 |
| Error rate above 5% | 09:20 | 2026-02-03 |

| Day | Time (UTC) | What happened | Who |
|---|---|---|---|
| 2026-02-04 | 10:00 | Review held | SRE |
`, []entryRow{
			{5, "2026-02-03 09:12", "2026-02-03T09:12:00Z", true, true, "Deploy of the new ingress rules", 1},
			{6, "2026-02-03 09:20", "2026-02-03T09:20:00Z", true, true, "Error rate above 5%", 1},
			{10, "2026-02-04 10:00", "2026-02-04T10:00:00Z", true, true, "Review held SRE", 1},
		}},
		{"time sub-headings with their text", "", `## Timeline

### 2018-04-18 12:35

The primary stops answering health checks.

### 12:41

- Failover starts
- Writes queue up

## Root cause

Disk full.
`, []entryRow{
			{3, "2018-04-18 12:35", "2018-04-18T12:35:00Z", true, true, "The primary stops answering health checks.", 1},
			{7, "12:41", "2018-04-18T12:41:00Z", true, true, "Failover starts Writes queue up", 1},
		}},
		{"dates written with names and day first", "", `## Chronology

- 18-04-2018 12:35 — Primary stops
- April 18, 2018 13:05 — Replica promoted
- 19 April 2018: Review held
- Thursday, April 19, 2018 16:00 - Fix merged
`, []entryRow{
			{3, "18-04-2018 12:35", "2018-04-18T12:35:00Z", true, true, "Primary stops", 1},
			{4, "April 18, 2018 13:05", "2018-04-18T13:05:00Z", true, true, "Replica promoted", 1},
			{5, "19 April 2018", "2018-04-19T00:00:00Z", false, true, "Review held", 1},
			{6, "Thursday, April 19, 2018 16:00", "2018-04-19T16:00:00Z", true, true, "Fix merged", 1},
		}},
		{"zones named by the heading or a line", "started: 2026-07-01T16:00:00Z\n", `## Timeline (all times PT)

- 09:05 — Alert fires
- 16:30 UTC — Status page updated
- 10:15 PT — Rollback started

## Timeline — CET

- 2026-01-15 14:00 — Rollback

## Sequence of events

All times in CET.

| Time | Event |
|---|---|
| 2026-01-15 15:00 | Queue drained |
`, []entryRow{
			{3, "09:05", "2026-07-01T16:05:00Z", true, true, "Alert fires", 1},
			{4, "16:30 UTC", "2026-07-01T16:30:00Z", true, true, "Status page updated", 1},
			{5, "10:15 PT", "2026-07-01T17:15:00Z", true, true, "Rollback started", 1},
			{9, "2026-01-15 14:00", "2026-01-15T13:00:00Z", true, true, "Rollback", 7},
			{17, "2026-01-15 15:00", "2026-01-15T14:00:00Z", true, true, "Queue drained", 11},
		}},
		{"day sub-headings and a dated heading", "started: 2026-03-10T22:00:00Z\n", `## Timeline

### Day one

- 22:10 — Batch job starts

### Day two

- 08:00 — Backlog cleared

## Timeline - May 29, 2021

* 16:37 Denver - Plugins updated
`, []entryRow{
			{5, "22:10", "2026-03-10T22:10:00Z", true, true, "Batch job starts", 1},
			{9, "08:00", "2026-03-11T08:00:00Z", true, true, "Backlog cleared", 1},
			{13, "16:37", "2021-05-29T16:37:00Z", true, true, "Denver - Plugins updated", 11},
		}},
		{"what cannot be read", "", `## Timeline

| Time | Event |
|---|---|
| 20xx-MM-DD HH:mm | Short event description |
| around noon | Someone notices |
`, []entryRow{
			{5, "20xx-MM-DD HH:mm", "", false, false, "Short event description", 1},
			{6, "around noon", "", false, false, "Someone notices", 1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {

			front := 3 + len(splitLines(tc.front))
			doc, errs := parse(t, "postmortems/a.md", "---\ntitle: t\n"+tc.front+"---\n"+tc.body)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var got []entryRow
			for _, e := range doc.Timeline {
				r := entryRowOf(e)
				r.Line -= front
				r.Section -= front
				got = append(got, r)
			}
			if diff := rowsDiff(got, tc.want); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i == len(s) {
			break
		}
		s = s[i+1:]
	}
	return out
}
