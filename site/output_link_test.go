package site

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestOutputSymlinkStaysALink checks that an --out that is a symbolic link
// to a folder is built where the link points, by two builds of different
// versions: the link stays the same link, the site is whole in the folder
// it points to, and kb's working folder and lock are beside that folder,
// nothing beside the link.
func TestOutputSymlinkStaysALink(t *testing.T) {
	dirs := versionDirs(t, "A", "B")
	refs := referenceSites(t, dirs)
	for _, tc := range []struct {
		name string
		// link makes the link at out to the folder real, through
		// others when it needs them.
		link func(t *testing.T, out, real string) string
	}{
		{"absolute", func(t *testing.T, out, real string) string { return symlink(t, real, out) }},
		{"relative", func(t *testing.T, out, real string) string {
			rel, err := filepath.Rel(filepath.Dir(out), real)
			if err != nil {
				t.Fatal(err)
			}
			return symlink(t, rel, out)
		}},
		{"a link to a link", func(t *testing.T, out, real string) string {
			return symlink(t, symlink(t, real, filepath.Join(t.TempDir(), "hop")), out)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			real := filepath.Join(t.TempDir(), "site")
			if err := os.Mkdir(real, 0o755); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			dest := tc.link(t, out, real)
			for _, v := range []string{"A", "B"} {
				if err := buildVersion(dirs[v], out); err != nil {
					t.Fatal(err)
				}
				if got, err := os.Readlink(out); err != nil || got != dest {
					t.Fatalf("after building %s, --out is %q (%v), want the link to %s", v, got, err, dest)
				}
				if got := assertWholeSite(t, real, refs); got != v {
					t.Errorf("the linked folder holds version %s, want %s", got, v)
				}
			}
			pl := placeOf(real)
			for _, p := range []string{pl.work, pl.lock} {
				if _, err := os.Lstat(p); err != nil {
					t.Errorf("nothing at %s beside the linked folder: %v", p, err)
				}
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
				t.Errorf("beside the link: %v, want the link alone", entries)
			}
		})
	}
}

// TestOutputOddSymlinkRefused checks that a dangling link, a link to a
// file and a link loop as --out are refused, and nothing is made where
// they point.
func TestOutputOddSymlinkRefused(t *testing.T) {
	dirs := versionDirs(t, "A")
	for _, tc := range []struct {
		name string
		make func(t *testing.T, out string) (dest string)
	}{
		{"dangling", func(t *testing.T, out string) string {
			return symlink(t, filepath.Join(t.TempDir(), "missing"), out)
		}},
		{"to a file", func(t *testing.T, out string) string {
			f := filepath.Join(t.TempDir(), "file.html")
			kbtest.WriteTree(t, filepath.Dir(f), "-- file.html --\nmine\n")
			return symlink(t, f, out)
		}},
		{"a loop", func(t *testing.T, out string) string {
			other := filepath.Join(filepath.Dir(out), "other")
			symlink(t, out, other)
			return symlink(t, other, out)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			dest := tc.make(t, out)
			before, _ := os.ReadDir(filepath.Dir(dest))
			err := buildVersion(dirs["A"], out)
			var oe *OutputError
			if !errors.As(err, &oe) || oe.Kind != OutputOdd {
				t.Fatalf("build: %v; want an OutputOdd error", err)
			}
			if after, _ := os.ReadDir(filepath.Dir(dest)); len(after) != len(before) {
				t.Errorf("the refused build made files beside %s: %v", dest, after)
			}
			if got, err := os.Readlink(out); err != nil || got != dest {
				t.Errorf("--out is %q (%v), want the link to %s", got, err, dest)
			}
		})
	}
}

// TestOutputEmptyRefused checks that a build given no output folder
// writes nowhere (it would otherwise be the current folder).
func TestOutputEmptyRefused(t *testing.T) {
	dirs := versionDirs(t, "A")
	var oe *OutputError
	if err := buildVersion(dirs["A"], ""); !errors.As(err, &oe) || oe.Kind != OutputOdd {
		t.Errorf("build into \"\": %v, want OutputOdd", err)
	}
}

// symlink makes the link p to dest and returns dest.
func symlink(t *testing.T, dest, p string) string {
	t.Helper()
	if err := os.Symlink(dest, p); err != nil {
		t.Fatal(err)
	}
	return dest
}
