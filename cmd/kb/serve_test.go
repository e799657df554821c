package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/site/serve"
)

// serveWait bounds every wait of the kb serve process tests: a guard
// against a hang, not a measure of speed.
const serveWait = 30 * time.Second

// serveProcess is a kb serve process of the test's.
type serveProcess struct {
	cmd    *exec.Cmd
	addr   string
	stderr *bytes.Buffer
	exited chan error
}

// startServe starts kb serve on dir, on a free loopback port, and returns
// once it printed where it serves.
func startServe(t *testing.T, dir string) *serveProcess {
	t.Helper()
	p := &serveProcess{cmd: kbCommand("serve", "--dir", dir, "--addr", "127.0.0.1:0", "--today", "2026-06-01"),
		stderr: &bytes.Buffer{}, exited: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			first <- sc.Text()
		}
		close(first)
		io.Copy(io.Discard, stdout)
		p.exited <- p.cmd.Wait()
	}()
	t.Cleanup(func() { p.cmd.Process.Kill() })
	select {
	case line := <-first:
		m := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("kb serve's first line %q names no address; stderr:\n%s", line, p.stderr)
		}
		p.addr = m[1]
	case <-time.After(serveWait):
		t.Fatal("kb serve printed no address in time")
	}
	return p
}

// interrupt sends SIGINT and returns the exit code, failing the test when
// the process does not end.
func (p *serveProcess) interrupt(t *testing.T) int {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(serveWait):
		t.Fatal("kb serve did not end after SIGINT")
		return -1
	}
}

// TestServeProcess runs kb serve as a process: it serves the site, kb
// search in another process asks it (the index being held) and prints
// what a local search prints once kb serve is gone; SIGINT ends it with
// exit 0, its discovery file removed and nothing new in the KB but .kb/.
func TestServeProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	dir := acmeCopy(t)
	before := kbtest.ReadTree(t, dir)
	p := startServe(t, dir)
	resp, err := http.Get("http://" + p.addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(home, []byte("Acme Engineering Knowledge Base")) {
		t.Errorf("GET /: %s, the KB's title %t", resp.Status, bytes.Contains(home, []byte("Acme")))
	}

	// kb serve takes the index once the first page is served: until its
	// search answers, a kb search would search locally, holding the lock.
	waitSearchServed(t, p.addr)
	cases := [][]string{{"--json", "payments", "database", "failover"}, {"disk", "full"}, {"--json", "--severity", "sev1"}}
	asked := make([]searchRun, len(cases))
	for i, args := range cases {
		asked[i] = searchUntilAnswered(t, dir, args)
	}
	if ix, err := index.Open(dir, index.WithLockWait(0)); !isLocked(err) {
		if err == nil {
			ix.Close()
		}
		t.Errorf("index.Open while kb serve runs: %v, want it held (the answers came from kb serve)", err)
	}

	if code := p.interrupt(t); code != exitOK {
		t.Errorf("kb serve exited %d after SIGINT; stderr:\n%s", code, p.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(serve.ServeFile))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s after kb serve: %v, want it gone", serve.ServeFile, err)
	}
	after := kbtest.ReadTree(t, dir)
	for name := range after {
		if strings.HasPrefix(name, index.StateDir+"/") {
			delete(after, name)
		}
	}
	if !sameTree(before, after) {
		t.Errorf("kb serve changed the KB outside %s/", index.StateDir)
	}
	for i, args := range cases {
		if local := runSearch(dir, false, args); local != asked[i] {
			t.Errorf("kb search %q: asking kb serve printed\n%+v\na local search prints\n%+v", args, asked[i], local)
		}
	}
}

// searchUntilAnswered runs kb search until it succeeds: kb serve answers
// searches once its index is built.
// waitSearchServed waits until the kb serve at addr answers /_kb/search.
func waitSearchServed(t *testing.T, addr string) {
	t.Helper()
	start := time.Now()
	for {
		resp, err := http.Get("http://" + addr + "/_kb/search?q=disk")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Since(start) > serveWait {
			t.Fatalf("kb serve's search never answered: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func searchUntilAnswered(t *testing.T, dir string, args []string) searchRun {
	t.Helper()
	start := time.Now()
	for {
		got := runSearch(dir, false, args)
		if got.code == exitOK {
			return got
		}
		if time.Since(start) > serveWait {
			t.Fatalf("kb search %q never answered: %+v", args, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if other, ok := b[name]; !ok || !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}
