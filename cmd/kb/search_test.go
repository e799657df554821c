package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/ansi"
	"github.com/kb-tools/kb/internal/kbtest"
)

// acmeCopy copies the example KB into a new folder (kb search writes its
// index into the KB's .kb/).
func acmeCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "examples", "acme"), dir)
	return dir
}

func TestSearchJSON(t *testing.T) {
	dir := acmeCopy(t)
	code, out, errOut := kbRun(t, "search", "--dir", dir, "--json", "-n", "3", "payments", "database", "failover")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	for _, key := range []string{"total", "hits", "facets", "fuzzy", "corrections"} {
		if _, ok := got[key]; !ok {
			t.Errorf("no %q in %s", key, out)
		}
	}
	hits, _ := got["hits"].([]any)
	if len(hits) != 3 || got["total"].(float64) < 3 {
		t.Fatalf("hits %d, total %v", len(hits), got["total"])
	}
	first := hits[0].(map[string]any)
	want := map[string]any{"id": "db-failover", "kind": "runbook", "title": "Payments database failover",
		"url": "/runbooks/db-failover/", "path": "runbooks/payments/db-failover.md"}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("first hit %s = %v, want %v", k, first[k], v)
		}
	}
	for _, h := range hits {
		h := h.(map[string]any)
		for _, key := range []string{"id", "kind", "title", "url", "score", "snippet", "marks", "path"} {
			if _, ok := h[key]; !ok {
				t.Errorf("hit %v lacks %q", h["path"], key)
			}
		}
		snippet, _ := h["snippet"].(string)
		for _, m := range h["marks"].([]any) {
			m := m.(map[string]any)
			s, e := int(m["start"].(float64)), int(m["end"].(float64))
			if s < 0 || e > len(snippet) || s >= e {
				t.Errorf("mark %v outside %q", m, snippet)
			}
		}
	}
	facets := got["facets"].(map[string]any)
	for _, f := range index.ResultFacets() {
		if _, ok := facets[f].(map[string]any); !ok {
			t.Errorf("facet %s missing in %v", f, facets)
		}
	}
	if n := facets["kind"].(map[string]any)["runbook"]; n == nil || n.(float64) < 1 {
		t.Errorf("kind facet %v", facets["kind"])
	}
}

// terminalBuffer is a writer that says it is a terminal.
type terminalBuffer struct{ bytes.Buffer }

func (*terminalBuffer) Terminal() bool { return true }

func TestSearchColourOnlyOnATerminal(t *testing.T) {
	dir := acmeCopy(t)
	args := []string{"search", "--dir", dir, "disk", "full"}
	tests := []struct {
		name     string
		terminal bool
		noColor  string
		colour   bool
	}{
		{"a file or pipe", false, "", false},
		{"a terminal", true, "", true},
		{"a terminal with NO_COLOR", true, "1", false},
	}
	for _, tt := range tests {
		t.Setenv("NO_COLOR", tt.noColor)
		t.Setenv("TERM", "xterm")
		var out interface {
			String() string
			Write([]byte) (int, error)
		} = &bytes.Buffer{}
		if tt.terminal {
			out = &terminalBuffer{}
		}
		var errb bytes.Buffer
		if code := run(args, out, &errb); code != 0 {
			t.Fatalf("%s: exit %d, %s", tt.name, code, errb.String())
		}
		text := out.String()
		if has := strings.Contains(text, "\x1b["); has != tt.colour {
			t.Errorf("%s: escape codes %v, want %v:\n%s", tt.name, has, tt.colour, text)
		}
		if tt.colour && !strings.Contains(text, ansi.BoldYellow+"disk"+ansi.Reset) {
			t.Errorf("%s: the matched word is not marked:\n%s", tt.name, text)
		}
		for _, want := range []string{" 1. Checkout unavailable after the payments database disk filled", "postmortem · 2025-08-29 · SEV1 · /postmortems/2025-08-29-checkout-outage-payments-db-disk-full/", "documents match", "  severity  SEV1 "} {
			if !strings.Contains(stripStyles(text), want) {
				t.Errorf("%s: output lacks %q:\n%s", tt.name, want, text)
			}
		}
	}
}

func stripStyles(s string) string {
	for _, code := range []string{ansi.Bold, ansi.Dim, ansi.BoldYellow, ansi.Reset} {
		s = strings.ReplaceAll(s, code, "")
	}
	return s
}

func TestSearchExitCodesAndMessages(t *testing.T) {
	dir := acmeCopy(t)
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"search", "--help"}, 0, "-severity S", ""},
		{[]string{"search", "--help"}, 0, `"hits": [{"id", "kind", "title", "url", "score", "snippet"`, ""},
		{[]string{"--help"}, 0, "search", ""},
		{[]string{"search", "--dir", dir, "zqxjkv"}, 0, "No documents match.", ""},
		{[]string{"search", "--dir", dir, "--severity", "sev1"}, 0, "2 documents match.", ""},
		{[]string{"search", "--dir", dir, "--kind", "runbook,postmortem", "--service", "payments", "--tag", "failover", "-n", "1", "failover"}, 0, "the best 1 are shown", ""},
		{[]string{"search", "--dir", dir, "checkuot"}, 0, "close matches (checkuot → checkout)", ""},
		{[]string{"search", "--dir", dir}, 2, "", "needs a QUERY"},
		{[]string{"search", "--dir", dir, "-n", "0", "disk"}, 2, "", "-n 0"},
		{[]string{"search", "--dir", dir, "--nope", "disk"}, 2, "", "flag provided but not defined"},
		{[]string{"search", "--dir", dir, `"unclosed`}, 2, "", "cannot read the query"},
		{[]string{"search", "--dir", dir, "colour:red", "+disk"}, 2, "", `the field "colour"`},
		{[]string{"search", "--dir", filepath.Join(dir, "missing"), "disk"}, 2, "", "no such file"},
	}
	for _, tt := range tests {
		code, out, errOut := kbRun(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("kb %v: exit %d\nstdout %s\nstderr %s\nwant exit %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.stdout, tt.stderr)
		}
	}
}

func TestSearchLockedIndex(t *testing.T) {
	dir := acmeCopy(t)
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	code, _, errOut := kbRun(t, "search", "--dir", dir, "disk")
	if code != exitUsage || !strings.Contains(errOut, "in use by another kb process") {
		t.Errorf("exit %d, stderr %q; want 2 and the index in use", code, errOut)
	}
}

// Documents with load problems are searched like the others, and stderr
// says how many files have problems.
func TestSearchWithLoadErrors(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- runbooks/broken.md --
---
title: [unclosed
services: payments
---

The zanzibar procedure for a broken front matter.
-- runbooks/fine.md --
---
title: Fine runbook
---

The zanzibar procedure, fine.
`)
	code, out, errOut := kbRun(t, "search", "--dir", dir, "--json", "zanzibar")
	if code != 0 || !strings.Contains(errOut, "1 file has problems (kb lint --dir") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct{ Total int }
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Total != 2 {
		t.Errorf("total %d (%v), want both documents: %s", got.Total, err, out)
	}
}

// A second search reuses the index; a change shows in the next search.
func TestSearchFollowsChanges(t *testing.T) {
	dir := acmeCopy(t)
	if code, _, errOut := kbRun(t, "search", "--dir", dir, "disk"); code != 0 {
		t.Fatal(errOut)
	}
	kbtest.WriteTree(t, dir, "-- runbooks/new.md --\n# Quokka drill\n\nThe quokka drill.\n")
	code, out, _ := kbRun(t, "search", "--dir", dir, "--json", "quokka")
	if code != 0 || !strings.Contains(out, `"url": "/runbooks/new/"`) {
		t.Errorf("exit %d, %s", code, out)
	}
}

// A query of required facet clauses only lists the documents they select,
// in JSON too (their scores are zero, never NaN).
func TestSearchFacetClausesOnly(t *testing.T) {
	dir := acmeCopy(t)
	for _, q := range [][]string{{"+service:payments"}, {"+severity:SEV1", "+kind:postmortem"}} {
		args := append([]string{"search", "--dir", dir, "--json"}, q...)
		code, out, errOut := kbRun(t, args...)
		var got struct {
			Total int
			Hits  []struct{ Score float64 }
		}
		if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got.Total == 0 {
			t.Errorf("%q: exit %d, stderr %q, total %d", q, code, errOut, got.Total)
		}
	}
}
