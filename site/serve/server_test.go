package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
)

// fakePages is a site in a map, with the documents its pages render. It
// records every name it is asked for.
type fakePages struct {
	files map[string]string
	docs  map[string]string // page name -> KB path
	mu    sync.Mutex
	asked []string
}

func (p *fakePages) File(name string) ([]byte, bool) {
	p.mu.Lock()
	p.asked = append(p.asked, name)
	p.mu.Unlock()
	s, ok := p.files[name]
	return []byte(s), ok
}

func (p *fakePages) DocOf(name string) (string, bool) {
	d, ok := p.docs[name]
	return d, ok
}

func (p *fakePages) PageOf(path string) (string, bool) {
	for name, d := range p.docs {
		if d == path {
			return name, true
		}
	}
	return "", false
}

func (p *fakePages) names() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.asked...)
}

const (
	pmPath   = "postmortems/2026-03-14-checkout.md"
	pmPage   = "postmortems/checkout/index.html"
	rbPath   = "runbooks/cache.md"
	rbPage   = "runbooks/cache/index.html"
	pageHTML = "<!DOCTYPE html>\n<html><head><title>T</title>\n<link rel=\"stylesheet\" href=\"../../style.css\"></head>\n<body><main><h1 data-kb-line=\"9\">Checkout</h1><p data-kb-line=\"11\">Text</p></main></body></html>\n"
)

// testSite is a small site: home, a postmortem and a runbook, a
// stylesheet, JSON, images, a feed and a 404 page.
func testSite() *fakePages {
	return &fakePages{
		files: map[string]string{
			"index.html":             strings.Replace(pageHTML, "Checkout", "Home", 1),
			pmPage:                   pageHTML,
			rbPage:                   strings.Replace(pageHTML, "Checkout", "Cache", 1),
			"404.html":               "<html><head></head><body><h1>Not found</h1></body></html>",
			"style.css":              "body { color: red }",
			"api/docs.json":          `[{"id":"checkout"}]`,
			"trends/chart.svg":       `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
			"postmortems/a.png":      "\x89PNG",
			"feed.xml":               "<feed/>",
			"robots.txt":             "User-agent: *",
			"search/data/0.bin":      "\x00\x01",
			"search/search.js":       "void 0;",
			"services/決済/index.html": pageHTML,
		},
		docs: map[string]string{pmPage: pmPath, rbPage: rbPath},
	}
}

// snapHolder is the Current of a test server: a snapshot that tests swap.
type snapHolder struct{ p atomic.Pointer[Snapshot] }

func (h *snapHolder) get() *Snapshot  { return h.p.Load() }
func (h *snapHolder) set(s *Snapshot) { h.p.Store(s) }

func newSnapshot(site Pages, gen uint64) *Snapshot {
	return &Snapshot{Gen: gen, Site: site, Findings: map[string][]lint.Diagnostic{},
		Errors: map[string][]*content.Error{}, Stale: map[string]bool{}}
}

// newTestServer returns a preview server of snap with opts (Current is
// set from snap).
func newTestServer(t *testing.T, snap *Snapshot, opts serverOptions) (*server, *snapHolder) {
	t.Helper()
	h := &snapHolder{}
	h.set(snap)
	opts.Current = h.get
	s, err := newServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, h
}

// get asks h for target and returns the response and its body.
func get(t *testing.T, h http.Handler, method, target string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestServeMapping(t *testing.T) {
	site := testSite()
	s, _ := newTestServer(t, newSnapshot(site, 1), serverOptions{})
	for _, tc := range []struct {
		target   string
		status   int
		ctype    string
		cache    string
		body     string // the body holds it
		location string
	}{
		{"/", 200, "text/html; charset=utf-8", "no-store", "<h1 data-kb-line=\"9\">Home</h1>", ""},
		{"/index.html", 200, "text/html; charset=utf-8", "no-store", ">Home<", ""},
		{"/postmortems/checkout/", 200, "text/html; charset=utf-8", "no-store", ">Checkout<", ""},
		{"/postmortems/checkout/index.html", 200, "text/html; charset=utf-8", "no-store", ">Checkout<", ""},
		{"/postmortems/checkout", 302, "", "no-store", "", "/postmortems/checkout/"},
		{"/postmortems/checkout?q=a%20b", 302, "", "no-store", "", "/postmortems/checkout/?q=a%20b"},
		{"/services/%E6%B1%BA%E6%B8%88/", 200, "text/html; charset=utf-8", "no-store", ">Checkout<", ""},
		{"/services/%E6%B1%BA%E6%B8%88", 302, "", "no-store", "", "/services/%E6%B1%BA%E6%B8%88/"},
		{"/style.css", 200, "text/css; charset=utf-8", "no-cache", "body { color: red }", ""},
		{"/api/docs.json", 200, "application/json", "no-cache", `"checkout"`, ""},
		{"/trends/chart.svg", 200, "image/svg+xml", "no-cache", "<svg", ""},
		{"/postmortems/a.png", 200, "image/png", "no-cache", "PNG", ""},
		{"/feed.xml", 200, "application/xml; charset=utf-8", "no-cache", "<feed/>", ""},
		{"/robots.txt", 200, "text/plain; charset=utf-8", "no-cache", "User-agent", ""},
		{"/search/data/0.bin", 200, "application/octet-stream", "no-cache", "", ""},
		{"/search/search.js", 200, "text/javascript; charset=utf-8", "no-cache", "void 0;", ""},
		{"/missing/", 404, "text/html; charset=utf-8", "no-store", "<h1>Not found</h1>", ""},
		{"/postmortems/nothing", 404, "text/html; charset=utf-8", "no-store", "<h1>Not found</h1>", ""},
		{"/style.css/", 404, "text/html; charset=utf-8", "no-store", "Not found", ""},
		{"/_kb/live.js", 200, "text/javascript; charset=utf-8", "no-store", "EventSource", ""},
		{"/_kb/preview.css", 200, "text/css; charset=utf-8", "no-store", ".kb-preview", ""},
		{"/_kb/other", 404, "text/plain; charset=utf-8", "no-store", "Not Found", ""},
		{"/_kb/search?q=x", 404, "text/plain; charset=utf-8", "no-store", "Not Found", ""},
	} {
		t.Run(tc.target, func(t *testing.T) {
			res, body := get(t, s, http.MethodGet, tc.target)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.ctype != "" && res.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tc.ctype)
			}
			if got := res.Header.Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control %q, want %q", got, tc.cache)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no X-Content-Type-Options: nosniff")
			}
			if !strings.Contains(body, tc.body) {
				t.Errorf("body does not hold %q:\n%s", tc.body, body)
			}
			if got := res.Header.Get("Location"); got != tc.location {
				t.Errorf("Location %q, want %q", got, tc.location)
			}
		})
	}
}

func TestNotFoundWithoutPage(t *testing.T) {
	site := testSite()
	delete(site.files, "404.html")
	s, _ := newTestServer(t, newSnapshot(site, 1), serverOptions{})
	res, body := get(t, s, http.MethodGet, "/nothing/")
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Not Found") {
		t.Errorf("got %d %q, want 404 Not Found", res.StatusCode, body)
	}
}

func TestSearchMounted(t *testing.T) {
	search := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "answer to "+r.URL.Query().Get("q"))
	})
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Search: search})
	res, body := get(t, s, http.MethodGet, "/_kb/search?q=cache")
	if res.StatusCode != 200 || body != "answer to cache" {
		t.Errorf("got %d %q, want the search handler's answer", res.StatusCode, body)
	}
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", res.Header.Get("Cache-Control"))
	}
}

func TestMethods(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{})
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions, "PROPFIND"} {
		for _, target := range []string{"/", "/style.css", "/_kb/events", "/_kb/live.js"} {
			res, _ := get(t, s, m, target)
			if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q; want 405, GET, HEAD", m, target, res.StatusCode, res.Header.Get("Allow"))
			}
		}
	}
	for _, target := range []string{"/", "/style.css", "/missing/"} {
		full, body := get(t, s, http.MethodGet, target)
		head, headBody := get(t, s, http.MethodHead, target)
		if head.StatusCode != full.StatusCode || headBody != "" {
			t.Errorf("HEAD %s: %d with %d bytes, want %d and none", target, head.StatusCode, len(headBody), full.StatusCode)
		}
		if head.Header.Get("Content-Length") != full.Header.Get("Content-Length") || full.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("HEAD %s: Content-Length %q, GET's %q for %d bytes", target, head.Header.Get("Content-Length"), full.Header.Get("Content-Length"), len(body))
		}
	}
}
