package serve

import (
	"bufio"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSiteName(t *testing.T) {
	for _, tc := range []struct {
		raw, path string
		name      string
		status    int
	}{
		{"/", "/", "index.html", 0},
		{"/x/", "/x/", "x/index.html", 0},
		{"/x", "/x", "x", 0},
		{"/a/b.css", "/a/b.css", "a/b.css", 0},
		{"/services/%E6%B1%BA/", "/services/決/", "services/決/index.html", 0},
		{"/a%20b/", "/a b/", "a b/index.html", 0},
		{"/x/a:b.png", "/x/a:b.png", "x/a:b.png", 0},
		{"/..", "/..", "", 400},
		{"/../etc/passwd", "/../etc/passwd", "", 400},
		{"/x/../../etc/passwd", "/x/../../etc/passwd", "", 400},
		{"/%2e%2e/etc/passwd", "/../etc/passwd", "", 400},
		{"/%2E%2E/", "/../", "", 400},
		{"/x/.", "/x/.", "", 400},
		{"/./index.html", "/./index.html", "", 400},
		{"/..%2fetc", "/../etc", "", 400},
		{"/a%2Fb", "/a/b", "", 400},
		{"/a%5cb", `/a\b`, "", 400},
		{`/a\b`, `/a\b`, "", 400},
		{`/..\..\etc`, `/..\..\etc`, "", 400},
		{"/a%00b", "/a\x00b", "", 400},
		{"/a%01b", "/a\x01b", "", 400},
		{"/a%7fb", "/a\x7fb", "", 400},
		{"//etc/passwd", "//etc/passwd", "", 400},
		{"/a//b", "/a//b", "", 400},
		{"/C:/Windows/win.ini", "/C:/Windows/win.ini", "", 400},
		{"/c:", "/c:", "", 400},
		{"/file:/etc", "/file:/etc", "", 400},
		{"/%C0%AE%C0%AE/", "/\xc0\xae\xc0\xae/", "", 400},
		{"etc/passwd", "etc/passwd", "", 400},
		{"", "", "", 400},
		{"/" + strings.Repeat("a", maxNameBytes), "/" + strings.Repeat("a", maxNameBytes), "", 414},
	} {
		name, status := siteName(tc.raw, tc.path)
		if name != tc.name || status != tc.status {
			t.Errorf("siteName(%q, %q) = %q, %d; want %q, %d", tc.raw, tc.path, name, status, tc.name, tc.status)
		}
		if status == 0 && !fs.ValidPath(name) {
			t.Errorf("siteName(%q) = %q, not a valid path", tc.raw, name)
		}
	}
}

// traversalTargets are request targets, as a client writes them on the
// wire, that try to leave the site; each is refused with its status.
var traversalTargets = []struct {
	target string
	status int
}{
	{"/../../../../etc/passwd", 400},
	{"/postmortems/../../etc/passwd", 400},
	{"/%2e%2e/%2e%2e/etc/passwd", 400},
	{"/%2E%2e/x", 400},
	{"/.%2e/x", 400},
	{"/..%2f..%2fetc%2fpasswd", 400},
	{"/%2f%2fetc/passwd", 400},
	{"/..%5c..%5cetc%5cpasswd", 400},
	{`/..\..\etc\passwd`, 400},
	{"/index.html%00.css", 400},
	{"//etc/passwd", 400},
	{"/C:/Windows/win.ini", 400},
	{"/c:%5cwindows%5cwin.ini", 400},
	{"/%c0%ae%c0%ae/etc/passwd", 400},
	{"/postmortems/./checkout/", 400},
	{"/" + strings.Repeat("x/", 600), 414},
	{"/..;/index.html", 404},
	{"/%252e%252e/etc/passwd", 404}, // "%2e%2e" decoded once is a plain name
}

// rawGet sends target as the request line, unchanged, and returns the
// answer's status and body.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second)) // a guard, not a bound
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: kb\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestTraversalRefused(t *testing.T) {
	site := testSite()
	site.files["etc/passwd"] = "inside the site, but only /etc/passwd is asked for"
	s, _ := newTestServer(t, newSnapshot(site, 1), serverOptions{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, tc := range traversalTargets {
		status, body := rawGet(t, addr, tc.target)
		if status != tc.status {
			t.Errorf("GET %s: %d, want %d", tc.target, status, tc.status)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "inside the site") {
			t.Errorf("GET %s served a file: %q", tc.target, body)
		}
	}
	// Whatever was sent, Pages was asked for valid slash names only.
	for _, name := range site.names() {
		if !fs.ValidPath(name) || strings.Contains(name, `\`) {
			t.Errorf("Pages was asked for %q", name)
		}
	}
	if status, _ := rawGet(t, addr, "/etc/passwd"); status != 200 {
		t.Errorf("the site's own etc/passwd: %d, want 200 (the test's server is not serving)", status)
	}
}

// TestNoFileSystem checks that the HTTP part of the preview cannot reach
// the disk: none of its files imports a package that opens files.
func TestNoFileSystem(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || !httpPart(f) {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch p {
			case "os", "io/ioutil", "path/filepath", "syscall", "embed", "os/exec":
				t.Errorf("%s imports %s: the preview's HTTP side reads nothing but the snapshot", f, p)
			}
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("checked %d files of the HTTP part, want at least 5", checked)
	}
}

func httpPart(file string) bool {
	for _, prefix := range []string{"server", "live", "inject", "overlay"} {
		if strings.HasPrefix(file, prefix) {
			return true
		}
	}
	return false
}
