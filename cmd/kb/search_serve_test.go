package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/ansi"
	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/site/serve"
)

// searchRun is what one kb search printed.
type searchRun struct {
	code           int
	stdout, stderr string
}

// runSearch runs kb search on dir with args, its output a terminal or not.
func runSearch(dir string, terminal bool, args []string) searchRun {
	var out interface {
		io.Writer
		String() string
	} = &bytes.Buffer{}
	if terminal {
		out = &terminalBuffer{}
	}
	var errb bytes.Buffer
	code := run(append([]string{"search", "--dir", dir}, args...), out, &errb)
	return searchRun{code, out.String(), errb.String()}
}

// heldIndex is the index of a KB, held by the test as kb serve holds it,
// and answering /_kb/search on the loopback, as kb serve does.
type heldIndex struct {
	ix      *index.Index
	mu      sync.Mutex
	srv     *http.Server
	remove  func() error
	answers atomic.Int64
}

// holdAndServe opens and updates the index of dir and serves its searches
// on 127.0.0.1, with the discovery file kb serve writes.
func holdAndServe(t *testing.T, dir string) *heldIndex {
	t.Helper()
	docs, err := searchDocuments(dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	h := &heldIndex{}
	if h.ix, err = index.Open(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := h.ix.Update(docs); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	search := serve.SearchHandler(func(req index.Request) (index.Result, error) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.answers.Add(1)
		return h.ix.Search(req)
	})
	mux := http.NewServeMux()
	mux.Handle(serve.SearchPath, search)
	h.srv = &http.Server{Handler: mux}
	go h.srv.Serve(ln)
	if h.remove, err = serve.WriteServeFile(dir, ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.stop)
	return h
}

// stop ends the server, removes its file and lets the index go.
func (h *heldIndex) stop() {
	if h.srv != nil {
		h.srv.Close()
		h.remove()
		h.ix.Close()
		h.srv = nil
	}
}

// searchCase is one kb search command line, its output a terminal or not.
type searchCase struct {
	terminal bool
	args     []string
}

// askedAndLocal runs the cases while a server holds the index of dir,
// then again without it, and returns what each printed.
func askedAndLocal(t *testing.T, dir string, cases []searchCase) (asked, local []searchRun) {
	t.Helper()
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	h := holdAndServe(t, dir)
	for _, c := range cases {
		asked = append(asked, runSearch(dir, c.terminal, c.args))
	}
	if n := h.answers.Load(); n != int64(len(cases)) {
		t.Errorf("the server answered %d searches of %d", n, len(cases))
	}
	h.stop()
	for _, c := range cases {
		local = append(local, runSearch(dir, c.terminal, c.args))
	}
	return asked, local
}

// While a server holds the index, kb search asks it, and prints what a
// local search of the same KB prints, byte for byte: JSON, text, text on
// a terminal, and the error of a query that cannot be run.
func TestSearchAsksTheServerThatHoldsTheIndex(t *testing.T) {
	dir := acmeCopy(t)
	cases := []searchCase{
		{false, []string{"--json", "payments", "database", "failover"}},
		{false, []string{"payments", "database", "failover"}},
		{true, []string{"disk", "full"}},
		{false, []string{"--json", "checkuot"}},
		{true, []string{"checkuot"}},
		{false, []string{"--json", "--severity", "sev1"}},
		{false, []string{"--kind", "runbook,postmortem", "--service", "payments", "--tag", "failover", "-n", "1", "failover"}},
		{false, []string{"--json", "-n", "50", "disk"}},
		{false, []string{"zqxjkv"}},
		{false, []string{`"unclosed`}},
		{false, []string{"colour:red", "+disk"}},
	}
	asked, local := askedAndLocal(t, dir, cases)
	for i, c := range cases {
		if asked[i] != local[i] {
			t.Errorf("kb search %q, terminal %v: asking the server printed\n%+v\na local search\n%+v", c.args, c.terminal, asked[i], local[i])
		}
	}
	if !strings.Contains(asked[2].stdout, ansi.BoldYellow) || !strings.Contains(asked[0].stdout, `"id": "db-failover"`) ||
		asked[9].code != exitUsage || asked[9].stderr == "" {
		t.Errorf("the answers are not what the test asks for:\n%+v\n%+v\n%+v", asked[2], asked[0], asked[9])
	}
}

// Text that is not clean (a byte that is not UTF-8, a control character)
// prints the same through the server's JSON. The local search says on
// stderr that the file has problems; the result on stdout is the same.
func TestSearchAskedPrintsOddTextAsLocal(t *testing.T) {
	dir := acmeCopy(t)
	kbtest.WriteTree(t, dir, "-- runbooks/odd.md --\n# Odd \x07 queue\xff drain <&>\n\nDrain the odd queue\xfe now.\n")
	cases := []searchCase{{false, []string{"--json", "odd", "queue"}}, {true, []string{"odd", "queue"}}, {false, []string{"drain"}}}
	asked, local := askedAndLocal(t, dir, cases)
	for i, c := range cases {
		if asked[i].code != 0 || asked[i].stdout != local[i].stdout || asked[i].code != local[i].code {
			t.Errorf("kb search %q, terminal %v: asking the server printed\n%+v\na local search\n%+v", c.args, c.terminal, asked[i], local[i])
		}
	}
	if !strings.Contains(asked[0].stdout, `"title": "Odd \u0007 queue\ufffd drain \u003c\u0026\u003e"`) {
		t.Errorf("the odd runbook is not found:\n%s", asked[0].stdout)
	}
}

// A discovery file of a process that has ended is no server: kb search
// fails on the lock as it does with none.
func TestSearchLockedWithAStaleServeFile(t *testing.T) {
	dir := acmeCopy(t)
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ended := exec.Command(os.Args[0], "-test.run=^$")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	data, _ := json.Marshal(map[string]any{"addr": ln.Addr().String(), "pid": ended.Process.Pid})
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(serve.ServeFile)), data, 0o600); err != nil {
		t.Fatal(err)
	}
	got := runSearch(dir, false, []string{"disk"})
	if got.code != exitUsage || got.stdout != "" || !strings.Contains(got.stderr, "in use by another kb process") {
		t.Errorf("%+v; want exit 2 and the index in use", got)
	}
}
