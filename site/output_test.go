package site

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// versionDirs writes kbtest.VersionKB of each version into its own folder.
func versionDirs(t *testing.T, versions ...string) map[string]string {
	t.Helper()
	dirs := map[string]string{}
	for _, v := range versions {
		dirs[v] = filepath.Join(t.TempDir(), "kb-"+v)
		kbtest.WriteTree(t, dirs[v], kbtest.VersionKB(v))
	}
	return dirs
}

// buildVersion builds one version's KB into out.
func buildVersion(dir, out string) error {
	kb, err := content.Load(dir)
	if err != nil {
		return err
	}
	_, err = Build(kb, Options{Out: out, Today: testToday, NoGit: true})
	return err
}

// referenceSites builds each version alone, for OneVersion.
func referenceSites(t *testing.T, dirs map[string]string) map[string]map[string][]byte {
	t.Helper()
	refs := map[string]map[string][]byte{}
	for v, dir := range dirs {
		out := filepath.Join(t.TempDir(), "public")
		if err := buildVersion(dir, out); err != nil {
			t.Fatal(err)
		}
		refs[v] = kbtest.ReadTree(t, out)
	}
	return refs
}

// assertWholeSite checks that out is one version whole, byte for byte the
// reference site of that version, and returns the version.
func assertWholeSite(t *testing.T, out string, refs map[string]map[string][]byte) string {
	t.Helper()
	got := kbtest.ReadTree(t, out)
	v, err := kbtest.OneVersion(got, refs)
	if err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	for name, data := range refs[v] {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: %s is not that of version %s", out, name, v)
		}
	}
	if string(got[markerFile]) != markerComplete {
		t.Errorf("%s: the marker says %q, want the site complete", out, got[markerFile])
	}
	return v
}

// TestConcurrentBuildsNeverMix builds two versions of a KB into one output
// at once, round after round: each time the output is one version whole.
func TestConcurrentBuildsNeverMix(t *testing.T) {
	dirs := versionDirs(t, "A", "B")
	refs := referenceSites(t, dirs)
	out := filepath.Join(t.TempDir(), "public")
	seen := map[string]int{}
	for round := 0; round < 25; round++ {
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for i, v := range []string{"A", "B"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[i] = buildVersion(dirs[v], out)
			}()
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		seen[assertWholeSite(t, out, refs)]++
		if _, err := os.Stat(placeOf(out).swap); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("round %d: the swap folder is left (%v)", round, err)
		}
	}
	t.Logf("last version built: %v", seen)
}

// TestOutputRefusesFoldersNotKBs checks that a folder of the user's where
// kb keeps its own (the working or swap folder, the output itself) is left
// as it is and the build refused with an error naming it, before and after
// a first build.
func TestOutputRefusesFoldersNotKBs(t *testing.T) {
	dirs := versionDirs(t, "A")
	for _, tc := range []struct {
		name       string
		at         string // beside the output, or the output itself
		builtFirst bool
		make       func(t *testing.T, p string)
		kind       OutputErrorKind
	}{
		{"swap folder, first build", ".public.kb-prev.swap", false, userFolder, OutputForeign},
		{"swap folder, after a build", ".public.kb-prev.swap", true, userFolder, OutputForeign},
		{"working folder, first build", ".public.kb-prev", false, userFolder, OutputForeign},
		{"working folder, after a build", ".public.kb-prev", true, userFolder, OutputForeign},
		{"output, first build", "public", false, userFolder, OutputForeign},
		{"a file as working folder", ".public.kb-prev", true, userFile, OutputOdd},
		{"a file as swap folder", ".public.kb-prev.swap", true, userFile, OutputOdd},
		{"a link as working folder", ".public.kb-prev", true, userLink, OutputOdd},
		{"a link as swap folder", ".public.kb-prev.swap", true, userLink, OutputOdd},
		{"a file as the output", "public", false, userFile, OutputOdd},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			var before map[string][]byte
			if tc.builtFirst {
				if err := buildVersion(dirs["A"], out); err != nil {
					t.Fatal(err)
				}
				before = kbtest.ReadTree(t, out)
			}
			p := filepath.Join(parent, tc.at)
			tc.make(t, p)
			mine := snapshot(t, p)
			err := buildVersion(dirs["A"], out)
			var oe *OutputError
			if !errors.As(err, &oe) || oe.Kind != tc.kind || oe.Path != p {
				t.Fatalf("build: %v; want an output error of kind %d naming %s", err, tc.kind, p)
			}
			if got := snapshot(t, p); got != mine {
				t.Errorf("%s changed: %q, was %q", p, got, mine)
			}
			if tc.builtFirst {
				if got := kbtest.ReadTree(t, out); len(got) != len(before) || string(got["index.html"]) != string(before["index.html"]) {
					t.Error("the refused build changed the site")
				}
			}
		})
	}
}

// userFolder makes a folder of the user's with a file in it.
func userFolder(t *testing.T, p string) {
	t.Helper()
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	kbtest.WriteTree(t, p, "-- notes.txt --\nmine\n-- sub/more.txt --\nmore\n")
}

// userFile puts a file of the user's at p.
func userFile(t *testing.T, p string) {
	t.Helper()
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// userLink puts a link at p to a folder of the user's.
func userLink(t *testing.T, p string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "elsewhere")
	userFolder(t, dest)
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dest, p); err != nil {
		t.Fatal(err)
	}
}

// snapshot describes what is at p: a link's destination and its files, a
// folder's files, or a file's bytes.
func snapshot(t *testing.T, p string) string {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if fi.Mode()&os.ModeSymlink != 0 {
		dest, _ := os.Readlink(p)
		b.WriteString("link to " + dest + "\n")
		p = dest
	}
	if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
		data, _ := os.ReadFile(p)
		return b.String() + string(data)
	}
	tree := kbtest.ReadTree(t, p)
	for _, name := range slices.Sorted(maps.Keys(tree)) {
		b.WriteString(name + "=" + string(tree[name]) + "\n")
	}
	return b.String()
}

// TestWorkingFolderLinksNotFollowed checks that links put in the working
// folder (say, committed to the KB's repository beside public/) are
// removed, not written through: the files and folders they point to stay
// as they were, and the site is whole.
func TestWorkingFolderLinksNotFollowed(t *testing.T) {
	dirs := versionDirs(t, "A", "B")
	refs := referenceSites(t, dirs)
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		if err := buildVersion(dirs["A"], out); err != nil {
			t.Fatal(err)
		}
	}
	work := placeOf(out).work
	outside := t.TempDir()
	kbtest.WriteTree(t, outside, "-- victim.html --\nmine\n-- folder/keep.txt --\nmine\n")
	for name, dest := range map[string]string{"index.html": "victim.html", "postmortems": "folder", "style.css": "missing.css"} {
		if err := os.RemoveAll(filepath.Join(work, name)); err != nil {
			t.Fatal(err)
		}
		symlink(t, filepath.Join(outside, dest), filepath.Join(work, name))
	}
	before := snapshot(t, outside)
	if err := buildVersion(dirs["B"], out); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, outside); got != before {
		t.Errorf("the build wrote through links in its working folder:\n%s\nwas\n%s", got, before)
	}
	if v := assertWholeSite(t, out, refs); v != "B" {
		t.Errorf("built B, found %s", v)
	}
}
