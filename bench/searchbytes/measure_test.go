package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/internal/kbtest"
)

// workerSite is a search page whose client sends the query to a web worker
// after a pause in typing; the worker fetches /s/WORD.json for the first
// word and the page lists the titles it holds as a.hit.
const workerSite = `
-- search/index.html --
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>search</title>
<script src="/s/client.js"></script></head>
<body><input id="q"><ul id="out"></ul></body></html>
-- s/client.js --
const worker = new Worker("/s/worker.js");
worker.onmessage = (e) => {
  document.getElementById("out").innerHTML = e.data.map((t) => "<li><a class=hit>" + t + "</a></li>").join("");
};
let timer = 0;
document.addEventListener("input", (e) => {
  clearTimeout(timer);
  timer = setTimeout(() => worker.postMessage(e.target.value), 300);
});
-- s/worker.js --
onmessage = async (e) => {
  const word = e.data.trim().split(/\s+/)[0];
  const res = await fetch("/s/" + word + ".json");
  postMessage(await res.json());
};
`

// titles is a JSON list of n titles that start with word.
func titles(word string, n int) string {
	var parts []string
	for i := range n {
		parts = append(parts, `"`+word+` incident `+strings.Repeat("x", i%7)+`"`)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func writeWorkerSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, workerSite)
	for word, n := range map[string]int{"alpha": 400, "beta": 3} {
		if err := os.WriteFile(filepath.Join(dir, "s", word+".json"), []byte(titles(word, n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunCountsPageAndWorkerBytes(t *testing.T) {
	tab := kbtest.Browser(t)
	dir := writeWorkerSite(t)
	srv, err := serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.close()
	cfg := config{page: "/search/", input: "#q", results: ".hit", quiet: 400 * time.Millisecond, timeout: 30 * time.Second}
	phases, err := run(tab, srv, cfg, []string{"alpha one", "beta two"})
	if err != nil {
		t.Fatal(err)
	}
	if len(phases) != 3 {
		t.Fatalf("%d phases, want load and two queries", len(phases))
	}
	all := func(request) bool { return true }
	for _, p := range phases {
		if got := sum(p.Requests, all).wire; got != p.Server {
			t.Errorf("%s: the browser received %d bytes, the server wrote %d", p.Name, got, p.Server)
		}
	}
	for i, word := range []string{"alpha", "beta"} {
		p := phases[i+1]
		q := find(p.Requests, "/s/"+word+".json")
		if q == nil {
			t.Fatalf("%s: no request for %s.json in %v", p.Name, word, p.Requests)
		}
		if q.Source != "worker" {
			t.Errorf("%s.json came from the %s, want the worker", word, q.Source)
		}
		raw, _ := os.ReadFile(filepath.Join(dir, "s", word+".json"))
		if want := int64(len(gzipped(raw))); q.Body != want || q.Wire <= want {
			t.Errorf("%s.json: body %d B and wire %d B, want the gzipped %d B and more with headers", word, q.Body, q.Wire, want)
		}
		if p.FirstMS < 300 || p.LastMS < p.FirstMS {
			t.Errorf("%s: results %v ms (first %v ms) after the last key, want at least the client's 300 ms pause", p.Name, p.LastMS, p.FirstMS)
		}
	}
	for _, path := range []string{"/search/", "/s/client.js", "/s/worker.js"} {
		if find(phases[0].Requests, path) == nil {
			t.Errorf("no request for %s at load: %v", path, phases[0].Requests)
		}
	}
}

func TestRunCallsAFunctionInsteadOfTyping(t *testing.T) {
	tab := kbtest.Browser(t)
	srv, err := serve(writeWorkerSite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.close()
	cfg := config{page: "/search/", results: ".hit", quiet: 200 * time.Millisecond, timeout: 30 * time.Second,
		js: `async (q) => { const r = await fetch("/s/" + q + ".json"); await r.json(); }`}
	phases, err := run(tab, srv, cfg, []string{"beta"})
	if err != nil {
		t.Fatal(err)
	}
	q := find(phases[1].Requests, "/s/beta.json")
	if q == nil || q.Source != "page" || phases[1].Server != sum(phases[1].Requests, func(request) bool { return true }).wire {
		t.Errorf("want one page request for beta.json that the server's count agrees with, got %+v (server %d B)", phases[1].Requests, phases[1].Server)
	}
}

// find is the first request for path, or nil.
func find(reqs []request, path string) *request {
	for i := range reqs {
		if requestPath(reqs[i]) == path {
			return &reqs[i]
		}
	}
	return nil
}
