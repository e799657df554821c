package serve

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitIn runs git in dir with a configuration of the test's own, failing
// the test on an error.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Kim Test", "-c", "user.email=kim@relay.example",
		"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// otherBranch changes the KB at dir as the branch "other" has it: more
// than ten files differ from main (bodies edited, a severity changed, new
// postmortems, one in a new folder and one whose front matter is broken,
// a runbook deleted, a page renamed, a blameless sentence added, kb.yaml
// changed).
func otherBranch(t *testing.T, dir string) {
	t.Helper()
	for i, path := range []string{runDoc, runOtherDoc, "postmortems/2026-01-20-dns-expiry.md"} {
		text := readKB(t, dir, path)
		text = strings.Replace(text, "## Lessons\n", "## Lessons\n\nThe other branch adds lesson "+string(rune('A'+i))+".\n\n", 1)
		writeFile(t, dir, path, text)
	}
	writeFile(t, dir, runOtherDoc, strings.Replace(readKB(t, dir, runOtherDoc), "severity: SEV3", "severity: SEV1", 1))
	writeFile(t, dir, runDoc, strings.Replace(readKB(t, dir, runDoc), "Nobody lost data", "Bob should have known better, and nobody lost data", 1))
	writeFile(t, dir, "postmortems/2026-05-01-branch-one.md", extraPostmortem("Branch case one"))
	writeFile(t, dir, "postmortems/2026-05-02-branch-two.md", extraPostmortem("Branch case two"))
	writeFile(t, dir, "postmortems/2026/2026-05-03-branch-three.md", extraPostmortem("Branch case three"))
	writeFile(t, dir, "postmortems/2026-05-04-broken.md", "---\ntitle: Broken\ndate: 2026-05-04\nseverity: [SEV3\n---\n\nText.\n")
	writeFile(t, dir, "runbooks/cache-warm.md", strings.Replace(readKB(t, dir, "runbooks/queue-drain.md"), "Drain a lagging order queue", "Warm the session cache", 1))
	must(t, os.Remove(filepath.Join(dir, "runbooks", "queue-drain.md")))
	must(t, os.Rename(filepath.Join(dir, "about.md"), filepath.Join(dir, "about-us.md")))
	writeFile(t, dir, "kb.yaml", strings.Replace(readKB(t, dir, "kb.yaml"), "title: Relay Engineering KB", "title: Relay Engineering KB (other branch)", 1))
}

// TestRunFollowsBranchCheckout serves a git KB on main, checks out another
// branch that differs in more than ten files, and waits until the site
// served is what a fresh Run of that branch serves: every file of the
// site, every document's findings and errors.
func TestRunFollowsBranchCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := writeRunKB(t)
	writeFile(t, dir, ".gitignore", ".kb/\n")
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "The relay KB")
	gitIn(t, dir, "checkout", "-q", "-b", "other")
	otherBranch(t, dir)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "The other branch")
	gitIn(t, dir, "checkout", "-q", "main")

	live := startRun(t, dir, Options{})
	live.waitPage("the home page of main", "/", contains("Relay Engineering KB"))
	gitIn(t, dir, "checkout", "-q", "other")

	clone := filepath.Join(t.TempDir(), "clone")
	gitIn(t, filepath.Dir(clone), "clone", "-q", "--branch", "other", dir, clone)
	fresh := startRun(t, clone, Options{})
	waitSameSite(t, live, fresh)
	if status, body := live.get("/"); status != 200 || !strings.Contains(body, "(other branch)") {
		t.Errorf("GET /: %d, the other branch's title %t", status, strings.Contains(body, "(other branch)"))
	}
}

// TestRunShowsNewCommits commits an edit that Run already serves: no file
// of the KB changes, but the page comes to show the new commit as its
// last change.
func TestRunShowsNewCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := writeRunKB(t)
	writeFile(t, dir, ".gitignore", ".kb/\n")
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "The relay KB")
	r := startRun(t, dir, Options{})
	r.waitPage("the first commit", runURL, contains(": The relay KB</p>"))
	appendToFile(t, dir, runDoc, "\nA sentence to commit.\n")
	r.waitPage("the edit", runURL, contains("A sentence to commit."))
	gitIn(t, dir, "commit", "-q", "-a", "-m", "Add a sentence")
	took := r.waitPage("the new commit", runURL, contains(": Add a sentence</p>"))
	t.Logf("the commit was shown %v after it was made", took)
	if _, body := r.get("/postmortems/2026-02-11-cache-eviction/"); !strings.Contains(body, ": The relay KB</p>") {
		t.Errorf("a page the commit left alone does not show the first commit")
	}
}
