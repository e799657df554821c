package index

// fixtureKB is a small KB for the index tests: runbooks with alert names,
// postmortems with severities, services, tags and owners, a plain page.
const fixtureKB = `
-- kb.yaml --
title: Fixture
-- runbooks/kube/crash-looping.md --
---
title: Pods restarting in a loop
services: [platform]
owner: team-platform
alerts: [KubePodCrashLooping]
tags: [kubernetes]
---

## Trigger

KubePodCrashLooping fires when a container restarts more than five times in
ten minutes.

## Checks

Read the logs of the previous container with kubectl logs --previous.
-- runbooks/kube/not-ready.md --
---
title: Nodes not ready
services: [platform]
owner: team-platform
alerts: [KubeNodeNotReady]
tags: [kubernetes, nodes]
---

## Trigger

A node reports NotReady for five minutes; its pods are rescheduled and may
crash while they start elsewhere.
-- runbooks/payments/db-failover.md --
---
title: Payments database failover
services: [payments]
owner: team-payments
alerts: [PaymentsDBPrimaryUnavailable, PaymentsDBDiskFull]
tags: [database, postgres]
---

## Trigger

The primary of the **payments** Postgres cluster rejects writes, or its disk
is full.

| Check | Command |
|---|---|
| replication lag | ` + "`acmectl pg status`" + ` |

## Actions

Promote the replica with the least lag.
-- postmortems/2025-08-29-disk-full.md --
---
title: Checkout unavailable after the payments database disk filled
date: 2025-08-29
severity: SEV1
status: published
services: [payments, checkout]
tags: [database, disk]
authors: [team-payments]
---

## Summary

For 47 minutes no customer could check out: the disk of the payments
database was full of write-ahead log kept for a stuck replication slot.
Every payment attempt failed with a timeout.

## Root cause

An abandoned replication slot kept WAL without bound until the disk filled.
-- postmortems/2026-03-14-cache-ttl.md --
---
title: Checkout latency after a cache TTL change
date: 2026-03-14
severity: SEV2
status: published
services: [checkout, product-catalog]
tags: [cache]
authors: [team-catalog]
---

## Summary

A shorter cache TTL made hot keys expire together; checkout latency rose
while the catalog origin was overloaded.
-- postmortems/2026-05-06-psp-outage.md --
---
title: Card payments failing during a provider outage
date: 2026-05-06
severity: SEV1
status: published
services: [payments]
tags: [psp, third-party]
authors: [team-payments]
---

## Summary

The payment provider timed out on a third of card authorizations; the
retries made the queue of payment attempts grow.
-- postmortems/2026-06-23-export-late.md --
---
title: Finance export late while a replica was rebuilt
date: 2026-06-23
severity: sev4
status: published
services: [data-pipeline]
tags: [export]
authors: [team-data]
---

## Summary

The nightly export waited for a replica that was being rebuilt.
-- docs/about.md --
# About this knowledge base

Postmortems and runbooks of the fixture teams.
`
