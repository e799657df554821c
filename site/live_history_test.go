package site

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// gitCommitAll commits every file of dir, making the repository first
// when asked.
func gitCommitAll(t *testing.T, dir, subject string, init bool) {
	t.Helper()
	steps := [][]string{{"add", "-A"}, {"commit", "-q", "-m", subject}}
	if init {
		steps = append([][]string{{"init", "-q"}}, steps...)
	}
	for _, args := range steps {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Sam Writer", "-c", "user.email=sam@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// TestLiveSetHistory commits a change to one document of a live site's
// KB: HEAD no longer names the history the site shows, and once the new
// history is set, the document's page shows the new commit (rendered
// again, the other documents' pages not) and
// the site is the one a new live site of the same KB holds.
func TestLiveSetHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := writeLiveKB(t)
	gitCommitAll(t, dir, "The first KB", true)
	opts := Options{Today: testToday}
	kb := loadLive(t, dir)
	live, err := NewLive(kb, opts)
	if err != nil {
		t.Fatal(err)
	}
	if live.Head() == "" || live.Head() != GitHead(dir) {
		t.Fatalf("Head %q, GitHead %q: want the same commit", live.Head(), GitHead(dir))
	}
	if ch, err := live.SetHistory(ReadHistory(dir)); err != nil || len(ch.Files) != 0 {
		t.Errorf("the same history again: %v, %v; want nothing rendered", ch.Files, err)
	}

	db := "postmortems/2026-03-01-db.md"
	writeOrRemove(t, dir, db, strings.Replace(readLiveFile(db), "stopped taking writes", "stopped taking writes at 10:00", 1))
	if kb, err = kb.Reload([]string{db}); err != nil {
		t.Fatal(err)
	}
	if _, err := live.Update(kb, []string{db}); err != nil {
		t.Fatal(err)
	}
	gitCommitAll(t, dir, "Say when the database stopped", false)
	if GitHead(dir) == live.Head() {
		t.Fatal("GitHead is the same after a commit")
	}
	ch, err := live.SetHistory(ReadHistory(dir))
	if err != nil {
		t.Fatal(err)
	}
	page := "postmortems/2026-03-01-db/index.html"
	if !slices.Contains(ch.Files, page) {
		t.Errorf("%s not rendered again: %v", page, ch.Files)
	}
	if slices.Contains(ch.Files, "postmortems/2026-02-01-cache/index.html") {
		t.Errorf("the page of a document the commit left alone was rendered again: %v", ch.Files)
	}
	if html, _ := live.Files().File(page); !strings.Contains(string(html), ": Say when the database stopped</p>") {
		t.Errorf("%s does not show the new commit", page)
	}
	fresh, err := NewLive(loadLive(t, dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	putSearch(t, live)
	putSearch(t, fresh)
	sameFiles(t, live.Files(), fresh.Files())
}
