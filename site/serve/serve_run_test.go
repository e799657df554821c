package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/site"
)

// TestRunPrintsAddressAndServes checks Run's startup: its first line names
// the address it serves, which Ready was told, and the site is there.
func TestRunPrintsAddressAndServes(t *testing.T) {
	r := startRun(t, writeRunKB(t), Options{})
	first, _, _ := strings.Cut(r.stdout.String(), "\n")
	if !strings.Contains(first, "http://"+r.addr+"/") || !strings.Contains(first, "5 documents") {
		t.Errorf("first line %q, want the address http://%s/ and the 5 documents", first, r.addr)
	}
	if status, body := r.get("/"); status != http.StatusOK || !strings.Contains(body, "Relay Engineering KB") {
		t.Errorf("GET /: %d, home page %t", status, strings.Contains(body, "Relay Engineering KB"))
	}
	if status, body := r.get(runURL); status != http.StatusOK || !strings.Contains(body, "Stage 14 of the queue rollout") {
		t.Errorf("GET %s: %d, body of the postmortem %t", runURL, status, strings.Contains(body, "Stage 14"))
	}
	if _, err := os.Stat(filepath.Join(r.dir, filepath.FromSlash(ServeFile))); err != nil {
		t.Errorf("%s while Run serves: %v", ServeFile, err)
	}
}

// searchBody asks Run's /_kb/search until the index answers, and returns
// the JSON.
func (r *liveRun) searchBody(query string) string {
	r.t.Helper()
	var body string
	r.waitPage("a search answer", "/_kb/search?"+query, func(status int, b string) bool {
		body = b
		return status == http.StatusOK
	})
	return body
}

// TestRunSearchAnswersFromTheKB checks /_kb/search of a running Run: JSON
// of the KB's documents, kept up to date with an edit, and the same hits
// as a search of the index Run leaves behind, as kb search runs it.
func TestRunSearchAnswersFromTheKB(t *testing.T) {
	r := startRun(t, writeRunKB(t), Options{})
	res, err := index.ReadJSON(strings.NewReader(r.searchBody("q=partition&kind=postmortem")))
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URL)
	}
	slices.Sort(urls)
	want := []string{"/postmortems/2026-01-20-dns-expiry/", "/postmortems/2026-02-11-cache-eviction/", runURL}
	if res.Total != 3 || !slices.Equal(urls, want) {
		t.Errorf("q=partition: total %d, hits %q; want the 3 postmortems %q", res.Total, urls, want)
	}

	// An edit reaches the index in place.
	appendToFile(t, r.dir, runOtherDoc, "\nThe zebrafish dashboard showed it first.\n")
	var body string
	r.waitPage("the edit in the index", "/_kb/search?q=zebrafish", func(status int, b string) bool {
		body = b
		res, err := index.ReadJSON(strings.NewReader(b))
		return status == http.StatusOK && err == nil && res.Total == 1
	})
	if res, err := index.ReadJSON(strings.NewReader(body)); err != nil || len(res.Hits) != 1 || res.Hits[0].Path != runOtherDoc {
		t.Errorf("q=zebrafish: %+v, %v; want the one hit %s", res.Hits, err, runOtherDoc)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// As kb search does: the index brought up to date with the KB first.
	if _, err := ix.Update(kbDocuments(t, r.dir)); err != nil {
		t.Fatal(err)
	}
	local, err := ix.Search(index.Request{Query: "zebrafish", N: index.DefaultHits})
	if err != nil {
		t.Fatal(err)
	}
	// Scores are left out: bleve counts a replaced document in its
	// statistics until it merges its segments, in the background, so a
	// score may move after the server's answer.
	served, err := index.ReadJSON(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := withoutScores(t, served), withoutScores(t, local); got != want {
		t.Errorf("the server answered\n%s\nthe index it left answers\n%s", got, want)
	}
}

// withoutScores is the JSON of res with every hit's score 0.
func withoutScores(t *testing.T, res index.Result) string {
	t.Helper()
	for i := range res.Hits {
		res.Hits[i].Score = 0
	}
	var js bytes.Buffer
	if err := index.WriteJSON(&js, res); err != nil {
		t.Fatal(err)
	}
	return js.String()
}

// TestRunAnswersAskWhileItHoldsTheIndex checks that while Run holds the
// index, opening it fails as Locked and Ask gets Run's answer; once Run
// has stopped, Ask finds no server.
func TestRunAnswersAskWhileItHoldsTheIndex(t *testing.T) {
	r := startRun(t, writeRunKB(t), Options{})
	body := r.searchBody("q=rollout&n=2")
	_, err := index.Open(r.dir, index.WithLockWait(0))
	var ie *index.Error
	if !errors.As(err, &ie) || ie.Kind != index.Locked {
		t.Fatalf("index.Open while Run holds it: %v, want an error of kind Locked", err)
	}
	res, asked, err := Ask(r.dir, index.Request{Query: "rollout", N: 2})
	if err != nil || !asked {
		t.Fatalf("Ask: asked %t, %v", asked, err)
	}
	var js bytes.Buffer
	if err := index.WriteJSON(&js, res); err != nil {
		t.Fatal(err)
	}
	if js.String() != body {
		t.Errorf("Ask got\n%s\n/_kb/search answers\n%s", js.String(), body)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if _, asked, err := Ask(r.dir, index.Request{Query: "rollout"}); asked || err != nil {
		t.Errorf("Ask once Run stopped: asked %t, %v; want no server", asked, err)
	}
}

// TestRunStopsCleanly cancels Run's context, as SIGINT does, while a page
// listens to its events and a search has been answered: Run returns with
// no error, the event stream ends, the index can be opened again at once,
// ServeFile is gone, and the KB holds nothing new but .kb/.
func TestRunStopsCleanly(t *testing.T) {
	dir := writeRunKB(t)
	before := kbtest.ReadTree(t, dir)
	r := startRun(t, dir, Options{})
	r.searchBody("q=queue")
	resp, err := http.Get(r.base + "/_kb/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	if line, err := events.ReadString('\n'); err != nil || !strings.HasPrefix(line, "retry:") {
		t.Fatalf("event stream starts %q, %v", line, err)
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("Run returned %v after the cancel", r.stopTook)
	if _, err := io.ReadAll(events); err != nil {
		t.Errorf("the event stream did not end cleanly: %v", err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("index.Open after Run: %v", err)
	}
	ix.Close()
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(ServeFile))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s after Run: %v, want it gone", ServeFile, err)
	}
	after := kbtest.ReadTree(t, dir)
	for name := range after {
		if strings.HasPrefix(name, index.StateDir+"/") {
			delete(after, name)
		}
	}
	if !treesEqual(before, after) {
		t.Errorf("the KB changed outside %s/:\nbefore %q\nafter  %q", index.StateDir, sortedNames(before), sortedNames(after))
	}
	if status, err := http.Get(r.base + "/"); err == nil {
		status.Body.Close()
		t.Errorf("the server still answers after Run returned: %s", status.Status)
	}
}

// kbDocuments returns what the index keeps of each document of the KB
// at dir.
func kbDocuments(t *testing.T, dir string) []index.Document {
	t.Helper()
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	urls := site.URLs(kb.Docs)
	docs := make([]index.Document, len(kb.Docs))
	for i, d := range kb.Docs {
		docs[i] = index.NewDocument(d, urls[d])
	}
	return docs
}

// appendToFile appends text to a file of the KB, in place.
func appendToFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(rel)), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	must(t, err)
}

func treesEqual(a, b map[string][]byte) bool {
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

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// TestRunSearchIndexIsNoNewBuild checks that the static search index,
// written in the background after an edit, is served under the gen of the
// edit's build: a page that shows that build and connects to the events
// after the index is written does not reload for it.
func TestRunSearchIndexIsNoNewBuild(t *testing.T) {
	r := startRun(t, writeRunKB(t), Options{})
	searchData := func() string {
		var all strings.Builder
		site := r.current().Site
		names := site.(interface{ Names() []string }).Names()
		slices.Sort(names)
		for _, name := range names {
			if strings.HasPrefix(name, "search/data/") {
				data, _ := site.File(name)
				all.WriteString(name + "\x00" + string(data) + "\x00")
			}
		}
		return all.String()
	}
	r.waitPage("the first search index", "/search/data/manifest.bin", func(status int, _ string) bool { return status == http.StatusOK })
	before := searchData()
	appendToFile(t, r.dir, runOtherDoc, "\nThe wombat graph showed it.\n")
	var gen string
	r.waitPage("the edit", "/postmortems/2026-02-11-cache-eviction/", func(status int, body string) bool {
		_, rest, ok := strings.Cut(body, `<meta name="kb-gen" content="`)
		gen, _, _ = strings.Cut(rest, `"`)
		return ok && strings.Contains(body, "The wombat graph showed it.")
	})
	start := time.Now()
	for searchData() == before {
		if time.Since(start) > runWait {
			t.Fatal("the search index was not written again after the edit")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if now := strconv.FormatUint(r.current().Gen, 10); now != gen {
		t.Errorf("the page of the edit shows gen %s, and once the search index is written the server is at gen %s", gen, now)
	}
}

// TestRunStoppedWhileStarting cancels Run's context before its site is
// built, as a Ctrl+C during a long startup does: Run returns without
// serving, printing an address or leaving ServeFile behind.
func TestRunStoppedWhileStarting(t *testing.T) {
	dir := writeRunKB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out lockedBuffer
	served := false
	err := Run(ctx, Options{Dir: dir, Addr: "127.0.0.1:0", Today: runToday, Watch: runWatch, Stdout: &out,
		Ready: func(string) { served = true }})
	if err != nil || served || out.String() != "" {
		t.Errorf("Run: %v, served %t, printed %q; want it to return at once, serving nothing", err, served, out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(ServeFile))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s: %v, want none", ServeFile, err)
	}
}
