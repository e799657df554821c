package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
)

// recurrenceBase is a KB's main branch: a disk full of the payments
// database, and two postmortems unlike it.
const recurrenceBase = `
-- kb.yaml --
title: Recurrence
lint:
  rules: {structure: off}
-- postmortems/2026-01-10-payments-db-disk-full.md --
---
title: Payments database ran out of disk space
date: 2026-01-10
severity: SEV3
status: published
services: [payments-db]
alerts: [PostgresDiskAlmostFull]
---

## Summary

The payments Postgres primary filled its data volume with write-ahead log
segments while a replication slot was stuck, and checkout failed.

## Action items

- [ ] Drop the replication slots of removed replicas (owner: @li, due: 2026-02-01)
-- postmortems/2026-02-01-cdn-certificate-expired.md --
---
title: CDN certificate expired on the image host
date: 2026-02-01
severity: SEV3
status: published
services: [cdn]
---

## Summary

The TLS certificate of the image host expired because the renewal job had
lost its API token; browsers refused the images for forty minutes.
-- postmortems/2025-12-02-dns-resolver-timeouts.md --
---
title: DNS resolver timeouts in the build cluster
date: 2025-12-02
severity: SEV3
status: published
services: [build]
---

## Summary

The cluster's DNS resolvers hit their connection limit during a burst of
build jobs and lookups timed out; builds failed for an hour.
`

// recurrenceBranch adds a postmortem of the same disk full, again.
const recurrenceBranch = `
-- postmortems/2026-06-01-payments-db-disk-full-again.md --
---
title: Payments database disk full again
date: 2026-06-01
severity: SEV3
status: draft
services: [payments-db]
alerts: [PostgresDiskAlmostFull]
---

## Summary

Write-ahead log segments filled the payments Postgres data volume again: a
replication slot of a removed replica was never dropped.
`

// recurrenceRepo makes a git repository of the base KB on main, with the
// branch's postmortem written but not committed.
func recurrenceRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, recurrenceBase)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	kbtest.WriteTree(t, dir, recurrenceBranch)
	return dir
}

func recurrenceFindings(t *testing.T, out string) []jsonFinding {
	t.Helper()
	var all, found []jsonFinding
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, f := range all {
		if f.Rule == "recurrence/similar" {
			found = append(found, f)
		}
	}
	return found
}

func TestLintChangedFromFindsRecurrence(t *testing.T) {
	dir := recurrenceRepo(t)
	code, out, errOut := kbRun(t, "lint", "--dir", dir, "--today", "2026-06-02", "--format", "json", "--changed-from", "main")
	found := recurrenceFindings(t, out)
	if code != exitOK || len(found) != 1 {
		t.Fatalf("exit %d, recurrence findings %+v, stderr %q; want exit 0 (an info fails nothing) and one on the new postmortem", code, found, errOut)
	}
	f := found[0]
	if f.File != dir+"/postmortems/2026-06-01-payments-db-disk-full-again.md" || f.Line != 2 || f.Severity != "info" {
		t.Errorf("finding %+v; want an info at the new postmortem's title, line 2", f)
	}
	for _, want := range []string{"like the earlier postmortem postmortems/2026-01-10-payments-db-disk-full.md", `"Payments database ran out of disk space"`, "2026-01-10", "1 of 1 action items open"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q lacks %q", f.Message, want)
		}
	}
	if strings.Contains(f.Message, "certificate") || strings.Contains(f.Message, "dns") {
		t.Errorf("message %q names a postmortem unlike the new one", f.Message)
	}
	if strings.Contains(errOut, "skipped") {
		t.Errorf("stderr %q", errOut)
	}
	// Without --changed-from, nothing is asked of the index.
	_, out, _ = kbRun(t, "lint", "--dir", dir, "--today", "2026-06-02", "--format", "json")
	if found := recurrenceFindings(t, out); len(found) != 0 {
		t.Errorf("without --changed-from: %+v", found)
	}
}

func TestLintRecurrenceSkippedWhenIndexHeld(t *testing.T) {
	dir := recurrenceRepo(t)
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	code, out, errOut := kbRun(t, "lint", "--dir", dir, "--today", "2026-06-02", "--format", "json", "--changed-from", "main")
	if found := recurrenceFindings(t, out); len(found) != 0 {
		t.Errorf("recurrence findings with the index held: %+v", found)
	}
	if code != exitOK || !strings.Contains(errOut, "kb lint: recurrence/similar skipped: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want exit 0 and one line saying the check was skipped", code, errOut)
	}
}
