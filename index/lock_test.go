package index

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestLockHelperProcess is not a test: run by TestLockedIndex, it holds
// the index of $KB_INDEX_HOLD open until its standard input closes.
func TestLockHelperProcess(t *testing.T) {
	dir := os.Getenv("KB_INDEX_HOLD")
	if dir == "" {
		t.Skip("run by TestLockedIndex")
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("holding\n")
	io.Copy(io.Discard, os.Stdin)
	ix.Close()
}

func TestLockedIndex(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	openAndUpdate(t, dir)

	// Another process holds the index.
	holder := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	holder.Env = append(os.Environ(), "KB_INDEX_HOLD="+dir)
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	defer stdin.Close()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "holding\n" {
		t.Fatalf("the holder did not open the index: %q %v", line, err)
	}
	assertLocked(t, dir)
	stdin.Close()
	if err := holder.Wait(); err != nil {
		t.Fatalf("holder: %v", err)
	}

	// Another Index of this process holds it: the first still works.
	first, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertLocked(t, dir)
	if _, err := first.Update(loadDocs(t, dir)); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, first, Request{Query: "KubePodCrashLooping"}); len(res.Hits) == 0 {
		t.Error("the first Index finds nothing")
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	// Let go, the index opens again.
	again, err := Open(dir)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	again.Close()
}

// assertLocked checks that Open fails with a Locked error, and does not
// wait without end (the bound is generous: it only catches a hang).
func assertLocked(t *testing.T, dir string) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		ix, err := Open(dir, WithLockWait(100*time.Millisecond))
		if err == nil {
			ix.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		var ie *Error
		if !errors.As(err, &ie) || ie.Kind != Locked {
			t.Errorf("Open of a held index: %v, want a Locked error", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Open of a held index is still waiting after a minute")
	}
}
