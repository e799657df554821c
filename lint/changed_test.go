package lint

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kb-tools/kb/content"
)

func TestParseUnifiedDiff(t *testing.T) {
	hunk := "@@ -1,0 +2,2 @@\n+x\n+y\n"
	tests := []struct {
		name, diff string
		want       ChangedLines
	}{
		{"plain", "diff --git a/p.md b/p.md\n--- a/p.md\n+++ b/p.md\n" + hunk, ChangedLines{"p.md": {span(2, 3)}}},
		{"space ends the header with a tab", "diff --git a/a b.md b/a b.md\n--- a/a b.md\t\n+++ b/a b.md\t\n" + hunk, ChangedLines{"a b.md": {span(2, 3)}}},
		{"trailing space kept", "diff --git a/a .md b/a .md\n--- a/a .md\t\n+++ b/a .md\t\n" + hunk, ChangedLines{"a .md": {span(2, 3)}}},
		{"leading spaces kept", "diff --git a/  a.md b/  a.md\n--- a/  a.md\t\n+++ b/  a.md\t\n" + hunk, ChangedLines{"  a.md": {span(2, 3)}}},
		{"quote", `diff --git "a/q\"x.md" "b/q\"x.md"` + "\n--- \"a/q\\\"x.md\"\n+++ \"b/q\\\"x.md\"\n" + hunk, ChangedLines{`q"x.md`: {span(2, 3)}}},
		{"backslash", "diff --git x y\n+++ \"b/back\\\\slash.md\"\n" + hunk, ChangedLines{`back\slash.md`: {span(2, 3)}}},
		{"tab in the name", "diff --git x y\n+++ \"b/t\\tab.md\"\n" + hunk, ChangedLines{"t\tab.md": {span(2, 3)}}},
		{"quoted name with a space", "diff --git x y\n+++ \"b/a \\\"b.md\"\t\n" + hunk, ChangedLines{`a "b.md`: {span(2, 3)}}},
		{"every one-letter escape", "diff --git x y\n+++ \"b/\\a\\b\\f\\n\\r\\v.md\"\n" + hunk, ChangedLines{"\a\b\f\n\r\v.md": {span(2, 3)}}},
		{"an octal escape cut short is skipped", "diff --git x y\n+++ \"b/x\\30\"\n" + hunk, ChangedLines{}},
		{"octal UTF-8", "diff --git x y\n+++ \"b/\\303\\251.md\"\n" + hunk, ChangedLines{"é.md": {span(2, 3)}}},
		{"octal CJK", "diff --git x y\n+++ \"b/\\344\\272\\213\\346\\225\\205.md\"\n" + hunk, ChangedLines{"事故.md": {span(2, 3)}}},
		{"raw UTF-8 (core.quotePath=false)", "diff --git x y\n+++ b/事故.md\n" + hunk, ChangedLines{"事故.md": {span(2, 3)}}},
		{"b/ prefix taken once", "diff --git x y\n+++ b/b/x.md\n" + hunk, ChangedLines{"b/x.md": {span(2, 3)}}},
		{"leading dash", "diff --git x y\n+++ b/-x.md\n" + hunk, ChangedLines{"-x.md": {span(2, 3)}}},
		{"deleted file", "diff --git a/d.md b/d.md\ndeleted file mode 100644\n--- a/d.md\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n", ChangedLines{}},
		{"renamed file", "diff --git a/old.md b/new.md\nsimilarity index 90%\nrename from old.md\nrename to new.md\n--- a/old.md\n+++ b/new.md\n@@ -3 +3 @@\n-x\n+y\n", ChangedLines{"new.md": {span(3, 3)}}},
		{"pure rename has no lines", "diff --git a/old.md b/new.md\nsimilarity index 100%\nrename from old.md\nrename to new.md\n", ChangedLines{}},
		{"added lines that look like headers", "diff --git a/p.md b/p.md\n--- a/p.md\n+++ b/p.md\n@@ -1,0 +1,3 @@\n+++ b/evil.md\n+diff --git a/x b/x\n+@@ -1 +9,9 @@\n@@ -5 +8 @@\n--- a/z\n+z\n",
			ChangedLines{"p.md": {span(1, 3), span(8, 8)}}},
		{"deletions only", "diff --git a/p.md b/p.md\n--- a/p.md\n+++ b/p.md\n@@ -4,2 +3,0 @@\n-x\n-y\n", ChangedLines{}},
		{"two files", "diff --git a/a.md b/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-x\n+y\ndiff --git a/b.md b/b.md\n+++ b/b.md\n@@ -0,0 +1,4 @@\n+1\n", ChangedLines{"a.md": {span(1, 1)}, "b.md": {span(1, 4)}}},
		{"broken quoting is skipped", "diff --git x y\n+++ \"b/x\\q.md\"\n" + hunk + "diff --git x y\n+++ \"b/unclosed\n" + hunk, ChangedLines{}},
		{"no final newline", "diff --git x y\n+++ b/p.md\n@@ -1 +1 @@", ChangedLines{"p.md": {span(1, 1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseUnifiedDiff([]byte(tt.diff)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func span(first, last int) content.LineRange { return content.LineRange{First: first, Last: last} }

func runGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=kb", "-c", "user.email=kb@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestChangedSinceOddNames changes the second line of tracked files whose
// names git quotes or ends with a tab, in a real repository, and checks
// that each is reported under its own name, with git configured as
// unhelpfully as a user might have it.
func TestChangedSinceOddNames(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	names := []string{
		"with space.md", "trailing space .md", "  leading spaces.md", "tab\there.md", `quote"d.md`, `back\slash.md`,
		"café.md", "事故.md", "-dash.md", "b/nested.md", "a b/c d.md", "new\nline.md",
	}
	for _, quotePath := range []string{"true", "false"} {
		t.Run("core.quotePath="+quotePath, func(t *testing.T) {
			dir := t.TempDir()
			runGit(t, dir, "init", "-q", "-b", "main")
			for _, kv := range [][2]string{{"core.quotePath", quotePath}, {"diff.noprefix", "true"}, {"diff.mnemonicPrefix", "true"}, {"diff.renames", "false"}, {"color.diff", "always"}} {
				runGit(t, dir, "config", kv[0], kv[1])
			}
			for _, n := range names {
				writeFile(t, dir, n, "one\ntwo\nthree\n")
			}
			writeFile(t, dir, "gone.md", "x\n")
			writeFile(t, dir, "old name.md", "1\n2\n3\n4\n5\n6\n7\n8\n")
			runGit(t, dir, "add", ".")
			runGit(t, dir, "commit", "-q", "-m", "base")
			want := ChangedLines{}
			for _, n := range names {
				writeFile(t, dir, n, "one\nTWO\nthree\n")
				want[n] = []content.LineRange{{First: 2, Last: 2}}
			}
			runGit(t, dir, "rm", "-q", "gone.md")
			runGit(t, dir, "mv", "old name.md", "new name.md")
			writeFile(t, dir, "new name.md", "1\n2\n3\n4\n5\n6\n7\nEIGHT\n")
			want["new name.md"] = []content.LineRange{{First: 8, Last: 8}}
			writeFile(t, dir, "untracked é.md", "x\n")
			want["untracked é.md"] = []content.LineRange{{First: 1, Last: 1 << 30}}
			got, err := ChangedSince(dir, "main")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}
		})
	}
}

func TestChangedSinceRefusesBadRefs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	runGit(t, dir, "init", "-q", "-b", "main")
	writeFile(t, dir, "victim.txt", "keep me\n")
	runGit(t, dir, "add", ".")
	runGit(t, dir, "commit", "-q", "-m", "base")
	tests := []struct {
		ref     string
		wantRef bool // a RefError, rather than another failure
	}{
		{"--output=victim.txt", true},
		{"-p", true},
		{"--", true},
		{"no-such-branch", true},
		{"main^{tree}", true},
		{"main:victim.txt", true},
		{"0123456789012345678901234567890123456789", true},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			_, err := ChangedSince(dir, tt.ref)
			var bad *RefError
			if errors.As(err, &bad) != tt.wantRef || (bad != nil && bad.Ref != tt.ref) {
				t.Errorf("ChangedSince(%q) = %v (%T), want a RefError naming it", tt.ref, err, err)
			}
			if data, _ := os.ReadFile(filepath.Join(dir, "victim.txt")); string(data) != "keep me\n" {
				t.Fatalf("victim.txt now holds %q", data)
			}
		})
	}
	for _, ref := range []string{"main", "HEAD", "main~0", runGit(t, dir, "rev-parse", "HEAD")[:12]} {
		if _, err := ChangedSince(dir, ref); err != nil {
			t.Errorf("ChangedSince(%q): %v", ref, err)
		}
	}
	var bad *RefError
	var noRepo *GitUnavailableError
	_, err := ChangedSince(t.TempDir(), "main")
	if errors.As(err, &bad) || !errors.As(err, &noRepo) || noRepo.Problem != GitNotRepository {
		t.Errorf("outside a repository: %v (%T), want a GitUnavailableError of GitNotRepository, not a RefError", err, err)
	}
}
