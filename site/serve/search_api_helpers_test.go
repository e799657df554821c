package serve

import (
	"bytes"
	"sync"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/site"
)

// searchKB is a small KB for the search tests.
const searchKB = `
-- kb.yaml --
title: Search fixture
-- runbooks/payments/db-failover.md --
---
title: Payments database failover
services: [payments]
owner: team-payments
alerts: [PaymentsDBPrimaryUnavailable]
tags: [database, failover]
---

## Trigger

The primary of the payments Postgres cluster rejects writes, or its disk
is full.
-- runbooks/kube/crash-looping.md --
---
title: Pods restarting in a loop
services: [platform]
owner: team-platform
alerts: [KubePodCrashLooping]
tags: [kubernetes]
---

KubePodCrashLooping fires when a container restarts more than five times.
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
database was full.
-- postmortems/2026-03-14-cache-ttl.md --
---
title: Checkout latency after a cache TTL change
date: 2026-03-14
severity: SEV2
status: published
services: [checkout]
tags: [cache]
authors: [team-catalog]
---

## Summary

A shorter cache TTL made hot keys expire together; checkout latency rose.
`

// testIndex is the index of a KB written for a test, updated with its
// documents and searched under a lock (an index.Index is not safe for
// concurrent use).
type testIndex struct {
	dir string
	mu  sync.Mutex
	ix  *index.Index
}

// newTestIndex writes archive into a new folder and indexes it; the index
// is closed when the test ends.
func newTestIndex(t testing.TB, archive string) *testIndex {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, archive)
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	urls := site.URLs(kb.Docs)
	docs := make([]index.Document, 0, len(kb.Docs))
	for _, d := range kb.Docs {
		docs = append(docs, index.NewDocument(d, urls[d]))
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(docs); err != nil {
		t.Fatal(err)
	}
	return &testIndex{dir: dir, ix: ix}
}

// search runs req on the index, one search at a time.
func (ti *testIndex) search(req index.Request) (index.Result, error) {
	ti.mu.Lock()
	defer ti.mu.Unlock()
	return ti.ix.Search(req)
}

// wantJSON is what kb search --json prints for req on the index.
func (ti *testIndex) wantJSON(t *testing.T, req index.Request) string {
	t.Helper()
	res, err := ti.search(req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	var b bytes.Buffer
	if err := index.WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
