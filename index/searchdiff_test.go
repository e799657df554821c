package index

import (
	"bufio"
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// recordedSearch is one line of testdata/searchdiff: a request and what
// kb search --json answered it with when the file was recorded (the hits'
// paths, scores, snippets and marks), or that it failed.
type recordedSearch struct {
	Request struct {
		Query                               string
		Kind, Severity, Service, Tag, Owner []string
		N                                   int
	} `json:"request"`
	Error       bool             `json:"error"`
	Total       int              `json:"total"`
	Fuzzy       bool             `json:"fuzzy"`
	Corrections []correctionJSON `json:"corrections"`
	Hits        []recordedHit    `json:"hits"`
}

type recordedHit struct {
	Path    string   `json:"path"`
	Score   float64  `json:"score"`
	Snippet string   `json:"snippet"`
	Marks   [][2]int `json:"marks"`
}

// TestSearchAsRecorded runs the queries of testdata/searchdiff (words,
// alert names, typos, phrases, +/-, field:value, wildcards, regular
// expressions, facet filters, several N) on examples/acme and on a
// 300-document kbgen KB, and checks that every one finds the same total,
// the same hits in the same order with the same scores (to the bit), the
// same snippets and the same marks as kb search --json printed for it when
// the files were recorded, before snippet places were read from the body
// alone and phrases matched by the index's own searcher; a query that
// failed must fail.
func TestSearchAsRecorded(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		dir        func(t *testing.T) string
	}{
		{"acme", "acme.jsonl", func(*testing.T) string { return filepath.Join("..", "examples", "acme") }},
		{"kbgen-300", "kbgen300.jsonl", func(t *testing.T) string { return kbgen(t, 300) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recorded := readRecorded(t, filepath.Join("testdata", "searchdiff", tc.file))
			ix := indexOf(t, tc.dir(t))
			for _, want := range recorded {
				r := want.Request
				req := Request{Query: r.Query, Kind: r.Kind, Severity: r.Severity, Service: r.Service, Tag: r.Tag, Owner: r.Owner, N: r.N}
				got, err := ix.Search(req)
				if want.Error {
					if err == nil {
						t.Errorf("%+v: no error, recorded an error", req)
					}
					continue
				}
				if err != nil {
					t.Errorf("%+v: %v", req, err)
					continue
				}
				compareRecorded(t, req, got, want)
			}
		})
	}
}

// indexOf returns a new index of the KB at dir, closed when the test ends.
func indexOf(t *testing.T, dir string) *Index {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(loadDocs(t, dir)); err != nil {
		t.Fatal(err)
	}
	return ix
}

func readRecorded(t *testing.T, path string) []recordedSearch {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []recordedSearch
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r recordedSearch
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s:%d: %v", path, len(out)+1, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("%s holds %d queries; want at least 20", path, len(out))
	}
	return out
}

// compareRecorded reports how got differs from what was recorded.
func compareRecorded(t *testing.T, req Request, got Result, want recordedSearch) {
	t.Helper()
	if got.Total != want.Total || got.Fuzzy != want.Fuzzy || len(got.Corrections) != len(want.Corrections) {
		t.Errorf("%+v: total %d, fuzzy %v, %d corrections; recorded %d, %v, %d",
			req, got.Total, got.Fuzzy, len(got.Corrections), want.Total, want.Fuzzy, len(want.Corrections))
		return
	}
	for i, c := range got.Corrections {
		if correctionJSON(c) != want.Corrections[i] {
			t.Errorf("%+v: correction %d is %v; recorded %v", req, i, c, want.Corrections[i])
		}
	}
	if len(got.Hits) != len(want.Hits) {
		t.Errorf("%+v: %d hits; recorded %d", req, len(got.Hits), len(want.Hits))
		return
	}
	// Documents of equal score come in the index's order, and bleve
	// numbers the documents of a batch in no fixed order: within a run of
	// equal scores the order is free, and where the hits were cut in such
	// a run, which of its documents made the cut.
	gotHits := make([]recordedHit, len(got.Hits))
	for i, h := range got.Hits {
		gotHits[i] = recordedHit{Path: h.Path, Score: h.Score, Snippet: h.Snippet}
		for _, m := range h.Marks {
			gotHits[i].Marks = append(gotHits[i].Marks, [2]int{m.Start, m.End})
		}
	}
	wantHits := slices.Clone(want.Hits)
	for _, hs := range [][]recordedHit{gotHits, wantHits} {
		slices.SortStableFunc(hs, func(a, b recordedHit) int {
			if a.Score != b.Score {
				return cmp.Compare(b.Score, a.Score)
			}
			return strings.Compare(a.Path, b.Path)
		})
	}
	cut := len(wantHits) > 0 && got.Total > len(wantHits)
	last := 0.0
	if cut {
		last = wantHits[len(wantHits)-1].Score
	}
	byPath := map[string]recordedHit{}
	for _, w := range wantHits {
		byPath[w.Path] = w
	}
	for i, h := range gotHits {
		w := wantHits[i]
		if h.Score != w.Score {
			t.Errorf("%+v: hit %d scores %v (%s); recorded %v (%s)", req, i+1, h.Score, h.Path, w.Score, w.Path)
			continue
		}
		if cut && h.Score == last {
			// In the run that was cut: compare the documents found in both.
			if w, ok := byPath[h.Path]; ok {
				w.Marks = nonNilMarks(w.Marks)
				h.Marks = nonNilMarks(h.Marks)
				if !reflect.DeepEqual(h, w) {
					t.Errorf("%+v: hit %+v;\nrecorded %+v", req, h, w)
				}
			}
			continue
		}
		w.Marks, h.Marks = nonNilMarks(w.Marks), nonNilMarks(h.Marks)
		if !reflect.DeepEqual(h, w) {
			t.Errorf("%+v: hit %d %+v;\nrecorded %+v", req, i+1, h, w)
		}
	}
}

func nonNilMarks(m [][2]int) [][2]int {
	if m == nil {
		return [][2]int{}
	}
	return m
}
