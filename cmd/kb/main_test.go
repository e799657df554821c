package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// kbRun runs the command line in-process and returns its exit code and output.
func kbRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertFileContent checks that the file holds every one of the snippets.
func assertFileContent(t *testing.T, p string, snippets ...string) {
	t.Helper()
	got := readFile(t, p)
	for _, s := range snippets {
		if !strings.Contains(got, s) {
			t.Errorf("%s lacks %q", p, s)
		}
	}
}

func TestHelpAndUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string // in stdout for code 0, else stderr
	}{
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{}, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--help"}, 0, "-base-url"},
		{[]string{"new", "--help"}, 0, "postmortem|runbook TITLE"},
		{[]string{"init", "-h"}, 0, "Usage: kb init"},
		{[]string{"version", "--help"}, 0, "Usage: kb version"},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "extra"}, 2, "takes no arguments"},
		{[]string{"new", "incident", "x"}, 2, `unknown kind "incident"`},
		{[]string{"new", "postmortem"}, 2, "needs a kind"},
		{[]string{"new", "--date", "tomorrow", "runbook", "x"}, 2, "is not YYYY-MM-DD"},
		{[]string{"version", "x"}, 2, "takes no arguments"},
		{[]string{"build", "--dir", "/nonexistent/kb"}, 2, "no such file"},
	} {
		code, out, errOut := kbRun(t, tc.args...)
		where := errOut
		if tc.code == 0 {
			where = out
		}
		if code != tc.code || !strings.Contains(where, tc.out) {
			t.Errorf("kb %v: exit %d, stdout %q, stderr %q; want exit %d with %q", tc.args, code, out, errOut, tc.code, tc.out)
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := kbRun(t, "version")
	if code != 0 || !strings.HasPrefix(out, "kb ") {
		t.Errorf("exit %d, %q", code, out)
	}
}

func TestInitNewBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kb")
	code, out, errOut := kbRun(t, "init", "--date", "2026-01-29", dir)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	for _, f := range []string{"kb.yaml", ".gitignore", "postmortems/sample-queue-backlog.md", "runbooks/orders/queue-consumer-lag.md"} {
		if !strings.Contains(out, "created "+f) {
			t.Errorf("init output lacks %s:\n%s", f, out)
		}
	}
	assertFileContent(t, filepath.Join(dir, ".gitignore"), "public/", ".public.kb-prev/", ".public.kb-lock", ".kb/")
	if code, _, errOut := kbRun(t, "init", dir); code != 2 || !strings.Contains(errOut, "already holds a kb.yaml") {
		t.Errorf("second init: exit %d %q", code, errOut)
	}

	code, out, errOut = kbRun(t, "new", "--dir", dir, "--date", "2026-03-14", "postmortem", "Checkout: latency spike!")
	want := filepath.Join(dir, "postmortems", "2026-03-14-checkout-latency-spike.md")
	if code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("new: exit %d out %q err %q, want %s", code, out, errOut, want)
	}
	assertFileContent(t, want, `title: "Checkout: latency spike!"`, "status: draft", "## Timeline", "due: 2026-04-13")
	assertFileContent(t, filepath.Join(dir, "postmortems", "sample-queue-backlog.md"), "date: 2026-01-15", "started:   2026-01-15T09:10:00Z")
	if err := os.WriteFile(want, []byte("# My edits\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := kbRun(t, "new", "--dir", dir, "--date", "2026-03-14", "postmortem", "Checkout: latency spike!"); code != 2 || !strings.Contains(errOut, "never overwrites") {
		t.Errorf("new over an existing file: exit %d %q", code, errOut)
	}
	assertFileContent(t, want, "# My edits")

	code, out, _ = kbRun(t, "new", "runbook", "Disk full", "--dir", dir)
	if code != 0 || strings.TrimSpace(out) != filepath.Join(dir, "runbooks", "disk-full.md") {
		t.Fatalf("new runbook: exit %d %q", code, out)
	}

	code, out, errOut = kbRun(t, "build", "--dir", dir)
	if code != 0 || !strings.Contains(out, "built 4 documents into ") {
		t.Fatalf("build: exit %d\n%s\n%s", code, out, errOut)
	}
	pub := filepath.Join(dir, "public")
	assertFileContent(t, filepath.Join(pub, "index.html"), "Order events delayed", `href="postmortems/sample-queue-backlog/index.html"`, `href="runbooks/disk-full/index.html"`)
	assertFileContent(t, filepath.Join(pub, "postmortems", "sample-queue-backlog", "index.html"),
		"Time to detect</dt><dd>14m", "Time to resolve</dt><dd>1h 30m", "Scale order-events consumers on lag", `href="../../style.css"`)
	assertFileContent(t, filepath.Join(pub, "runbooks", "queue-consumer-lag", "index.html"), "OrderEventsConsumerLagHigh", "team-platform")
}

func TestArchetypeOverride(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- templates/archetypes/runbook.md --
---
title: {{ .Title | yaml }}
owner: team-sre
---
## Trigger
`)
	code, out, errOut := kbRun(t, "new", "--dir", dir, "runbook", "Queue lag")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	assertFileContent(t, strings.TrimSpace(out), "owner: team-sre", `title: "Queue lag"`)
}

func TestBuildReportsContentProblemsAndKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- postmortems/2026-01-01-a.md --
---
title: "broken
---
# Body still published
-- postmortems/2026-01-02-b.md --
---
title: Fine
---
See the [runbook](../runbooks/db.md#checks).
-- runbooks/db.md --
# DB
`)
	code, out, errOut := kbRun(t, "build", "--dir", dir)
	if code != 0 || !strings.Contains(out, "built 3 documents into ") || !strings.Contains(out, "1 content problems") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "postmortems/2026-01-01-a.md:2:1: invalid YAML in front matter") || !strings.Contains(errOut, `>    2 | title: "broken`) {
		t.Errorf("stderr lacks the positioned error with context:\n%s", errOut)
	}
	assertFileContent(t, filepath.Join(dir, "public", "postmortems", "2026-01-01-a", "index.html"), "Body still published")
	assertFileContent(t, filepath.Join(dir, "public", "postmortems", "2026-01-02-b", "index.html"), `href="../../runbooks/db/index.html#checks"`)
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- postmortems/2026-01-01-a.md --
# A
`)
	if code, _, errOut := kbRun(t, "build", "--dir", dir); code != 0 {
		t.Fatalf("first build: %s", errOut)
	}
	before := readFile(t, filepath.Join(dir, "public", "index.html"))
	kbtest.WriteTree(t, dir, `
-- templates/layouts/postmortem.html --
{{ define "main" }}
{{ .Nope }
{{ end }}
`)
	code, _, errOut := kbRun(t, "build", "--dir", dir)
	if code != 1 || !strings.Contains(errOut, filepath.Join(dir, "templates", "layouts", "postmortem.html")+":2:") {
		t.Errorf("broken template: exit %d, stderr %q; want exit 1 naming the file and line", code, errOut)
	}
	if after := readFile(t, filepath.Join(dir, "public", "index.html")); after != before {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestBuildRefusesToReplaceForeignFolder(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- postmortems/a.md --
# A
-- site/notes.txt --
mine
`)
	code, _, errOut := kbRun(t, "build", "--dir", dir, "--out", filepath.Join(dir, "site"))
	if code != 1 || !strings.Contains(errOut, "did not write") {
		t.Errorf("exit %d %q", code, errOut)
	}
	assertFileContent(t, filepath.Join(dir, "site", "notes.txt"), "mine")
}
