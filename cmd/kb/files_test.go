package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kb-tools/kb/internal/kbtest"
)

// secret is written into every file outside the KB: it must never appear
// in what kb prints or publishes.
const secret = "OUTSIDE-SECRET-41c9"

// hostileTree is a KB beside a folder of files it must not read.
type hostileTree struct {
	kb, outside string
}

func (h hostileTree) link(t *testing.T, target, rel string) {
	t.Helper()
	p := filepath.Join(h.kb, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func (h hostileTree) fifo(t *testing.T, rel string) {
	t.Helper()
	p := filepath.Join(h.kb, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}

// TestOnlyTheKBsOwnFiles gives kb links out of the KB, special files and
// links that lead nowhere in place of documents, kb.yaml, layouts and
// CODEOWNERS. Each is skipped with one finding at its path inside the KB
// (or, for a layout, fails the build naming it); nothing outside the KB
// appears in any output; nothing blocks; the good document is published.
func TestOnlyTheKBsOwnFiles(t *testing.T) {
	type finding struct {
		file, rule string
	}
	passwd, _ := os.ReadFile("/etc/passwd")
	passwdLine, _, _ := strings.Cut(string(passwd), "\n")
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, h hostileTree)
		// want is the finding lint must give at line 1, column 1; lintCode
		// and buildCode the exit codes; buildErr what a failed build says.
		want                finding
		lintCode, buildCode int
		buildErr            string
		// secrets are more strings that must appear nowhere.
		secrets []string
	}{
		{name: "document linked to a file outside",
			setup: func(t *testing.T, h hostileTree) {
				h.link(t, filepath.Join(h.outside, "secret.md"), "postmortems/2026-02-01-x.md")
			},
			want: finding{"postmortems/2026-02-01-x.md", "schema/skipped-file"}},
		{name: "document linked to /etc/passwd",
			setup: func(t *testing.T, h hostileTree) { h.link(t, "/etc/passwd", "runbooks/passwd.md") },
			want:  finding{"runbooks/passwd.md", "schema/skipped-file"}, secrets: []string{passwdLine}},
		{name: "relative link climbing out",
			setup: func(t *testing.T, h hostileTree) { h.link(t, "../../outside/secret.md", "postmortems/up.md") },
			want:  finding{"postmortems/up.md", "schema/skipped-file"}},
		{name: "document linked into .git",
			setup: func(t *testing.T, h hostileTree) {
				kbtest.WriteTree(t, h.kb, "-- .git/config --\n[http]\n\textraheader = AUTHORIZATION: basic "+secret+"\n")
				h.link(t, "../.git/config", "postmortems/2026-02-02-config.md")
			},
			want: finding{"postmortems/2026-02-02-config.md", "schema/skipped-file"}},
		{name: "folder linked into .git",
			setup: func(t *testing.T, h hostileTree) {
				kbtest.WriteTree(t, h.kb, "-- .git/hooks/notes.md --\n# "+secret+"\n")
				h.link(t, "../.git/hooks", "postmortems/hooks")
			}},
		{name: "kb.yaml linked outside",
			setup: func(t *testing.T, h hostileTree) { h.link(t, filepath.Join(h.outside, "kb.yaml"), "kb.yaml") },
			want:  finding{"kb.yaml", "schema/skipped-file"}},
		{name: "document linked to /dev/zero",
			setup: func(t *testing.T, h hostileTree) { h.link(t, "/dev/zero", "postmortems/zero.md") },
			want:  finding{"postmortems/zero.md", "schema/skipped-file"}},
		{name: "document linked to /dev/urandom",
			setup: func(t *testing.T, h hostileTree) { h.link(t, "/dev/urandom", "postmortems/random.md") },
			want:  finding{"postmortems/random.md", "schema/skipped-file"}},
		{name: "FIFO document",
			setup: func(t *testing.T, h hostileTree) { h.fifo(t, "postmortems/fifo.md") },
			want:  finding{"postmortems/fifo.md", "schema/skipped-file"}},
		{name: "FIFO kb.yaml",
			setup: func(t *testing.T, h hostileTree) { h.fifo(t, "kb.yaml") },
			want:  finding{"kb.yaml", "schema/skipped-file"}},
		{name: "FIFO layout",
			setup:     func(t *testing.T, h hostileTree) { h.fifo(t, "templates/layouts/postmortem.html") },
			buildCode: 1, buildErr: filepath.Join("templates", "layouts", "postmortem.html") + ": a FIFO, not a regular file"},
		{name: "layout linked outside",
			setup: func(t *testing.T, h hostileTree) {
				h.link(t, filepath.Join(h.outside, "layout.html"), "templates/layouts/postmortem.html")
			},
			buildCode: 1, buildErr: filepath.Join("templates", "layouts", "postmortem.html") + ": the path leads outside the KB"},
		{name: "templates folder linked outside",
			setup:     func(t *testing.T, h hostileTree) { h.link(t, filepath.Join(h.outside, "templates"), "templates") },
			buildCode: 1, buildErr: "leads outside the KB"},
		{name: "CODEOWNERS linked outside",
			setup: func(t *testing.T, h hostileTree) { h.link(t, filepath.Join(h.outside, "CODEOWNERS"), "CODEOWNERS") },
			want:  finding{"CODEOWNERS", "schema/skipped-file"}},
		{name: "FIFO CODEOWNERS",
			setup: func(t *testing.T, h hostileTree) { h.fifo(t, ".github/CODEOWNERS") },
			want:  finding{".github/CODEOWNERS", "schema/skipped-file"}},
		{name: "link loop",
			setup: func(t *testing.T, h hostileTree) {
				h.link(t, "loop-b.md", "runbooks/loop-a.md")
				h.link(t, "loop-a.md", "runbooks/loop-b.md")
			},
			want: finding{"runbooks/loop-a.md", "schema/skipped-file"}},
		{name: "dangling link",
			setup: func(t *testing.T, h hostileTree) { h.link(t, "nowhere.md", "runbooks/dangling.md") },
			want:  finding{"runbooks/dangling.md", "schema/skipped-file"}},
		{name: "socket",
			setup: func(t *testing.T, h hostileTree) {
				l, err := net.Listen("unix", filepath.Join(h.kb, "postmortems", "sock.md"))
				if err != nil {
					t.Skipf("no unix sockets here: %v", err)
				}
				t.Cleanup(func() { l.Close() })
			},
			want: finding{"postmortems/sock.md", "schema/skipped-file"}},
		{name: "folder linked outside", // not followed, and where it leads is not told
			setup: func(t *testing.T, h hostileTree) { h.link(t, h.outside, "postmortems/old") }},
		{name: "folder linked inside",
			setup: func(t *testing.T, h hostileTree) {
				kbtest.WriteTree(t, h.kb, "-- archive/2025/notes.md --\n# Notes\n")
				h.link(t, "../archive/2025", "postmortems/2025")
			},
			want: finding{"postmortems/2025", "schema/skipped-file"}},
		{name: "document over the size limit",
			setup: func(t *testing.T, h hostileTree) {
				kbtest.WriteTree(t, h.kb, "-- kb.yaml --\nlimits: {document_bytes: 2000}\n-- postmortems/2026-04-01-big.md --\n# Big\n"+strings.Repeat("The queue grew. ", 200)+"\n")
			},
			want: finding{"postmortems/2026-04-01-big.md", "schema/frontmatter"}, lintCode: 1},
		{name: "front matter over its limit",
			setup: func(t *testing.T, h hostileTree) {
				kbtest.WriteTree(t, h.kb, "-- kb.yaml --\nlimits: {front_matter_bytes: 200}\n-- postmortems/2026-04-02-tags.md --\n---\ntags: ["+strings.Repeat("cache, ", 60)+"cache]\n---\n# Tags\n")
			},
			want: finding{"postmortems/2026-04-02-tags.md", "schema/frontmatter"}, lintCode: 1},
		{name: "unreadable document",
			setup: func(t *testing.T, h hostileTree) {
				if os.Geteuid() == 0 {
					t.Skip("root reads every file")
				}
				p := filepath.Join(h.kb, "postmortems", "2026-05-01-locked.md")
				if err := os.WriteFile(p, []byte("# Locked\n"), 0o000); err != nil {
					t.Fatal(err)
				}
			},
			want: finding{"postmortems/2026-05-01-locked.md", "schema/frontmatter"}, lintCode: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			h := hostileTree{kb: filepath.Join(base, "kb"), outside: filepath.Join(base, "outside")}
			kbtest.WriteTree(t, h.outside, strings.ReplaceAll(`
-- secret.md --
---
title: SECRET
severity: SEV1
---
# SECRET
SECRET
-- kb.yaml --
title: SECRET
-- layout.html --
{{ define "main" }}SECRET{{ end }}
-- templates/layouts/postmortem.html --
{{ define "main" }}SECRET{{ end }}
-- CODEOWNERS --
* @SECRET
`, "SECRET", secret))
			kbtest.WriteTree(t, h.kb, `
-- postmortems/2026-01-01-good.md --
---
title: Queue backlog after a deploy
date: 2026-01-01
severity: SEV3
status: published
services: [queue]
---
# Queue backlog after a deploy

## Summary

The consumer pool shrank after the deploy.

## Impact

Orders were confirmed an hour late.

## Timeline

- 2026-01-01 10:00 UTC: the queue starts to grow.
- 2026-01-01 11:00 UTC: the pool is resized and the queue drains.

## Root cause

The deploy reset the pool size to its default.

## Action items

- [ ] Keep the pool size in the deploy manifest — owner: team-queue, due: 2026-12-31
`)
			tc.setup(t, h)
			secrets := append([]string{secret}, tc.secrets...)

			code, out, errOut := runWithin(t, 10*time.Second, "lint", "--dir", h.kb, "--format", "json", "--today", "2026-11-21")
			if code != tc.lintCode {
				t.Errorf("lint: exit %d, want %d; stderr %q", code, tc.lintCode, errOut)
			}
			assertNoSecret(t, "lint stdout", out, secrets)
			assertNoSecret(t, "lint stderr", errOut, secrets)
			if tc.want.file != "" {
				assertFinding(t, out, filepath.Join(h.kb, filepath.FromSlash(tc.want.file)), tc.want.rule)
			}
			_, out, errOut = runWithin(t, 10*time.Second, "lint", "--dir", h.kb, "--today", "2026-11-21")
			assertNoSecret(t, "lint text", out+errOut, secrets)

			public := filepath.Join(base, "public")
			code, out, errOut = runWithin(t, 10*time.Second, "build", "--dir", h.kb, "--out", public)
			if code != tc.buildCode || !strings.Contains(errOut, tc.buildErr) {
				t.Errorf("build: exit %d, stderr %q; want exit %d with %q", code, errOut, tc.buildCode, tc.buildErr)
			}
			assertNoSecret(t, "build output", out+errOut, secrets)
			if tc.buildCode != 0 {
				return
			}
			if _, err := os.Stat(filepath.Join(public, "postmortems", "2026-01-01-good", "index.html")); err != nil {
				t.Errorf("the good document is not published: %v", err)
			}
			assertSiteHasNoSecret(t, public, secrets)
		})
	}
}

// runWithin runs kb in-process and fails the test if it does not return in
// time (a read that blocks).
func runWithin(t *testing.T, limit time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := kbRun(t, args...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(limit):
		t.Fatalf("kb %v did not finish within %s", args, limit)
		return 0, "", ""
	}
}

func assertNoSecret(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s shows a file from outside the KB (%q): %s", what, s, text)
		}
	}
}

// assertFinding checks that the JSON findings have rule at file:1:1.
func assertFinding(t *testing.T, jsonOut, file, rule string) {
	t.Helper()
	var diags []struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
		Rule   string `json:"rule"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &diags); err != nil {
		t.Fatalf("lint JSON: %v: %s", err, jsonOut)
	}
	for _, d := range diags {
		if d.File == file && d.Rule == rule {
			if d.Line != 1 || d.Column != 1 {
				t.Errorf("%s %s at %d:%d, want 1:1", file, rule, d.Line, d.Column)
			}
			return
		}
	}
	t.Errorf("no %s finding for %s in %s", rule, file, jsonOut)
}

func assertSiteHasNoSecret(t *testing.T, public string, secrets []string) {
	t.Helper()
	for name, data := range kbtest.ReadTree(t, public) {
		assertNoSecret(t, name, string(data), secrets)
	}
}

// TestDefaultOutputLinkRefused checks that a public/ link committed to the
// KB does not make kb build write where it points: only an --out the user
// names is followed.
func TestDefaultOutputLinkRefused(t *testing.T) {
	base := t.TempDir()
	kb, victim := filepath.Join(base, "kb"), filepath.Join(base, "victim")
	kbtest.WriteTree(t, kb, "-- postmortems/2026-01-01-a.md --\n# A\n")
	if err := os.MkdirAll(victim, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(kb, "public")); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := kbRun(t, "build", "--dir", kb)
	if code == 0 || !strings.Contains(errOut, "is a symbolic link, and kb does not build through a link inside the KB") {
		t.Errorf("build through a committed public link: exit %d, stderr %q", code, errOut)
	}
	for _, dir := range []string{victim, base} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != "kb" && e.Name() != "victim" {
				t.Errorf("kb wrote %s in %s", e.Name(), dir)
			}
		}
	}
	if entries, _ := os.ReadDir(victim); len(entries) != 0 {
		t.Errorf("kb wrote into the folder the link points to: %v", entries)
	}
	code, _, errOut = kbRun(t, "build", "--dir", kb, "--out", filepath.Join(kb, "public"))
	if code != 0 {
		t.Errorf("with --out naming the link: exit %d, %s", code, errOut)
	}
}

// TestRootGivenThroughALink checks that a KB whose --dir is a symbolic
// link (a CI checkout path, say) is read whole, not as an empty KB.
func TestRootGivenThroughALink(t *testing.T) {
	base := t.TempDir()
	kb := filepath.Join(base, "kb")
	kbtest.WriteTree(t, kb, "-- postmortems/2026-01-01-a.md --\n---\ntitle: A\n---\n# A\n")
	link := filepath.Join(base, "kblink")
	if err := os.Symlink(kb, link); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := kbRun(t, "lint", "--dir", link, "--format", "json", "--today", "2026-11-21")
	if code != 1 || !strings.Contains(out, "2026-01-01-a.md") {
		t.Errorf("lint through a linked root: exit %d, %s %s; want the document's findings", code, out, errOut)
	}
	code, out, errOut = kbRun(t, "build", "--dir", link)
	if code != 0 || !strings.Contains(out, "built 1 documents") {
		t.Errorf("build through a linked root: exit %d, %s %s", code, out, errOut)
	}
}
