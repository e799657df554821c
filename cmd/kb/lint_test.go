package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/internal/patho"
)

const lintKB = `
-- kb.yaml --
owners: [team-sre]
-- postmortems/2026-10-01-bad.md --
---
title: Bad
date: 2026-10-01
severity: SEV3
status: published
services: [db]
---

## Summary

The outage was human error.

## Impact

## Timeline

## Root cause

## Action items

- [ ] Add a lag alert — owner: team-sre
-- postmortems/2026-10-02-good.md --
---
title: Good
date: 2026-10-02
severity: SEV3
status: published
services: [db]
actions:
  - what: Alert when replica lag exceeds 30 s for 5 minutes
    owner: team-sre
    due: 2026-12-01
---

## Summary

## Impact

## Timeline

## Root cause
`

func TestLintExitCodesAndText(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	code, out, _ := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21")
	if code != 1 {
		t.Errorf("exit %d, want 1 for error findings", code)
	}
	bad := filepath.ToSlash(filepath.Join(dir, "postmortems", "2026-10-01-bad.md"))
	for _, want := range []string{
		bad + ":11:16: error blameless/blame-word: \"human error\"",
		"    11 | The outage was human error.",
		"       |                ^",
		bad + ":21:3: error actions/due: action item \"Add a lag alert\" has no due date",
		"2 errors, 0 warnings, 0 info in 1 files (2 documents checked)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	good := filepath.Join(dir, "postmortems", "2026-10-02-good.md")
	if code, out, _ := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", good); code != 0 || !strings.Contains(out, "no findings in 2 documents") {
		t.Errorf("lint of the good file alone: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"lint", "--format", "xml"}, {"lint", "--today", "21/11/2026"}, {"lint", "--nope"}} {
		if code, _, _ := kbRun(t, append(args, "--dir", dir)...); code != 2 {
			t.Errorf("kb %v: exit %d, want 2", args, code)
		}
	}
}

func TestLintJSON(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	_, out, _ := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", "--format", "json")
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(findings) != 2 {
		t.Fatalf("%d findings: %s", len(findings), out)
	}
	for _, f := range findings {
		for _, k := range []string{"file", "line", "column", "rule", "severity", "message", "suggestion"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
		if len(f) != 7 {
			t.Errorf("finding has keys beyond the contract: %v", f)
		}
	}
	if f := findings[0]; f["rule"] != "blameless/blame-word" || f["line"] != 11.0 || f["column"] != 16.0 || f["severity"] != "error" {
		t.Errorf("first finding %v", f)
	}
	clean := t.TempDir()
	if code, out, errOut := kbRun(t, "lint", "--dir", clean, "--format", "json"); code != 2 || strings.TrimSpace(out) != "[]" ||
		strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "no documents to lint") {
		t.Errorf("KB without documents: exit %d, stdout %q, stderr %q; want exit 2, an empty array and one line saying why", code, out, errOut)
	}
}

func TestLintGitHubAndStepSummary(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	summary := filepath.Join(t.TempDir(), "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	_, out, _ := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", "--format", "github")
	file := filepath.ToSlash(filepath.Join(dir, "postmortems", "2026-10-01-bad.md"))
	want := "::error file=" + file + ",line=11,col=16,title=blameless/blame-word::\"human error\" ends the inquiry"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if strings.Count(out, "::error ") != 2 || !strings.Contains(out, "%0A") {
		t.Errorf("want two error commands with escaped newlines:\n%s", out)
	}
	assertFileContent(t, summary, "### kb lint", "| File | Line | Severity | Rule | Message |", "| 11 | error | `blameless/blame-word` |")
}

func TestLintSARIF(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	_, out, _ := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", "--format", "sarif")
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "kb" {
		t.Fatalf("log header: %+v", log)
	}
	run := log.Runs[0]
	if len(run.Results) != 2 {
		t.Fatalf("%d results", len(run.Results))
	}
	r := run.Results[0]
	if r.RuleID != "blameless/blame-word" || r.Level != "error" || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID ||
		r.Locations[0].PhysicalLocation.Region.StartLine != 11 {
		t.Errorf("first result %+v", r)
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=kb", "-c", "user.email=kb@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestLintChangedFrom(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	goodSrc, _ := os.ReadFile(filepath.Join(dir, "postmortems", "2026-10-02-good.md"))
	for _, name := range []string{"2026-10-02-good copy.md", "2026-10-02-事故.md"} {
		if err := os.WriteFile(filepath.Join(dir, "postmortems", name), goodSrc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	// The branch adds one blaming line to the good postmortem and a new
	// file; the old finding in the bad postmortem is not its doing.
	good := filepath.Join(dir, "postmortems", "2026-10-02-good.md")
	data, _ := os.ReadFile(good)
	if err := os.WriteFile(good, []byte(strings.Replace(string(data), "## Impact", "The on-call engineer was careless.\n\n## Impact", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	kbtest.WriteTree(t, dir, "-- postmortems/2026-10-03-new.md --\n---\ntitle: New\ndate: 2026-10-03\nseverity: SEV3\nstatus: draft\nservices: [db]\n---\n\nWe should have paged sooner.\n")
	// A tracked file whose name git ends with a tab (a space) or quotes.
	for _, name := range []string{"2026-10-02-good copy.md", "2026-10-02-事故.md"} {
		spaced := filepath.Join(dir, "postmortems", name)
		data, _ := os.ReadFile(spaced)
		if err := os.WriteFile(spaced, []byte(strings.Replace(string(data), "## Impact", "The on-call engineer was careless.\n\n## Impact", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, out, _ := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", "--format", "json", "--changed-from", "main")
	var findings []struct {
		File string `json:"file"`
		Line int    `json:"line"`
		Rule string `json:"rule"`
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, f := range findings {
		got[filepath.Base(f.File)+":"+f.Rule] = true
		if strings.HasSuffix(f.File, "bad.md") {
			t.Errorf("finding on an unchanged file: %+v", f)
		}
	}
	for _, want := range []string{"2026-10-02-good.md:blameless/blame-word", "2026-10-02-good copy.md:blameless/blame-word", "2026-10-02-事故.md:blameless/blame-word", "2026-10-03-new.md:blameless/counterfactual", "2026-10-03-new.md:structure/required-section"} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	victim := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"no-such-ref", "--output=victim.txt", "--output=" + victim, "-p"} {
		code, out, errOut := kbRun(t, "lint", "--dir", dir, "--changed-from", ref)
		if code != 2 || !strings.Contains(errOut, strconv.Quote(ref)) || out != "" {
			t.Errorf("--changed-from %q: exit %d, stdout %q, stderr %q; want exit 2 and a message naming the value", ref, code, out, errOut)
		}
		if data, _ := os.ReadFile(victim); string(data) != "keep me\n" {
			t.Fatalf("--changed-from %q: victim.txt now holds %q", ref, data)
		}
	}
}

// TestLintBadInput feeds kb lint files that break naive tools: each must
// give a positioned finding quickly, and the good file beside them must
// still be checked.
func TestLintBadInput(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	big := "---\ntitle: Big\n---\n" + strings.Repeat("A long line of an enormous incident log that goes on and on.\n", 5<<20/62)
	bomb := "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += name + ": &" + name + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n"
		prev = name
	}
	bomb += "tags: *i\n---\n"
	files := map[string]string{
		"notes/binary.md":                    "\x7fELF\x02\x01\x01\x00\x00\x00",
		"notes/latin1.md":                    "# Caf\xe9\n\nText.\n",
		"postmortems/2026-10-04-big.md":      big,
		"postmortems/2026-10-05-bomb.md":     bomb,
		"postmortems/2026-10-06-nested.md":   "---\ntitle: x\nservices: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n",
		"postmortems/2026-10-07-unclosed.md": "---\ntitle: x\n",
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	_, out, errOut := kbRun(t, "lint", "--dir", dir, "--today", "2026-11-21", "--format", "json")
	elapsed := time.Since(start)
	var findings []struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
		Rule   string `json:"rule"`
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, errOut)
	}
	byFile := map[string][]string{}
	for _, f := range findings {
		if f.Line < 1 || f.Column < 1 {
			t.Errorf("finding without a position: %+v", f)
		}
		byFile[filepath.Base(f.File)] = append(byFile[filepath.Base(f.File)], f.Rule)
	}
	for _, name := range []string{"binary.md", "latin1.md", "2026-10-05-bomb.md", "2026-10-06-nested.md", "2026-10-07-unclosed.md", "2026-10-01-bad.md"} {
		if len(byFile[name]) == 0 {
			t.Errorf("no finding for %s; findings: %v", name, byFile)
		}
	}
	// The race detector slows lint down many times over, whatever its
	// input: the bound is for the ordinary build.
	if elapsed > 2*time.Second && !patho.RaceDetector {
		t.Errorf("lint took %v on the bad input, want under 2 s", elapsed)
	}
	t.Logf("linted in %v: %v", elapsed, byFile)
}

func TestExampleKBLintsClean(t *testing.T) {
	code, out, errOut := kbRun(t, "lint", "--dir", "../../examples/acme", "--today", "2026-11-21")
	if code != 0 || !strings.Contains(out, "0 errors") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}
