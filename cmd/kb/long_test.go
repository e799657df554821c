package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestLongValuesBuildAndLint: a postmortem whose id, service, tag, owner
// and severity are 300 bytes builds (exit 0), and lint names each key's
// line with a schema/long-value warning.
func TestLongValuesBuildAndLint(t *testing.T) {
	long := func(prefix string) string { return prefix + strings.Repeat("x", 300-len(prefix)) }
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- kb.yaml --
severities: [SEV1, `+long("sev-")+`]
-- postmortems/2026-10-01-long.md --
---
title: Long values
id: `+long("id-")+`
date: 2026-10-01
severity: `+long("sev-")+`
status: published
services: [`+long("svc-")+`]
tags: [`+long("tag-")+`]
actions:
  - what: Add a queue age alert
    owner: `+long("own-")+`
    due: 2026-12-01
---
`)
	if code, out, errOut := kbRun(t, "build", "--dir", dir, "--out", filepath.Join(t.TempDir(), "public")); code != 0 {
		t.Fatalf("build: exit %d\n%s\n%s", code, out, errOut)
	}
	_, out, _ := kbRun(t, "lint", "--dir", dir, "--format", "json", "--today", "2026-11-21")
	var findings []struct {
		Line int    `json:"line"`
		Rule string `json:"rule"`
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := map[int]bool{}
	for _, f := range findings {
		if f.Rule == "schema/long-value" {
			lines[f.Line] = true
		}
	}
	for line, key := range map[int]string{3: "id", 5: "severity", 7: "services", 8: "tags", 10: "action owner"} {
		if !lines[line] {
			t.Errorf("no schema/long-value on line %d (%s); findings %v", line, key, findings)
		}
	}
}
