package site

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/templates"
)

// readManifest reads the static search manifest of a built site.
func readManifest(t *testing.T, out string) map[string]any {
	t.Helper()
	z, err := os.ReadFile(filepath.Join(out, "search", filepath.FromSlash(index.StaticManifest)))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSearchPageAndIndex checks what kb build writes for search: the
// search page, its two scripts, the index, and on every page the script
// and the search box, a GET form to the search page by a relative link.
func TestSearchPageAndIndex(t *testing.T) {
	out := buildKB(t, smallKB, Options{})
	assertFileContent(t, out, "search/index.html", `<input id="kb-q" type="search" name="q"`, `<ol class="results" id="kb-results"`,
		`<script src="analysis.js" defer></script>`, `<script src="../search/search.js" defer></script>`)
	for name, want := range map[string][]byte{"search/analysis.js": templates.SearchAnalysis()} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the embedded script (%v)", name, err)
		}
	}
	assertFileContent(t, out, "search/search.js", "globalThis.kbSearch")
	for name, root := range map[string]string{"index.html": "", "runbooks/cache-stampede/index.html": "../../", "services/index.html": "../"} {
		assertFileContent(t, out, name, `<script src="`+root+`search/search.js" defer></script>`,
			`<form class="search" action="`+root+`search/index.html" method="get" role="search">`, `<input type="search" name="q"`)
	}
	m := readManifest(t, out)
	if m["docs"].(float64) != 5 || m["version"].(float64) != index.StaticVersion || m["analysis"] != index.AnalysisVersion {
		t.Errorf("manifest: %d documents, version %v, analysis %v", int(m["docs"].(float64)), m["version"], m["analysis"])
	}
	for _, name := range []string{"search/data/docs/0.bin", "search/data/terms/0.bin", "search/data/facets/kind-0.bin"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestSearchOff checks that kb.yaml's search: false, and Options.NoSearch,
// leave out the search page, its index, its script and the search box.
func TestSearchOff(t *testing.T) {
	for name, out := range map[string]string{
		"kb.yaml": buildKB(t, strings.Replace(smallKB, "stale_days: 90\n", "stale_days: 90\nsearch: false\n", 1), Options{}),
		"Options": buildKB(t, smallKB, Options{NoSearch: true}),
	} {
		if _, err := os.Stat(filepath.Join(out, "search")); !os.IsNotExist(err) {
			t.Errorf("%s: search/ is there (%v)", name, err)
		}
		assertNoFileContent(t, out, "index.html", "search.js", `class="search"`)
		assertNoFileContent(t, out, "runbooks/cache-stampede/index.html", "search.js", `class="search"`)
	}
}

// TestSearchRecordsUseSiteURLs checks that the result records link to the
// pages as the site places them, plain pages included.
func TestSearchRecordsUseSiteURLs(t *testing.T) {
	out := buildKB(t, smallKB, Options{})
	z, err := os.ReadFile(filepath.Join(out, "search/data/docs/0.bin"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	for _, r := range recs {
		urls[r[3]] = true
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(r[3]), "index.html")); err != nil {
			t.Errorf("record %q: no page there (%v)", r[3], err)
		}
	}
	for _, u := range []string{"runbooks/cache-stampede/", "postmortems/2026-10-01-cache/", "notes/services/", "pages/services/readme/"} {
		if !urls[u] {
			t.Errorf("no record for %s in %v", u, urls)
		}
	}
}
