package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

const alertsKB = `
-- kb.yaml --
base_url: https://kb.example.com/
lint:
  rules:
    schema: off
    structure: off
-- runbooks/disk-full.md --
---
title: Disk full
alerts: [NodeDiskFull]
last_reviewed: 2026-11-01
last_drilled: 2026-11-01
---
Free space.
`

const alertRulesFile = `groups:
  - name: node
    rules:
      - alert: NodeDiskFull
        expr: node_filesystem_avail_bytes < 1e9
        labels: {severity: critical}
        annotations:
          runbook_url: https://kb.example.com/alerts/{{ $labels.alertname }}/
      - alert: NodeDown
        expr: up == 0
        labels: {severity: critical}
`

// TestLintAlertRules runs kb lint --alert-rules on a rule file kept
// outside the KB, as in a monitoring repository checked out beside it.
func TestLintAlertRules(t *testing.T) {
	root := t.TempDir()
	kb := filepath.Join(root, "kb")
	kbtest.WriteTree(t, kb, alertsKB)
	if err := os.MkdirAll(filepath.Join(root, "monitoring"), 0o755); err != nil {
		t.Fatal(err)
	}
	rules := filepath.Join(root, "monitoring", "node.rules.yaml")
	if err := os.WriteFile(rules, []byte(alertRulesFile), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := kbRun(t, "lint", "--dir", kb, "--today", "2026-11-21", "--format", "json", "--alert-rules", filepath.Join(root, "monitoring"))
	if code != 0 {
		t.Fatalf("exit %d, want 0 (warnings only): %s", code, errOut)
	}
	var diags []struct {
		File, Rule   string
		Line, Column int
	}
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.Rule)
		if d.Rule == "alerts/no-runbook" {
			if want := filepath.Join(root, "monitoring", "node.rules.yaml"); filepath.Clean(d.File) != want || d.Line != 9 || d.Column != 16 {
				t.Errorf("no-runbook at %s:%d:%d, want %s:9:16", d.File, d.Line, d.Column, want)
			}
		}
	}
	if strings.Join(got, " ") != "alerts/missing-runbook-url alerts/no-runbook" {
		t.Errorf("findings %v, want NodeDown's two (NodeDiskFull has its fresh runbook)", got)
	}

	// The text shows the rule file's line, read from outside the KB.
	_, out, _ = kbRun(t, "lint", "--dir", kb, "--today", "2026-11-21", "--alert-rules", rules)
	if !strings.Contains(out, "9 |       - alert: NodeDown") {
		t.Errorf("no excerpt of the rule's line in:\n%s", out)
	}

	code, _, errOut = kbRun(t, "lint", "--dir", kb, "--alert-rules", filepath.Join(root, "nowhere", "*.yaml"))
	if code != 2 || !strings.Contains(errOut, "names no file") {
		t.Errorf("a glob of no file: exit %d, %q; want 2 and why", code, errOut)
	}
}
