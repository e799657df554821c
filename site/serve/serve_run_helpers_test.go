package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
)

// runWait bounds every wait of the run tests: a guard against a hang on a
// busy machine, not a measure of speed.
const runWait = 20 * time.Second

// runToday is the day the run tests judge dates against.
var runToday = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// runWatch are the short watcher delays of the run tests.
var runWatch = WatchOptions{Quiet: 20 * time.Millisecond, MaxDelay: 100 * time.Millisecond}

// lockedBuffer is a writer that Run writes to while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// liveRun is a Run under test.
type liveRun struct {
	t        *testing.T
	dir      string
	addr     string
	base     string
	stdout   *lockedBuffer
	stderr   *lockedBuffer
	current  func() *Snapshot
	cancel   context.CancelFunc
	done     chan error
	stopped  bool
	stopTook time.Duration
	client   *http.Client
}

// startRun runs Run on dir (loopback, any port, the short watcher delays
// unless opts says otherwise) until the test ends, and returns once it
// serves.
func startRun(t *testing.T, dir string, opts Options) *liveRun {
	t.Helper()
	r := &liveRun{t: t, dir: dir, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, done: make(chan error, 1),
		client: &http.Client{Timeout: runWait, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	opts.Dir = dir
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.Today.IsZero() {
		opts.Today = runToday
	}
	if opts.Watch.Quiet == 0 && !opts.Watch.ForcePoll {
		opts.Watch = runWatch
	}
	opts.Stdout, opts.Stderr = r.stdout, r.stderr
	ready := make(chan string, 1)
	opts.Ready = func(addr string) { ready <- addr }
	opts.started = func(current func() *Snapshot) { r.current = current }
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- Run(ctx, opts) }()
	select {
	case r.addr = <-ready:
	case err := <-r.done:
		cancel()
		t.Fatalf("Run ended before it served: %v\n%s", err, r.stderr.String())
	case <-time.After(runWait):
		cancel()
		t.Fatal("Run did not serve in time")
	}
	r.base = "http://" + r.addr
	t.Cleanup(func() {
		if !r.stopped {
			if err := r.stop(); err != nil {
				t.Errorf("Run: %v", err)
			}
		}
	})
	return r
}

// stop cancels Run's context, as SIGINT does, and returns what Run
// returned, failing the test when it does not return.
func (r *liveRun) stop() error {
	r.t.Helper()
	r.stopped = true
	start := time.Now()
	r.cancel()
	select {
	case err := <-r.done:
		r.stopTook = time.Since(start)
		return err
	case <-time.After(runWait):
		r.t.Fatalf("Run did not return within %v of the cancel", runWait)
		return nil
	}
}

// get fetches a path of the server and returns the status and body.
func (r *liveRun) get(path string) (int, string) {
	r.t.Helper()
	resp, err := r.client.Get(r.base + path)
	if err != nil {
		r.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

// waitPage fetches path until ok holds of its status and body, and
// returns how long that took; it fails the test after runWait with what
// describes the wait.
func (r *liveRun) waitPage(what, path string, ok func(status int, body string) bool) time.Duration {
	r.t.Helper()
	start := time.Now()
	for {
		status, body := r.get(path)
		if ok(status, body) {
			return time.Since(start)
		}
		if time.Since(start) > runWait {
			r.t.Fatalf("%s: GET %s never as expected (last: %d, %d bytes)\nstderr:\n%s", what, path, status, len(body), r.stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// writeRunKB writes runKB into a new folder and returns it.
func writeRunKB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, runKB())
	return dir
}

// contains is a check of waitPage: a 200 whose body holds every text.
func contains(texts ...string) func(int, string) bool {
	return func(status int, body string) bool {
		if status != http.StatusOK {
			return false
		}
		for _, s := range texts {
			if !strings.Contains(body, s) {
				return false
			}
		}
		return true
	}
}

// siteState is what a snapshot serves, in a form two runs can be compared
// by: the site's files, and each document's findings, load errors and
// staleness.
type siteState struct {
	files    map[string]string
	findings map[string]string
	errors   map[string]string
	stale    map[string]bool
}

// stateOf returns what snap serves.
func stateOf(snap *Snapshot) siteState {
	s := siteState{files: map[string]string{}, findings: map[string]string{}, errors: map[string]string{}, stale: snap.Stale}
	for _, name := range snap.Site.(interface{ Names() []string }).Names() {
		data, _ := snap.Site.File(name)
		s.files[name] = string(data)
	}
	for path, ds := range snap.Findings {
		var b strings.Builder
		for _, d := range ds {
			fmt.Fprintf(&b, "%s %s %s %s %s\n", d.Pos, d.Severity, d.Rule, d.Message, d.Suggestion)
		}
		if b.Len() > 0 {
			s.findings[path] = b.String()
		}
	}
	for path, es := range snap.Errors {
		var b strings.Builder
		for _, e := range es {
			fmt.Fprintf(&b, "%s %v %s\n", e.Pos, e.Kind, e.Msg)
		}
		s.errors[path] = b.String()
	}
	return s
}

// diff lists how s differs from want, at most a few lines.
func (s siteState) diff(want siteState) []string {
	var out []string
	out = append(out, mapDiff("file", s.files, want.files)...)
	out = append(out, mapDiff("findings of", s.findings, want.findings)...)
	out = append(out, mapDiff("errors of", s.errors, want.errors)...)
	for path := range s.stale {
		if !want.stale[path] {
			out = append(out, "stale: "+path+" (not in the fresh run)")
		}
	}
	for path := range want.stale {
		if !s.stale[path] {
			out = append(out, "not stale: "+path+" (stale in the fresh run)")
		}
	}
	slices.Sort(out)
	if len(out) > 12 {
		out = append(out[:12], fmt.Sprintf("and %d more", len(out)-12))
	}
	return out
}

// mapDiff lists the keys whose values differ between got and want.
func mapDiff(what string, got, want map[string]string) []string {
	var out []string
	for k, v := range got {
		w, ok := want[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s %s: only in the live run", what, k))
		case v != w:
			out = append(out, fmt.Sprintf("%s %s: differs: %s", what, k, firstDifference(v, w)))
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			out = append(out, fmt.Sprintf("%s %s: only in the fresh run", what, k))
		}
	}
	return out
}

// firstDifference shows where two texts part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("live %q, fresh %q", a[from:min(len(a), i+60)], b[from:min(len(b), i+60)])
}

// waitSameSite waits until the live run serves what the fresh one does,
// failing the test with the differences after runWait.
func waitSameSite(t *testing.T, live, fresh *liveRun) {
	t.Helper()
	start := time.Now()
	for {
		d := stateOf(live.current()).diff(stateOf(fresh.current()))
		if len(d) == 0 {
			t.Logf("the live site equals the fresh one after %v", time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > runWait {
			t.Fatalf("the live site differs from a fresh run's:\n%s", strings.Join(d, "\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// copyKB copies the KB at dir, but for its .kb folder, into a new folder.
func copyKB(t *testing.T, dir string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case rel == index.StateDir && d.IsDir():
			return filepath.SkipDir
		case rel == ".":
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, filepath.Join(to, rel))
		case d.IsDir():
			return os.Mkdir(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	must(t, err)
	return to
}
