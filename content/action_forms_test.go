package content

import (
	"fmt"
	"strings"
	"testing"
)

// actionRow is the part of an action item the form tests check.
type actionRow struct {
	Line   int
	What   string
	Owner  string
	Due    string // YYYY-MM-DD, or "text:…" for a due date kb could not read
	Status string
	Link   string
	Form   ActionForm
}

func rowOf(a ActionItem) actionRow {
	due := ""
	switch {
	case a.Due.Set:
		due = a.Due.Format("2006-01-02")
	case a.DueText != "":
		due = "text:" + a.DueText
	}
	return actionRow{a.Pos.Line, a.What, a.Owner, due, a.Status, a.Link, a.Form}
}

// TestActionItemsAsTeamsWriteThem parses small postmortems written in the
// forms teams use and checks every body action item found, field by field.
func TestActionItemsAsTeamsWriteThem(t *testing.T) {
	const open, done = StatusOpen, StatusDone
	for _, tc := range []struct {
		name string
		path string
		body string
		want []actionRow
	}{
		{"sub-headings keep the section", "postmortems/a.md", `## Action items

### Prevent

- Add a schema check to the deploy pipeline — owner: team-data, due: 2026-03-01

#### Detect

- [ ] Alert when the consumer lag passes 10k messages (@team-stream) by 2026-04-01

## Lessons learned

- Reviews need a second pair of eyes
`, []actionRow{
			{5, "Add a schema check to the deploy pipeline", "team-data", "2026-03-01", open, "", FormList},
			{9, "Alert when the consumer lag passes 10k messages", "team-stream", "2026-04-01", open, "", FormTaskList},
		}},
		{"nested items and their fields", "postmortems/a.md", `## Follow-ups

- Page the storage on-call when a volume is 90% full
  - Owner: @team-storage
  - Due: Q1 2026
  - Jira: [STOR-41](https://jira.example.com/browse/STOR-41)
- Short term:
  - Raise the inode limit on the build nodes — assignee: ci-team
  - Move the cache to its own disk
- Split the log volume per tenant
    - Add a quota per tenant — @team-logs
`, []actionRow{
			{3, "Page the storage on-call when a volume is 90% full", "team-storage", "2026-03-31", open, "https://jira.example.com/browse/STOR-41", FormList},
			{8, "Raise the inode limit on the build nodes", "ci-team", "", open, "", FormList},
			{9, "Move the cache to its own disk", "", "", open, "", FormList},
			{10, "Split the log volume per tenant", "", "", open, "", FormList},
			{11, "Add a quota per tenant", "team-logs", "", open, "", FormList},
		}},
		{"plain lines", "postmortems/a.md", `## Corrective and Preventative Measures

Rotate the signing key every month. Owner: @security
Add a dashboard for the queue depth — due 2026-05-01
  Owner: team-ops
Tracked in Jira under OPS.
None
`, []actionRow{
			{3, "Rotate the signing key every month.", "security", "", open, "", FormLine},
			{4, "Add a dashboard for the queue depth", "team-ops", "2026-05-01", open, "", FormLine},
		}},
		{"headings of every name", "postmortems/a.md", `## Remediation

- Cap the retry budget of the mobile client

## Next steps

- Add a canary stage to the config push

## Improvements (short-, medium-, long-term)

### Long-term

- Replace the hand-written failover script

## Lessons and actions

- Write the replica promotion into the runbook
`, []actionRow{
			{3, "Cap the retry budget of the mobile client", "", "", open, "", FormList},
			{7, "Add a canary stage to the config push", "", "", open, "", FormList},
			{13, "Replace the hand-written failover script", "", "", open, "", FormList},
			{17, "Write the replica promotion into the runbook", "", "", open, "", FormList},
		}},
		{"owners and due dates", "postmortems/a.md", `## Action items

- Add request coalescing (owner: team-cache, Target: March 2026)
- Shard the sessions table — @team-db — 2026-06-15
- Load-test the origin at 3x peak, owner: perf, in H1 2026
- Review the TTLs of the hot keys, assignee: team-cache, due: next sprint

### Q3 2026

- Move the batch jobs off the primary, owner: team-db
- Drop the legacy replica by 2026-08-01, owner: team-db
`, []actionRow{
			{3, "Add request coalescing", "team-cache", "2026-03-31", open, "", FormList},
			{4, "Shard the sessions table", "team-db", "2026-06-15", open, "", FormList},
			{5, "Load-test the origin at 3x peak", "perf", "2026-06-30", open, "", FormList},
			{6, "Review the TTLs of the hot keys", "team-cache", "text:next sprint", open, "", FormList},
			{10, "Move the batch jobs off the primary", "team-db", "2026-09-30", open, "", FormList},
			{11, "Drop the legacy replica", "team-db", "2026-08-01", open, "", FormList},
		}},
		{"tracker links", "postmortems/a.md", `## Action items

- Add a circuit breaker to the payments client https://github.com/acme/payments/issues/412 (@team-pay)
- Expire idle sessions after 12 hours [AUTH-7][] (@team-auth)

[AUTH-7]: https://jira.example.com/browse/AUTH-7
`, []actionRow{
			{3, "Add a circuit breaker to the payments client https://github.com/acme/payments/issues/412", "team-pay", "", open, "https://github.com/acme/payments/issues/412", FormList},
			{4, "Expire idle sessions after 12 hours AUTH-7", "team-auth", "", open, "https://jira.example.com/browse/AUTH-7", FormList},
		}},
		{"done as teams mark it", "postmortems/a.md", `## Action items

- [x] Turn on slow-query logging
- ~~Rebuild the search index nightly~~
- ✅ Pin the base image digest
- Enable TLS on the metrics port ✔
- Done: raise the file-descriptor limit
- Added an alert on certificate expiry
- Migrated the queue to the new cluster
- Improved alerting for the database tier
- The runbook has been updated with the new failover steps
- Remove the manual DNS step (done)

### Completed

- Roll the signing key

Open:

- Shorten the DNS TTL before migrations
`, []actionRow{
			{3, "Turn on slow-query logging", "", "", done, "", FormTaskList},
			{4, "Rebuild the search index nightly", "", "", done, "", FormList},
			{5, "Pin the base image digest", "", "", done, "", FormList},
			{6, "Enable TLS on the metrics port", "", "", done, "", FormList},
			{7, "raise the file-descriptor limit", "", "", done, "", FormList},
			{8, "Added an alert on certificate expiry", "", "", done, "", FormList},
			{9, "Migrated the queue to the new cluster", "", "", done, "", FormList},
			{10, "Improved alerting for the database tier", "", "", open, "", FormList},
			{11, "The runbook has been updated with the new failover steps", "", "", done, "", FormList},
			{12, "Remove the manual DNS step", "", "", done, "", FormList},
			{16, "Roll the signing key", "", "", done, "", FormList},
			{20, "Shorten the DNS TTL before migrations", "", "", open, "", FormList},
		}},
		{"done under the headings that say so", "postmortems/a.md", `## Immediate actions taken

- Roll back the edge config

## Follow-ups

### What we did

Scale the workers to 12
Purge the poisoned cache keys

### Still to do

| Action | Assignee | Target |
|---|---|---|
| Add a config diff to the review | team-edge | Q2 2026 |
| ✅ Add a canary stage | team-edge | 2026-05-01 |
`, []actionRow{
			{3, "Roll back the edge config", "", "", done, "", FormList},
			{9, "Scale the workers to 12", "", "", done, "", FormLine},
			{10, "Purge the poisoned cache keys", "", "", done, "", FormLine},
			{16, "Add a config diff to the review", "team-edge", "2026-06-30", open, "", FormTable},
			{17, "Add a canary stage", "team-edge", "2026-05-01", done, "", FormTable},
		}},
		{"a line beside list items is text about them", "postmortems/a.md", `## Action items

These came out of the review on Tuesday.

- [ ] Alert on queue depth — owner: @platform, due: 2026-10-15

### Notes

The limit was raised during the incident.

### Long term

Move the queue to the managed service
`, []actionRow{
			{5, "Alert on queue depth", "platform", "2026-10-15", open, "", FormTaskList},
			{13, "Move the queue to the managed service", "", "", open, "", FormLine},
		}},
		{"a runbook's procedure is no action item", "runbooks/r.md", `## Remediation

1. Fail over to the replica
2. Page the database on-call

## Next steps

- Watch the replication lag for an hour

## Follow-ups

- Add the failover drill to the quarterly calendar, owner: team-db
`, []actionRow{
			{12, "Add the failover drill to the quarterly calendar", "team-db", "", open, "", FormList},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := parse(t, tc.path, "---\ntitle: t\n---\n"+tc.body)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var got []actionRow
			for _, a := range doc.Actions {
				r := rowOf(a)
				r.Line -= 3 // the front matter
				got = append(got, r)
			}
			if diff := rowsDiff(got, tc.want); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func rowsDiff[T comparable](got, want []T) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			fmt.Fprintf(&b, "missing %+v\n", want[i])
		case i >= len(want):
			fmt.Fprintf(&b, "extra   %+v\n", got[i])
		case got[i] != want[i]:
			fmt.Fprintf(&b, "got  %+v\nwant %+v\n", got[i], want[i])
		}
	}
	return b.String()
}
