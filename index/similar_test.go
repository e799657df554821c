package index

import (
	"os"
	"testing"
)

func TestSimilarFindsEarlierPostmortems(t *testing.T) {
	archive, err := os.ReadFile("testdata/similar/kb.txtar")
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := openUpdated(t, writeKB(t, string(archive)))
	found, err := ix.Similar("postmortems/2026-06-01-payments-db-disk-full-again.md", 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range found {
		t.Logf("%s %.3f", s.Path, s.Similarity)
	}
	if len(found) != 1 || found[0].Path != "postmortems/2026-01-10-payments-db-disk-full.md" {
		t.Fatalf("found %v; want only the disk full of 2026-01-10: the runbook is no postmortem, 2026-09-09 is later, the others are unlike it", found)
	}
	if s := found[0].Similarity; s <= MinSimilarity || s >= 1 {
		t.Errorf("similarity %.3f; want between %v and 1", s, MinSimilarity)
	}
}

// TestSimilarNeedsWordsInCommon: in a KB of two postmortems, one rare
// word in common weighs as much as the whole text; it is not enough.
func TestSimilarNeedsWordsInCommon(t *testing.T) {
	ix, _ := openUpdated(t, writeKB(t, `
-- kb.yaml --
title: Two
-- postmortems/2026-01-01-queue.md --
---
title: Queue backlog
date: 2026-01-01
services: [orders-db]
---
Consumers fell behind.
-- postmortems/2026-02-01-login.md --
---
title: Login errors
date: 2026-02-01
services: [orders-db]
---
Sessions expired early.
`))
	found, err := ix.Similar("postmortems/2026-02-01-login.md", 3)
	if err != nil || len(found) != 0 {
		t.Errorf("Similar: %v, %v; want nothing for a service name in common", found, err)
	}
}
