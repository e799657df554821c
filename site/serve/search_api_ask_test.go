package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/kb-tools/kb/index"
)

// advertise writes ServeFile in root for pid at addr.
func advertise(t *testing.T, root, addr string, pid int) {
	t.Helper()
	data, err := json.Marshal(serveFile{Addr: addr, PID: pid})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeInKB(root, ServeFile, data); err != nil {
		t.Fatal(err)
	}
}

// deadPID returns the process id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// closedAddr returns a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// A running server's answer is read back into the result a local search
// gives.
func TestAskARunningServer(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	srv := httptest.NewServer(SearchHandler(ti.search))
	defer srv.Close()
	remove, err := WriteServeFile(ti.dir, srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer remove()
	if !Running(ti.dir) {
		t.Error("Running is false with this process's file")
	}
	requests := []index.Request{
		{Query: "payments database", N: 10},
		{Query: "chekout", N: 3},
		{Severity: []string{"sev1", "SEV2"}, Kind: []string{"postmortem"}, N: 10},
		{Query: `"disk full" -checkout +service:payments`, Tag: []string{"database"}, N: 1},
		{Query: "zqxjkv", N: 10},
	}
	for _, req := range requests {
		res, asked, err := Ask(ti.dir, req)
		if err != nil || !asked {
			t.Fatalf("%+v: asked %v, %v", req, asked, err)
		}
		var got bytes.Buffer
		if err := index.WriteJSON(&got, res); err != nil {
			t.Fatal(err)
		}
		if want := ti.wantJSON(t, req); got.String() != want {
			t.Errorf("%+v: asked\n%s\nwant\n%s", req, got.String(), want)
		}
	}
}

// Where there is no server to ask, Ask says so, with no error.
func TestAskNoServer(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root string)
	}{
		{"no .kb", func(t *testing.T, root string) {}},
		{"no file", func(t *testing.T, root string) { mkdir(t, root+"/.kb") }},
		{"the file of an ended process", func(t *testing.T, root string) { advertise(t, root, "127.0.0.1:1", deadPID(t)) }},
		{"a process id of none", func(t *testing.T, root string) { advertise(t, root, "127.0.0.1:1", 0) }},
		{"nothing listening", func(t *testing.T, root string) { advertise(t, root, closedAddr(t), os.Getpid()) }},
	}
	for _, tt := range tests {
		root := t.TempDir()
		tt.setup(t, root)
		if _, asked, err := Ask(root, index.Request{Query: "disk"}); asked || err != nil {
			t.Errorf("%s: asked %v, error %v; want no server", tt.name, asked, err)
		}
	}
}

// Ask connects to a loopback address only; a server listening on every
// interface is asked on the loopback.
func TestAskLoopbackOnly(t *testing.T) {
	tests := []struct {
		addr, want string
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080"},
		{"127.1.2.3:8080", "127.1.2.3:8080"},
		{"[::1]:8080", "[::1]:8080"},
		{"[::ffff:127.0.0.1]:8080", "127.0.0.1:8080"},
		{"0.0.0.0:8080", "127.0.0.1:8080"},
		{"[::]:8080", "[::1]:8080"},
		{"192.0.2.10:8080", ""},
		{"[2001:db8::1]:8080", ""},
		{"example.com:8080", ""},
		{"localhost:8080", ""},
		{"127.0.0.1", ""},
	}
	for _, tt := range tests {
		got, err := loopbackAddr(tt.addr)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("%s: %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
	root := t.TempDir()
	advertise(t, root, "192.0.2.10:8080", os.Getpid())
	var ae *AskError
	if _, asked, err := Ask(root, index.Request{Query: "disk"}); asked || !errors.As(err, &ae) || ae.Kind != AskNotLoopback {
		t.Errorf("asked %v, %v; want an AskNotLoopback error", asked, err)
	}
}

// A server on every interface is asked on the loopback.
func TestAskUnspecifiedAddress(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	srv := httptest.NewServer(SearchHandler(ti.search))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	advertise(t, ti.dir, "0.0.0.0:"+port, os.Getpid())
	if res, asked, err := Ask(ti.dir, index.Request{Query: "disk"}); !asked || err != nil || res.Total == 0 {
		t.Errorf("asked %v, total %d, %v", asked, res.Total, err)
	}
}

// The errors of Ask are told apart by kind: a query the server cannot run
// is the index's BadQuery, as a local search gives.
func TestAskErrors(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	kb := httptest.NewServer(SearchHandler(ti.search))
	defer kb.Close()
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>hello</html>")) }))
	defer html.Close()
	failing := httptest.NewServer(SearchHandler(func(index.Request) (index.Result, error) {
		return index.Result{}, &index.Error{Kind: index.Corrupt, Detail: "damaged"}
	}))
	defer failing.Close()
	tests := []struct {
		name     string
		addr     string
		file     string // the file's bytes, instead of addr's
		req      index.Request
		kind     AskErrorKind
		badQuery bool
	}{
		{name: "a bad query", addr: kb.Listener.Addr().String(), req: index.Request{Query: `"unclosed`}, badQuery: true},
		{name: "too many hits", addr: kb.Listener.Addr().String(), req: index.Request{Query: "disk", N: MaxSearchHits + 1}, kind: AskTooManyHits},
		{name: "another server", addr: other.Listener.Addr().String(), req: index.Request{Query: "disk"}, kind: AskBadAnswer},
		{name: "a page for an answer", addr: html.Listener.Addr().String(), req: index.Request{Query: "disk"}, kind: AskBadAnswer},
		{name: "a failed search", addr: failing.Listener.Addr().String(), req: index.Request{Query: "disk"}, kind: AskRefused},
		{name: "a file that is not JSON", file: "addr=127.0.0.1:8080", req: index.Request{Query: "disk"}, kind: AskBadFile},
	}
	for _, tt := range tests {
		root := t.TempDir()
		if tt.file != "" {
			if err := writeInKB(root, ServeFile, []byte(tt.file)); err != nil {
				t.Fatal(err)
			}
		} else {
			advertise(t, root, tt.addr, os.Getpid())
		}
		_, asked, err := Ask(root, tt.req)
		var ae *AskError
		var ie *index.Error
		switch {
		case asked:
			t.Errorf("%s: asked, want an error", tt.name)
		case tt.badQuery && !(errors.As(err, &ie) && ie.Kind == index.BadQuery):
			t.Errorf("%s: %v, want an index.BadQuery", tt.name, err)
		case !tt.badQuery && !(errors.As(err, &ae) && ae.Kind == tt.kind):
			t.Errorf("%s: %v, want an AskError of kind %d", tt.name, err, tt.kind)
		}
	}
}

// A server that takes the connection and never answers is given up on.
func TestAskGivesUpOnASilentServer(t *testing.T) {
	release := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer silent.Close()
	defer close(release)
	_, asked, err := askAt(silent.Listener.Addr().String(), index.Request{Query: "disk"}, 100*time.Millisecond)
	var ae *AskError
	if asked || !errors.As(err, &ae) || ae.Kind != AskNoAnswer {
		t.Errorf("asked %v, %v; want an AskNoAnswer error", asked, err)
	}
}
