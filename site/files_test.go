package site

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// filesKB is a KB whose documents link to images and other files in the
// ways teams write them: beside the document, in a folder above it, from
// the KB root, with a space in the name, with a fragment; one is missing,
// one is over kb.yaml's limit.
const filesKB = `
-- kb.yaml --
title: Files
limits: {file_bytes: 2048}
-- postmortems/2024/db.md --
---
title: Database failover
date: 2024-05-01
---
# Database failover

![Replication lag](img/lag.png)

The [vendor report](files/report.pdf#page=2) and our [notes](../notes.txt) say more.

![Architecture](/shared/arch.svg) and ![the chart](img/my%20chart.png).

![Not there](img/none.png) and the [dump](big.log).

The [runbook](/runbooks/db.md) and the [folder](../) stay links.
-- postmortems/2024/img/lag.png --
PNG lag
-- postmortems/2024/img/my chart.png --
PNG chart
-- postmortems/2024/files/report.pdf --
%PDF-1.4 report
-- postmortems/notes.txt --
notes
-- shared/arch.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>
-- runbooks/db.md --
---
title: DB runbook
---
# DB runbook

![Architecture](../shared/arch.svg)
`

// TestLinkedFilesAreCopied builds filesKB and checks that every file a
// document links to is copied into the site once, with the links rewritten
// for the page's place, and that the missing and the too-large ones are
// not (the first left for lint, the second named in a note).
func TestLinkedFilesAreCopied(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, filesKB)
	big := bytes.Repeat([]byte("log line\n"), 1000)
	if err := os.WriteFile(filepath.Join(dir, "postmortems/2024/big.log"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(kb, Options{Out: out, Today: testToday, NoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	assertFileContent(t, out, "postmortems/db/index.html",
		`<img src="../../files/postmortems/2024/img/lag.png" alt="Replication lag">`,
		`<a href="../../files/postmortems/2024/files/report.pdf#page=2">vendor report</a>`,
		`<a href="../../files/postmortems/notes.txt">notes</a>`,
		`<img src="../../files/shared/arch.svg" alt="Architecture">`,
		`<img src="../../files/postmortems/2024/img/my%20chart.png" alt="the chart">`,
		`<img src="img/none.png" alt="Not there">`, `<a href="big.log">dump</a>`,
		`<a href="../../runbooks/db/index.html">runbook</a>`, `<a href="../">folder</a>`)
	assertFileContent(t, out, "runbooks/db/index.html", `<img src="../../files/shared/arch.svg" alt="Architecture">`)
	for name, want := range map[string]string{
		"postmortems/2024/img/lag.png": "PNG lag\n", "postmortems/2024/img/my chart.png": "PNG chart\n",
		"postmortems/2024/files/report.pdf": "%PDF-1.4 report\n", "postmortems/notes.txt": "notes\n",
		"shared/arch.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>` + "\n",
	} {
		data, err := os.ReadFile(filepath.Join(out, "files", filepath.FromSlash(name)))
		if err != nil || string(data) != want {
			t.Errorf("files/%s: %q, %v; want %q", name, data, err, want)
		}
	}
	for _, name := range []string{"files/postmortems/2024/big.log", "files/postmortems/2024/img/none.png", "files/runbooks/db.md"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err == nil {
			t.Errorf("%s was published", name)
		}
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool {
		return strings.HasPrefix(n, "postmortems/2024/big.log ") && strings.Contains(n, "limits.file_bytes")
	}) {
		t.Errorf("no note names the file over the limit: %q", res.Notes)
	}
	broken, _ := brokenLinks(t, out, "/")
	want := []string{"postmortems/db/index.html: big.log", "postmortems/db/index.html: img/none.png", "postmortems/db/index.html: ../"}
	slices.Sort(broken)
	slices.Sort(want)
	if !slices.Equal(broken, want) {
		t.Errorf("links that lead nowhere: %q, want only the author's %q", broken, want)
	}
}

// TestLinkedFilesStayInsideTheKB checks that a link to a symbolic link
// that leads out of the KB, or into its .git folder, or to .git itself,
// publishes nothing, nor does a link to a hidden file (.env, .github/…:
// the walk leaves hidden files out of the KB, and a .env holds secrets),
// nor one to a file kb.yaml's ignore: leaves out; links through folder
// links to one file make one copy.
func TestLinkedFilesStayInsideTheKB(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- postmortems/leak.md --
# Leak

![secret](secret.png) ![git](git.png) ![config](../.git/config) ![ok](ok.png) ![badge](/.github/badge.svg)
[env](../.env) [creds](/private/creds.txt) ![again](loop/loop/ok.png) ![more](loop/loop/loop/ok.png)
-- kb.yaml --
ignore: ["private/**"]
-- private/creds.txt --
secret
-- .env --
TOKEN=secret
-- postmortems/ok.png --
fine
-- .github/badge.svg --
<svg/>
-- .git/config --
[core]
`)
	outside := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"secret.png": outside, "git.png": filepath.Join(dir, ".git", "config"), "loop": "."} {
		if err := os.Symlink(target, filepath.Join(dir, "postmortems", link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	out := buildDir(t, dir, Options{NoGit: true})
	assertFileContent(t, out, "postmortems/leak/index.html", `src="secret.png"`, `src="git.png"`, `src="../.git/config"`,
		`src="../../files/postmortems/ok.png"`, `src="/.github/badge.svg"`, `href="../.env"`, `href="/private/creds.txt"`)
	var published []string
	_ = filepath.WalkDir(filepath.Join(out, "files"), func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(out, p)
			published = append(published, filepath.ToSlash(rel))
		}
		return nil
	})
	if want := []string{"files/postmortems/ok.png"}; !slices.Equal(published, want) {
		t.Errorf("published %q, want only %q", published, want)
	}
}
