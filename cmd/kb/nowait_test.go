//go:build unix && !aix

package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/internal/kbtest"
	"golang.org/x/sys/unix"
)

// holdOutputLock takes the lock kb build takes beside out, as another kb
// build would, until release is called.
func holdOutputLock(t *testing.T, out string) (release func()) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".kb-lock"), os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	return func() { f.Close() }
}

// TestBuildWhileAnotherHoldsTheLock checks, with this process holding the
// lock of the output, that kb build --no-wait fails at once with exit 2,
// and that kb build without it says once that it waits and builds when
// the lock is released.
func TestBuildWhileAnotherHoldsTheLock(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, kbtest.VersionKB("A"))
	out := filepath.Join(dir, "public")
	release := holdOutputLock(t, out)
	defer release()

	cmd := kbCommand("build", "--dir", dir, "--no-wait")
	output, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(output), out) {
		t.Fatalf("kb build --no-wait: exit %d (%v), want 2 naming %s:\n%s", code, err, out, output)
	}
	for _, p := range []string{out, filepath.Join(dir, ".public.kb-prev")} {
		if _, err := os.Lstat(p); !os.IsNotExist(err) {
			t.Errorf("kb build --no-wait made %s (%v)", p, err)
		}
	}

	cmd = kbCommand("build", "--dir", dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A kb that neither waits nor ends would hang the test: stop it.
	stop := time.AfterFunc(2*time.Minute, func() { _ = cmd.Process.Kill() })
	defer stop.Stop()
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() || !strings.Contains(lines.Text(), "waiting for another build of "+out) {
		t.Fatalf("kb build's first line on stderr: %q, want that it waits", lines.Text())
	}
	release()
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("kb build after the wait: %v\n%s", err, strings.Join(rest, "\n"))
	}
	if len(rest) != 0 {
		t.Errorf("more on stderr after the note: %q", rest)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no site after the wait: %v", err)
	}
}
