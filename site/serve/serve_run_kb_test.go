package serve

import (
	"fmt"
	"strings"
)

// The KB the run tests serve (runKB): three postmortems long enough to
// scroll, with sections, a timeline and action items (in the front
// matter); a runbook; a page.
const (
	runDoc      = "postmortems/2026-04-02-queue-backlog.md"
	runPage     = "postmortems/2026-04-02-queue-backlog/index.html"
	runURL      = "/postmortems/2026-04-02-queue-backlog/"
	runOtherDoc = "postmortems/2026-02-11-cache-eviction.md"
	runListURL  = "/postmortems/"
	// runSecret is in kb.yaml only: no page of the site shows it.
	runSecret = "kbyaml-secret-7f3a"
)

// runKB returns the txtar of the KB the run tests serve.
func runKB() string {
	var b strings.Builder
	b.WriteString(`-- kb.yaml --
# ` + runSecret + `
title: Relay Engineering KB
description: Postmortems and runbooks of the relay teams.
base_url: https://kb.relay.example/
severities: [SEV1, SEV2, SEV3]
owners: [team-queue, team-sre, team-web, team-data]
-- about.md --
---
title: About this KB
---

The relay teams keep their postmortems and runbooks here.
`)
	b.WriteString("-- " + runDoc + " --\n")
	b.WriteString(runPostmortem(postmortemSpec{
		title: "Order queue backlog after a consumer deploy", date: "2026-04-02", severity: "SEV2",
		services: "orders, queue", tags: "deploy, backlog", owner: "team-queue", topic: "queue", paragraphs: 24,
	}))
	b.WriteString("-- " + runOtherDoc + " --\n")
	b.WriteString(runPostmortem(postmortemSpec{
		title: "Session cache eviction storm", date: "2026-02-11", severity: "SEV3",
		services: "sessions", tags: "cache", owner: "team-web", topic: "cache", paragraphs: 6,
	}))
	b.WriteString("-- postmortems/2026-01-20-dns-expiry.md --\n")
	b.WriteString(runPostmortem(postmortemSpec{
		title: "Internal DNS zone expiry", date: "2026-01-20", severity: "SEV1",
		services: "dns", tags: "certificates, config", owner: "team-sre", topic: "dns", paragraphs: 4,
	}))
	b.WriteString(`-- runbooks/queue-drain.md --
---
title: Drain a lagging order queue
owner: team-queue
services: [queue]
last_reviewed: 2026-03-01
last_drilled: 2026-03-01
---

## Trigger

The alert OrderQueueLagHigh fires when consumer lag stays above 50,000
messages for 10 minutes.

## Checks

1. Open the queue dashboard and read the lag of each partition group.
2. Compare the consumer version on each group with the last release.

## Actions

1. Scale the consumer group to twice its replicas.
2. Pause the producers of low-priority topics.

## Decision points

If the lag still grows after 15 minutes, roll the consumer back.

## Rollback

Deploy the previous consumer release with the release tool.

## Validation

The lag falls under 5,000 messages and stays there for 30 minutes.
`)
	return b.String()
}

// postmortemSpec is what makes one postmortem of runKB differ from the
// others.
type postmortemSpec struct {
	title, date, severity, services, tags, owner, topic string
	// paragraphs is the number of paragraphs of the root cause.
	paragraphs int
}

// runPostmortem writes a postmortem: front matter (line 4 is its
// severity) with its action items, summary, impact, timeline, a root
// cause of many wrapped paragraphs, and lessons.
func runPostmortem(s postmortemSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, `---
title: %s
date: %s
severity: %s
status: published
services: [%s]
tags: [%s]
authors: [%s]
incident_commander: team-sre
started: %sT09:10:00Z
detected: %sT09:18:00Z
mitigated: %sT10:02:00Z
resolved: %sT11:40:00Z
actions:
  - what: Add a lag alert per partition group of the %s service
    owner: %s
    due: 2026-12-01
    status: open
  - what: Run the %s release through the canary stage first
    owner: team-sre
    due: 2026-11-15
    status: in-progress
impact: {users: 1200, data_lost: false}
---

## Summary

A release of the %s service changed how it fetched its work, and for about
an hour the service fell behind. Nobody lost data, but customers waited for
their confirmations.

## Impact

- Confirmations arrived up to 40 minutes late for about 9,000 customers.
- The support team answered 310 tickets about missing confirmations.

## Timeline

| Time (UTC) | Event |
|---|---|
`, s.title, s.date, s.severity, s.services, s.tags, s.owner, s.date, s.date, s.date, s.date,
		s.topic, s.owner, s.topic, s.topic)
	for i := range 10 {
		fmt.Fprintf(&b, "| %02d:%02d | Step %d of the %s rollout: the on-call engineer read the lag graph and noted it |\n", 9+i/6, (i%6)*10, i+1, s.topic)
	}
	b.WriteString("\n## Root cause\n\n")
	for i := range s.paragraphs {
		fmt.Fprintf(&b, `Stage %d of the %s rollout moved partition group %d to the new client
library. The new client fetched smaller batches from the broker, so the
group drained its work more slowly than before, and the lag graph rose by
about %d thousand messages a minute until the stage was done.

`, i+1, s.topic, i+1, 3+i)
	}
	b.WriteString(`## Lessons

A change of batch size is a change of throughput, and the canary stage is
where a change of throughput shows first.
`)
	return b.String()
}
