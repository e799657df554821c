package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// lintFindings runs kb lint --format json and returns each finding as
// "file:line:col rule", with the exit code.
func lintFindings(t *testing.T, args ...string) (int, []string) {
	t.Helper()
	code, out, errOut := kbRun(t, append([]string{"lint", "--format", "json"}, args...)...)
	var found []struct {
		File         string
		Line, Column int
		Rule         string
	}
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		t.Fatalf("kb lint %v: exit %d, stdout is no JSON array (%v):\n%s\n%s", args, code, err, out, errOut)
	}
	var got []string
	for _, f := range found {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Column)+" "+f.Rule)
	}
	return code, got
}

// TestFreshDocumentsLintClean: what kb init and kb new write lints with no
// finding at all on the day it is written, and on a day weeks later (the
// samples' dates are relative to that day); without --service and
// --owner, only the fields kb cannot know are reported, and kb new says
// so.
func TestFreshDocumentsLintClean(t *testing.T) {
	for _, day := range []string{"2026-01-29", "2031-07-04"} {
		t.Run(day, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "kb")
			if code, _, errOut := kbRun(t, "init", "--date", day, dir); code != 0 {
				t.Fatal(errOut)
			}
			if code, got := lintFindings(t, "--dir", dir, "--today", day); code != 0 || len(got) != 0 {
				t.Errorf("kb init's KB: exit %d, findings %v; want none", code, got)
			}
			for _, args := range [][]string{
				{"--service", "checkout", "postmortem", "Checkout latency spike"},
				{"--service", "cache,edge", "--owner", "team-sre", "runbook", "Cache stampede"},
			} {
				if code, _, errOut := kbRun(t, append([]string{"new", "--dir", dir, "--date", day}, args...)...); code != 0 || errOut != "" {
					t.Fatalf("kb new %v: exit %d, stderr %q", args, code, errOut)
				}
			}
			if code, got := lintFindings(t, "--dir", dir, "--today", day); code != 0 || len(got) != 0 {
				t.Errorf("after kb new: exit %d, findings %v; want none", code, got)
			}
			code, _, errOut := kbRun(t, "new", "--dir", dir, "--date", day, "runbook", "Disk full")
			if code != 0 || !strings.Contains(errOut, "fill in services and owner") {
				t.Errorf("kb new without --service and --owner: exit %d, stderr %q; want a note naming both", code, errOut)
			}
			// The findings stand at the body, after the front matter's
			// modeline (kb init's kb.yaml has a base_url) and ten fields.
			code, got := lintFindings(t, "--dir", dir, "--today", day)
			want := []string{filepath.Join(dir, "runbooks/disk-full.md") + ":12:1 schema/required", filepath.Join(dir, "runbooks/disk-full.md") + ":12:1 schema/required"}
			if code != 1 || !slices.Equal(got, want) {
				t.Errorf("a runbook without services and owner: exit %d, findings %v; want %v", code, got, want)
			}
		})
	}
}
