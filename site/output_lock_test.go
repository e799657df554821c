package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// holdLock takes the lock of out as another build would.
func holdLock(t *testing.T, out string) *outputLock {
	t.Helper()
	pl, err := resolvePlace(out, true)
	if err != nil {
		t.Fatal(err)
	}
	l, err := lockOutput(pl, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestNoWaitFailsWhileLocked checks that a build told not to wait fails
// at once with OutputBusy while another holds the lock, touching nothing.
func TestNoWaitFailsWhileLocked(t *testing.T) {
	dirs := versionDirs(t, "A", "B")
	refs := referenceSites(t, dirs)
	out := filepath.Join(t.TempDir(), "public")
	if err := buildVersion(dirs["A"], out); err != nil {
		t.Fatal(err)
	}
	lock := holdLock(t, out)
	defer lock.release()
	kb, err := content.Load(dirs["B"])
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(kb, Options{Out: out, Today: testToday, NoGit: true, NoWait: true, OnWait: func() { t.Error("OnWait called with NoWait") }})
	var oe *OutputError
	if !errors.As(err, &oe) || oe.Kind != OutputBusy || oe.Path != out {
		t.Fatalf("build: %v; want OutputBusy for %s", err, out)
	}
	if v := assertWholeSite(t, out, refs); v != "A" {
		t.Errorf("the output is version %s, want A untouched", v)
	}
	if _, err := os.Stat(placeOf(out).work); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the refused build touched the working folder (%v)", err)
	}
}

// TestBuildWaitsForLock checks that a build of an output another holds
// says so once, waits, and builds when the lock is released.
func TestBuildWaitsForLock(t *testing.T) {
	dirs := versionDirs(t, "A", "B")
	refs := referenceSites(t, dirs)
	out := filepath.Join(t.TempDir(), "public")
	if err := buildVersion(dirs["A"], out); err != nil {
		t.Fatal(err)
	}
	lock := holdLock(t, out)
	kb, err := content.Load(dirs["B"])
	if err != nil {
		t.Fatal(err)
	}
	waiting, done := make(chan struct{}, 2), make(chan error, 1)
	go func() {
		_, err := Build(kb, Options{Out: out, Today: testToday, NoGit: true, OnWait: func() { waiting <- struct{}{} }})
		done <- err
	}()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("the build did not wait for the lock: %v", err)
	}
	if v := assertWholeSite(t, out, refs); v != "A" {
		t.Errorf("while waiting, the output is version %s, want A", v)
	}
	lock.release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(waiting) != 0 {
		t.Error("OnWait was called more than once")
	}
	if v := assertWholeSite(t, out, refs); v != "B" {
		t.Errorf("after the wait, the output is version %s, want B", v)
	}
}

// TestLockFileBesideOutput checks that the lock file stays beside the
// output, empty, and is neither in the site nor in the working folder, nor
// read as content of a KB whose root holds the output.
func TestLockFileBesideOutput(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, smallKB)
	before, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	for range 2 {
		buildDir(t, dir, Options{Out: out, NoGit: true})
	}
	pl := placeOf(out)
	if fi, err := os.Lstat(pl.lock); err != nil || !fi.Mode().IsRegular() || fi.Size() != 0 {
		t.Errorf("lock file %s: %v %v, want an empty file", pl.lock, fi, err)
	}
	for _, site := range []string{pl.target, pl.work} {
		for name := range kbtest.ReadTree(t, site) {
			if strings.Contains(name, "kb-lock") {
				t.Errorf("%s holds %s", site, name)
			}
		}
	}
	after, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Docs) != len(before.Docs) || len(after.Errors) != len(before.Errors) {
		t.Errorf("after building, the KB has %d documents and %d errors, before %d and %d",
			len(after.Docs), len(after.Errors), len(before.Docs), len(before.Errors))
	}
}

// TestOddLockFileRefused checks that a folder or a link where the lock
// file goes is refused, not followed or waited on.
func TestOddLockFileRefused(t *testing.T) {
	dirs := versionDirs(t, "A")
	for _, tc := range []struct {
		name string
		make func(t *testing.T, p string)
	}{
		{"a folder", userFolder},
		{"a link to a file", func(t *testing.T, p string) {
			victim := filepath.Join(t.TempDir(), "victim")
			kbtest.WriteTree(t, filepath.Dir(victim), "-- victim --\nmine\n")
			symlink(t, victim, p)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			lock := placeOf(out).lock
			tc.make(t, lock)
			mine := snapshot(t, lock)
			err := buildVersion(dirs["A"], out)
			var oe *OutputError
			if !errors.As(err, &oe) || oe.Kind != OutputOdd || oe.Path != lock {
				t.Fatalf("build: %v; want OutputOdd naming %s", err, lock)
			}
			if got := snapshot(t, lock); got != mine {
				t.Errorf("%s changed", lock)
			}
		})
	}
}
