package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/kb-tools/kb/internal/kbtest"
)

// The tests of the README's CI recipes read the fenced YAML blocks of its
// "### CI recipes" section, tell them apart by their keys and run them, as
// far as they run without a network, against small git repositories: a
// changed README breaks them.

// recipes are the YAML blocks of the README's CI recipes section.
type recipes struct {
	github    string   // the GitHub Actions workflow (keys on and jobs)
	gitlab    string   // the GitLab CI job (a job with artifacts:reports:codequality)
	preCommit []string // the .pre-commit-config.yaml examples (key repos)
}

// readmeRecipes reads the CI recipes out of README.md.
func readmeRecipes(t *testing.T) recipes {
	t.Helper()
	section := readmeSection(t, readFile(t, "../../README.md"), "### CI recipes")
	var r recipes
	for _, block := range fencedBlocks(section, "yaml") {
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(block), &doc); err != nil {
			t.Fatalf("a YAML block of the CI recipes does not parse: %v\n%s", err, block)
		}
		switch {
		case doc["jobs"] != nil && doc["on"] != nil:
			r.github = only(t, r.github, block, "GitHub workflow")
		case doc["repos"] != nil:
			r.preCommit = append(r.preCommit, block)
		case codeQualityJob(doc) != "":
			r.gitlab = only(t, r.gitlab, block, "GitLab job")
		default:
			t.Errorf("a YAML block of the CI recipes is no recipe the tests know:\n%s", block)
		}
	}
	if r.github == "" || r.gitlab == "" || len(r.preCommit) == 0 {
		t.Fatalf("the CI recipes lack a GitHub workflow, a GitLab job or a pre-commit config: %+v", r)
	}
	return r
}

func only(t *testing.T, had, block, what string) string {
	t.Helper()
	if had != "" {
		t.Fatalf("the CI recipes have two of the %s:\n%s", what, block)
	}
	return block
}

// readmeSection returns the text under heading, up to the next heading of
// the same or a higher level.
func readmeSection(t *testing.T, readme, heading string) string {
	t.Helper()
	level := strings.Index(heading, " ")
	lines := strings.SplitAfter(readme, "\n")
	start := -1
	fenced := false
	for i, line := range lines {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		switch {
		case fenced:
		case strings.TrimSpace(line) == heading:
			start = i + 1
		case start >= 0 && isHeadingUpTo(line, level):
			return strings.Join(lines[start:i], "")
		}
	}
	if start < 0 {
		t.Fatalf("README.md has no %q", heading)
	}
	return strings.Join(lines[start:], "")
}

// isHeadingUpTo reports whether line is an ATX heading of level at most level.
func isHeadingUpTo(line string, level int) bool {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	return n >= 1 && n <= level && strings.HasPrefix(line[n:], " ")
}

// fencedBlocks returns the contents of the ``` blocks of text whose info
// string starts with lang.
func fencedBlocks(text, lang string) []string {
	var blocks []string
	var cur strings.Builder
	inBlock, keep := false, false
	for _, line := range strings.SplitAfter(text, "\n") {
		switch {
		case !inBlock && strings.HasPrefix(line, "```"):
			info := strings.Fields(strings.TrimPrefix(line, "```"))
			inBlock, keep = true, len(info) > 0 && info[0] == lang
			cur.Reset()
		case inBlock && strings.HasPrefix(line, "```"):
			if keep {
				blocks = append(blocks, cur.String())
			}
			inBlock = false
		case inBlock:
			cur.WriteString(line)
		}
	}
	return blocks
}

// kbOnPath makes a folder with an executable kb, this test binary that
// runs kb's main (see TestMain), and returns the environment of a process
// that finds it first on its PATH, with env added.
func kbOnPath(t *testing.T, env ...string) []string {
	t.Helper()
	bin := filepath.Dir(kbLink(t))
	return append(os.Environ(), append([]string{envRunKB + "=1", "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}, env...)...)
}

// kbLink links this test binary as kb in a new folder and returns the
// link's path.
func kbLink(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the recipes run in a POSIX shell")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "kb")
	if err := os.Symlink(exe, link); err != nil {
		t.Skipf("cannot link kb into a folder of the PATH: %v", err)
	}
	return link
}

// needTools skips the test when a tool a recipe needs is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the recipe needs %s, which is not on PATH", tool)
		}
	}
}

// runShell runs script in a shell with errexit, as CI runners run a step,
// in dir, and returns its exit code and output.
func runShell(t *testing.T, dir, script string, env []string) (code int, stdout, stderr string) {
	t.Helper()
	shell := "bash"
	if _, err := exec.LookPath(shell); err != nil {
		shell = "sh"
	}
	cmd := exec.Command(shell, "-e", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	return runProcess(t, cmd)
}

// runProcess runs cmd and returns its exit code and output; a process
// that cannot start fails the test.
func runProcess(t *testing.T, cmd *exec.Cmd) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return code, out.String(), errb.String()
}

// The documents the recipes lint, beside kb init's samples: bad.md has
// two errors, good.md none. Dates are set from today, so that nothing
// turns overdue or out of range as time passes.
const recipeDocs = `
-- postmortems/bad.md --
---
title: Bad
date: PAST
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
-- postmortems/good.md --
---
title: Good
date: PAST
severity: SEV3
status: published
services: [db]
actions:
  - what: Alert when replica lag exceeds 30 s for 5 minutes
    owner: team-sre
    due: DUE
---

## Summary

Replication lagged behind the primary.

## Impact

## Timeline

## Root cause
`

// writeRecipeKB scaffolds a KB in dir with kb init and adds recipeDocs.
func writeRecipeKB(t *testing.T, dir string) {
	t.Helper()
	today := time.Now().UTC()
	if code, _, errOut := kbRun(t, "init", "--date", today.Format("2006-01-02"), dir); code != 0 {
		t.Fatalf("kb init: exit %d: %s", code, errOut)
	}
	docs := strings.NewReplacer("PAST", today.AddDate(0, 0, -30).Format("2006-01-02"), "DUE", today.AddDate(0, 0, 90).Format("2006-01-02")).Replace(recipeDocs)
	kbtest.WriteTree(t, dir, docs)
}

// editFile replaces old by new in the file at p, which must hold old.
func editFile(t *testing.T, p, old, new string) {
	t.Helper()
	data := readFile(t, p)
	if !strings.Contains(data, old) {
		t.Fatalf("%s lacks %q", p, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(data, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lineOf returns the number of the first line of the file at p that holds s.
func lineOf(t *testing.T, p, s string) int {
	t.Helper()
	for i, line := range strings.Split(readFile(t, p), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", p, s)
	return 0
}
