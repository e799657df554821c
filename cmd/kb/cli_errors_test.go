package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (slash paths to contents) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const cleanRunbook = "---\ntitle: Disk full\nservices: [db]\nowner: team-sre\nlast_reviewed: 2026-01-10\nlast_drilled:\n---\n\n## Trigger\n\nx\n\n## Checks\n\nx\n\n## Actions\n\nx\n\n## Decision points\n\nx\n\n## Rollback\n\nx\n\n## Validation\n\nx\n"

// TestLintUsageErrors: each is exit 2 with one line on stderr that says
// what is wrong.
func TestLintUsageErrors(t *testing.T) {
	kb := t.TempDir()
	writeTree(t, kb, map[string]string{"runbooks/disk.md": cleanRunbook})
	empty := t.TempDir()
	writeTree(t, empty, map[string]string{"notes.txt": "not markdown\n"})
	ignored := t.TempDir()
	writeTree(t, ignored, map[string]string{"kb.yaml": "ignore: [\"**/*.md\"]\n", "runbooks/disk.md": cleanRunbook})
	noRepo := t.TempDir()
	writeTree(t, noRepo, map[string]string{"runbooks/disk.md": cleanRunbook})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a file that does not exist", []string{"--dir", kb, filepath.Join(kb, "runbooks/nope.md")}, "runbooks/nope.md: no such file to lint"},
		{"one of several", []string{"--dir", kb, filepath.Join(kb, "runbooks/disk.md"), "missing.md"}, "missing.md: no such file to lint"},
		{"a file outside the KB", []string{"--dir", kb, filepath.Join(empty, "notes.txt")}, "notes.txt: is not in the KB at " + kb},
		{"a folder", []string{"--dir", kb, filepath.Join(kb, "runbooks")}, "runbooks: is a folder"},
		{"a folder without documents", []string{"--dir", empty}, "no documents to lint in " + empty},
		{"every document ignored", []string{"--dir", ignored}, "no documents to lint in " + ignored},
		{"--changed-from outside a repository", []string{"--dir", noRepo, "--changed-from", "main"}, "--changed-from needs a git repository, and " + noRepo + " is not in one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := kbRun(t, append([]string{"lint"}, tc.args...)...)
			if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", code, errOut, tc.want)
			}
		})
	}
	if code, out, errOut := kbRun(t, "lint", "--dir", kb, "--today", "2026-02-01", filepath.Join(kb, "runbooks/disk.md")); code != 0 || errOut != "" {
		t.Errorf("a file that exists: exit %d\n%s\n%s", code, out, errOut)
	}
	// A path from the KB root, when the working folder is elsewhere.
	if code, out, errOut := kbRun(t, "lint", "--dir", kb, "--today", "2026-02-01", "runbooks/disk.md"); code != 0 || errOut != "" {
		t.Errorf("a path from the KB root: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := kbRun(t, "lint", "--dir", empty); code != 2 || out != "" {
		t.Errorf("no documents, text format: exit %d, stdout %q; want exit 2 and nothing on stdout", code, out)
	}
}

func TestChangedFromMissingRef(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"runbooks/disk.md": cleanRunbook})
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "x")
	code, _, errOut := kbRun(t, "lint", "--dir", dir, "--changed-from", "no-such-ref")
	if want := `--changed-from "no-such-ref" names no commit`; code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", code, errOut, want)
	}
}

// TestKBYamlFoundUpward: without --dir, kb uses the nearest folder above
// that holds kb.yaml, says so, and reports paths from where it was run;
// it looks no further than the top of the git repository.
func TestKBYamlFoundUpward(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		"kb/kb.yaml":            "title: Ops\n",
		"kb/runbooks/disk.md":   cleanRunbook + "\nThe engineer was careless.\n",
		"kb/docs/deep/notes.md": "# Notes\n",
		"repo/.git/HEAD":        "ref: refs/heads/main\n",
		"repo/sub/a.md":         "# A\n",
	})
	writeTree(t, top, map[string]string{"kb.yaml": "title: Outside the repository\n"})
	t.Chdir(filepath.Join(top, "kb", "docs", "deep"))
	code, out, errOut := kbRun(t, "lint", "--today", "2026-02-01")
	if code != 1 || !strings.Contains(errOut, "kb lint: using the KB at ../.. (its kb.yaml") ||
		!strings.Contains(out, "../../runbooks/disk.md:33:18") {
		t.Errorf("from kb/docs/deep: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, _, errOut = kbRun(t, "lint", "--dir", ".", "--today", "2026-02-01")
	if code != 0 || strings.Contains(errOut, "using the KB") {
		t.Errorf("--dir . is the KB as given: exit %d, stderr %q", code, errOut)
	}
	t.Chdir(filepath.Join(top, "repo", "sub"))
	code, out, errOut = kbRun(t, "lint", "--today", "2026-02-01", "--format", "json")
	if code != 0 || strings.Contains(errOut, "using the KB") || strings.Contains(errOut, "Outside") || strings.TrimSpace(out) != "[]" {
		t.Errorf("in a repository without kb.yaml: exit %d, stdout %q, stderr %q; want this folder, not the kb.yaml above the repository", code, out, errOut)
	}
}

// TestFoundSummary: lint and build say once on stderr what kinds kb
// guessed, and --format json keeps stdout a JSON array.
func TestFoundSummary(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"incidents/2026-01-05-db.md":    "---\ntitle: DB down\nseverity: SEV2\nstatus: published\nservices: [db]\n---\n",
		"alerts/KubePodCrashLooping.md": "# KubePodCrashLooping\n",
		"README.md":                     "# Our KB\n",
	})
	want := "found 1 postmortem, 1 runbook, 1 page; set kinds: in kb.yaml to change this\n"
	code, out, errOut := kbRun(t, "lint", "--dir", dir, "--format", "json", "--today", "2026-02-01")
	if code == 2 || !strings.HasPrefix(strings.TrimSpace(out), "[") || strings.Count(errOut, "found ") != 1 || !strings.HasSuffix(errOut, "kb lint: "+want) {
		t.Errorf("lint: exit %d\nstdout %s\nstderr %q", code, out, errOut)
	}
	code, _, errOut = kbRun(t, "build", "--dir", dir, "--out", filepath.Join(t.TempDir(), "public"))
	if code != 0 || strings.Count(errOut, "found ") != 1 || !strings.Contains(errOut, "kb build: "+want) {
		t.Errorf("build: exit %d, stderr %q", code, errOut)
	}
	writeTree(t, dir, map[string]string{"kb.yaml": "kinds:\n  postmortem: [\"incidents/**\"]\n"})
	if _, _, errOut := kbRun(t, "lint", "--dir", dir, "--today", "2026-02-01"); strings.Contains(errOut, "found ") {
		t.Errorf("with kinds: in kb.yaml, stderr %q; want no summary", errOut)
	}
}
