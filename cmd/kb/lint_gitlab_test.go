package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestLintGitLab lints a KB in a sub-folder of a repository from the
// repository's root, as a GitLab job does, and reads the Code Quality
// report: paths from the root, GitLab's severities, exit 1 for errors.
// A KB without documents still prints a report, an empty one.
func TestLintGitLab(t *testing.T) {
	repo := t.TempDir()
	kbtest.WriteTree(t, filepath.Join(repo, "docs", "kb"), lintKB)
	t.Chdir(repo)
	code, out, errOut := kbRun(t, "lint", "--dir", "docs/kb", "--today", "2026-11-21", "--format", "gitlab")
	if code != 1 {
		t.Errorf("exit %d, want 1 for error findings; stderr %q", code, errOut)
	}
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal([]byte(out), &issues); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(issues) != 2 {
		t.Fatalf("%d issues, want 2:\n%s", len(issues), out)
	}
	is := issues[0]
	if is.CheckName != "blameless/blame-word" || is.Severity != "major" || is.Location.Path != "docs/kb/postmortems/2026-10-01-bad.md" ||
		is.Location.Lines.Begin != 11 || !strings.HasPrefix(is.Description, "blameless/blame-word: \"human error\"") || len(is.Fingerprint) != 64 {
		t.Errorf("first issue %+v", is)
	}
	if issues[1].Fingerprint == is.Fingerprint {
		t.Errorf("two issues share the fingerprint %s", is.Fingerprint)
	}

	empty := t.TempDir()
	if code, out, _ := kbRun(t, "lint", "--dir", empty, "--format", "gitlab"); code != 2 || strings.TrimSpace(out) != "[]" {
		t.Errorf("KB without documents: exit %d, stdout %q; want exit 2 and an empty report", code, out)
	}
}
