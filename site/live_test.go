package site

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
	"golang.org/x/tools/txtar"
)

// liveStep is one change to the KB of testdata/live: files written
// (content) or removed (""), and what the update must render.
type liveStep struct {
	name  string
	write map[string]string
	// rendered, when not -1, is the exact number of pages the update
	// renders; pages lists some of them; whole says every page is, from
	// new layouts; count says every page is because the number of
	// documents, which every page's footer shows, changed.
	rendered int
	pages    []string
	whole    bool
	count    bool
}

func liveSteps() []liveStep {
	db := "postmortems/2026-03-01-db.md"
	dbSource := readLiveFile(db)
	api, cache, rb := "postmortems/2026-03-10-api.md", "postmortems/2026-02-01-cache.md", "runbooks/db-failover.md"
	apiSource, cacheSource, rbSource := readLiveFile(api), readLiveFile(cache), readLiveFile(rb)
	return []liveStep{
		{name: "body edit", write: map[string]string{db: strings.Replace(dbSource, "stopped taking writes", "stopped taking writes at 10:00", 1)},
			rendered: 1, pages: []string{"postmortems/2026-03-01-db/index.html"}},
		{name: "same bytes", write: map[string]string{db: strings.Replace(dbSource, "stopped taking writes", "stopped taking writes at 10:00", 1)},
			rendered: 1},
		{name: "severity edit", rendered: -1, write: map[string]string{db: strings.Replace(dbSource, "SEV2", "SEV1", 1)},
			pages: []string{"postmortems/2026-03-01-db/index.html", "severities/sev1/index.html", "severities/sev2/index.html", "postmortems/index.html", "trends/index.html"}},
		{name: "title edit shows on similar incidents", rendered: -1, write: map[string]string{db: strings.Replace(dbSource, "took an hour", "took two hours", 2)},
			pages: []string{"postmortems/2026-02-01-cache/index.html", "runbooks/db-failover/index.html"}},
		{name: "services edit moves similar incidents", rendered: -1, write: map[string]string{"postmortems/2026-03-10-api.md": strings.Replace(readLiveFile("postmortems/2026-03-10-api.md"), "[payments]", "[postgres, cdn]", 1)},
			pages: []string{"postmortems/2026-02-01-cache/index.html", "services/cdn/index.html"}},
		{name: "services back", rendered: -1, write: map[string]string{"postmortems/2026-03-10-api.md": readLiveFile("postmortems/2026-03-10-api.md")}},
		{name: "action done", rendered: -1, write: map[string]string{db: strings.Replace(dbSource, "- [ ] Drill", "- [x] Drill", 1)},
			pages: []string{"actions/index.html", "owners/dana/index.html"}},
		{name: "lessons edit", rendered: -1, write: map[string]string{db: strings.Replace(dbSource, "stale credentials", "expired credentials", 1)},
			pages: []string{"lessons/index.html"}},
		{name: "tag edit", rendered: -1, write: map[string]string{api: strings.Replace(apiSource, "[deploy]", "[database]", 1)},
			pages: []string{"tags/database/index.html", "tags/index.html", "trends/index.html"}},
		{name: "date moved across months", rendered: -1, write: map[string]string{api: strings.Replace(strings.Replace(apiSource, "[deploy]", "[database]", 1), "2026-03-10", "2026-05-20", 1)},
			pages: []string{"postmortems/index.html", "trends/index.html"}},
		{name: "factors shared", rendered: -1, write: map[string]string{
			api:   strings.Replace(apiSource, "tags: [deploy]", "tags: [deploy]\ncontributing_factors: [expired keys]", 1),
			cache: strings.Replace(cacheSource, "tags: [database, cache]", "tags: [database, cache]\ncontributing_factors: [Expired keys]", 1)},
			pages: []string{"trends/index.html"}},
		{name: "times added", rendered: -1, write: map[string]string{api: strings.Replace(apiSource, "severity: SEV3", "severity: SEV3\nstarted: 2026-03-10T10:00:00Z\ndetected: 2026-03-10T10:20:00Z\nresolved: 2026-03-10T12:00:00Z", 1)},
			pages: []string{"trends/index.html"}},
		{name: "owner and due moved", rendered: -1, write: map[string]string{
			db:    strings.Replace(dbSource, "(owner: @dana, due: 2026-04-01)", "(owner: @kim, due: 2026-12-01)", 1),
			cache: cacheSource},
			pages: []string{"actions/index.html", "owners/kim/index.html", "trends/index.html"}},
		{name: "action reopened elsewhere", rendered: -1, write: map[string]string{api: strings.Replace(apiSource, "- [x] Add", "- [ ] Add", 1)},
			pages: []string{"actions/index.html", "owners/lee/index.html", "trends/index.html"}},
		{name: "runbook reviewed and owned", rendered: -1, write: map[string]string{rb: strings.Replace(strings.Replace(rbSource, "2026-02-01", "2026-11-01\nlast_drilled: 2026-11-02", 1), "@dana", "@kim", 1)},
			pages: []string{"runbooks/index.html", "owners/kim/index.html", "trends/index.html"}},
		{name: "all back", rendered: -1, write: map[string]string{db: dbSource, api: apiSource, rb: rbSource}},
		{name: "new postmortem", rendered: -1, count: true, write: map[string]string{"postmortems/2026-04-01-dns.md": "---\ntitle: DNS outage\ndate: 2026-04-01\nseverity: SEV1\nservices: [dns]\n---\nResolvers failed.\n"},
			pages: []string{"postmortems/2026-04-01-dns/index.html", "services/dns/index.html"}},
		{name: "duplicate id", rendered: -1, count: true, write: map[string]string{"postmortems/2026-04-02-dns.md": "---\ntitle: DNS outage again\nid: 2026-04-01-dns\ndate: 2026-04-02\n---\nAgain.\n"}},
		{name: "duplicate gone", rendered: -1, count: true, write: map[string]string{"postmortems/2026-04-01-dns.md": ""}},
		{name: "image changed", write: map[string]string{"postmortems/img/graph.png": "another picture"},
			rendered: 0, pages: nil},
		{name: "image removed", write: map[string]string{"postmortems/img/graph.png": ""},
			rendered: 1, pages: []string{"postmortems/2026-03-01-db/index.html"}},
		{name: "broken front matter", rendered: -1, write: map[string]string{"postmortems/2026-03-10-api.md": "---\ntitle: [unclosed\n---\nbody\n"}},
		{name: "runbook removed", rendered: -1, count: true, write: map[string]string{"runbooks/db-failover.md": ""}},
		{name: "stylesheet override", rendered: 0, write: map[string]string{"templates/static/style.css": "body { color: #123; }\n"},
			pages: []string{"style.css"}},
		{name: "stylesheet override changed", rendered: 0, write: map[string]string{"templates/static/style.css": "body { color: #456; }\n"},
			pages: []string{"style.css"}},
		{name: "layout changed", rendered: -1, write: map[string]string{"templates/layouts/page.html": `{{ define "main" }}<article class="plain">{{ .Content }}</article>{{ end }}`},
			whole: true},
		{name: "many at once", rendered: -1, count: true, write: map[string]string{
			"postmortems/2026-03-10-api.md": readLiveFile("postmortems/2026-03-10-api.md"),
			"runbooks/db-failover.md":       readLiveFile("runbooks/db-failover.md"),
			"notes/more.md":                 "# More\ntext\n",
		}},
	}
}

// readLiveFile returns the file name of testdata/live/kb.txtar.
func readLiveFile(name string) string {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "live", "kb.txtar"))
	if err != nil {
		panic(err)
	}
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	panic(name + " is not in testdata/live/kb.txtar")
}

// TestLiveUpdateMatchesFreshSite brings a live site through a series of
// changes and checks after each that it holds the very files a live site
// built from scratch holds, and that the update rendered only what the
// change touched.
//
// It runs twice: with every list on one page, and with the lists split
// into parts of a few hundred bytes, so that each change moves items
// between parts.
func TestLiveUpdateMatchesFreshSite(t *testing.T) {
	for _, tt := range []struct {
		name      string
		partBytes int
	}{{"whole lists", 0}, {"lists in parts", 600}} {
		t.Run(tt.name, func(t *testing.T) {
			liveMatchesFresh(t, Options{Today: testToday, NoGit: true, partBytes: tt.partBytes})
		})
	}
}

func liveMatchesFresh(t *testing.T, opts Options) {
	dir := writeLiveKB(t)
	kb := loadLive(t, dir)
	live, err := NewLive(kb, opts)
	if err != nil {
		t.Fatal(err)
	}
	if opts.partBytes > 0 {
		// The parts this test means to move items between.
		live.Wait()
		for _, name := range []string{"postmortems/2026-2/index.html", "actions/done/index.html"} {
			if _, ok := live.mem.files[name]; !ok {
				t.Errorf("no part %s", name)
			}
		}

	}
	putSearch(t, live)
	for _, step := range liveSteps() {
		t.Run(step.name, func(t *testing.T) {
			var paths []string
			for name, text := range step.write {
				writeOrRemove(t, dir, name, text)
				paths = append(paths, name)
			}
			sort.Strings(paths)
			next, err := kb.Reload(paths)
			if err != nil {
				t.Fatal(err)
			}
			kb = next
			ch, err := live.Update(kb, paths)
			if err != nil {
				t.Fatal(err)
			}
			putSearch(t, live)
			fresh, err := NewLive(loadLive(t, dir), opts)
			if err != nil {
				t.Fatal(err)
			}
			putSearch(t, fresh)
			sameFiles(t, live.Files(), fresh.Files())
			total := len(fresh.sigs)
			if step.rendered != -1 && ch.Rendered != step.rendered {
				t.Errorf("rendered %d pages, want %d: %v", ch.Rendered, step.rendered, ch.Files)
			}
			if step.whole != ch.Whole || (step.whole && ch.Rendered != total) {
				t.Errorf("whole = %v rendering %d of %d pages, want whole %v", ch.Whole, ch.Rendered, total, step.whole)
			}
			if step.count && ch.Rendered != total {
				t.Errorf("rendered %d of %d pages when the number of documents changed", ch.Rendered, total)
			}
			if !step.whole && !step.count && ch.Rendered >= total {
				t.Errorf("rendered all %d pages for a change of %v", total, paths)
			}
			for _, p := range step.pages {
				if !slices.Contains(ch.Files, p) {
					t.Errorf("%s not rendered again; changed: %v", p, ch.Files)
				}
			}
		})
	}
}

// TestLiveMatchesBuild checks that a live site holds the files kb build
// writes, byte for byte.
func TestLiveMatchesBuild(t *testing.T) {
	dir := writeLiveKB(t)
	opts := Options{Today: testToday, NoGit: true}
	live, err := NewLive(loadLive(t, dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	putSearch(t, live)
	out := filepath.Join(t.TempDir(), "public")
	opts.Out = out
	if _, err := Build(loadLive(t, dir), opts); err != nil {
		t.Fatal(err)
	}
	built := newMemory()
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		// The marker is the output folder's own, not the site's; the data
		// under /api/ is kb build's only.
		if rel != markerFile && !strings.HasPrefix(filepath.ToSlash(rel), "api/") {
			built.files[filepath.ToSlash(rel)] = data
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, live.Files(), LiveFiles{mem: built})
}

// writeLiveKB writes the KB of testdata/live/kb.txtar into a new folder
// and returns the folder.
func writeLiveKB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "live", "kb.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	kbtest.WriteTree(t, dir, string(src))
	return dir
}

func loadLive(t *testing.T, dir string) *content.KB {
	t.Helper()
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

func putSearch(t *testing.T, l *Live) {
	t.Helper()
	s, err := l.SearchJob()()
	if err != nil {
		t.Fatal(err)
	}
	l.SetSearch(s)
	if l.SearchStale() {
		t.Fatal("search index stale right after it was put in")
	}
}

func writeOrRemove(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if text == "" {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameFiles reports every file that one site holds and the other does
// not, or holds with other bytes.
func sameFiles(t *testing.T, got, want LiveFiles) {
	t.Helper()
	names := map[string]bool{}
	for _, n := range got.Names() {
		names[n] = true
	}
	for _, n := range want.Names() {
		names[n] = true
	}
	for n := range names {
		g, gok := got.File(n)
		w, wok := want.File(n)
		switch {
		case !gok:
			t.Errorf("%s missing", n)
		case !wok:
			t.Errorf("%s there but should not be", n)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs:\n%s", n, firstDifference(g, w))
		}
	}
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "got  ..." + string(a[from:min(len(a), i+80)]) + "\nwant ..." + string(b[from:min(len(b), i+80)])
}
