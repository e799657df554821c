package serve

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// gitBranches are the trees of the two branches of the repository the
// checkout test switches between.
var gitBranches = map[string]map[string]string{
	"main": {
		"a.md":              "# A on main\n",
		"keep.md":           "# Keep\n",
		"gone.md":           "# Gone on other\n",
		"dir1/b.md":         "# B\n",
		"dir2/only-main.md": "# Only on main\n",
	},
	"other": {
		"a.md":               "# A on other\n",
		"keep.md":            "# Keep\n",
		"added.md":           "# Added on other\n",
		"dir1/b.md":          "# B\n",
		"newdir/e.md":        "# E\n",
		"newdir/sub/deep.md": "# Deep\n",
	},
}

// checkoutChanges are the files that differ between the two branches.
var checkoutChanges = []string{"a.md", "added.md", "dir2/only-main.md", "gone.md", "newdir/e.md", "newdir/sub/deep.md"}

// git runs git in dir, failing the test when it fails.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
		"GIT_AUTHOR_NAME=kb", "GIT_AUTHOR_EMAIL=kb@example.com", "GIT_COMMITTER_NAME=kb", "GIT_COMMITTER_EMAIL=kb@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// writeGitRepo makes a git repository with the two branches, main
// checked out.
func writeGitRepo(t *testing.T, dir string) {
	must(t, os.MkdirAll(dir, 0o755))
	git(t, dir, "init", "-q", "-b", "main")
	for _, branch := range []string{"main", "other"} {
		if branch == "other" {
			git(t, dir, "checkout", "-q", "-b", "other")
			git(t, dir, "rm", "-q", "-r", ".")
		}
		for rel, text := range gitBranches[branch] {
			writeFile(t, dir, rel, text)
		}
		git(t, dir, "add", "-A")
		git(t, dir, "commit", "-q", "-m", branch)
	}
	git(t, dir, "checkout", "-q", "main")
}

// TestWatchGitCheckout switches branches of a real repository: the files
// changed, added and removed are reported, a folder appearing and one
// going away among them, and nothing of .git nor the unchanged files.
func TestWatchGitCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) {
			runSaveCases(t, mode.opts, writeGitRepo, []saveCase{{name: "checkout and back", steps: []saveStep{
				{do: func(t *testing.T, dir string) { git(t, dir, "checkout", "-q", "other") }, want: checkoutChanges},
				{do: func(t *testing.T, dir string) { git(t, dir, "checkout", "-q", "main") }, want: checkoutChanges},
			}}})
		})
	}
}

// TestWatchGitCheckoutFolders checks the folders a checkout makes are
// watched: a file written into one afterwards is reported.
func TestWatchGitCheckoutFolders(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	runSaveCases(t, WatchOptions{Quiet: testQuiet}, writeGitRepo, []saveCase{{name: "edit after checkout", steps: []saveStep{
		{do: func(t *testing.T, dir string) { git(t, dir, "checkout", "-q", "other") }, want: checkoutChanges},
		{do: func(t *testing.T, dir string) {
			writeFile(t, dir, filepath.Join("newdir", "sub", "deep.md"), "# Deep, edited\n")
		}, want: []string{"newdir/sub/deep.md"}},
	}}})
}
