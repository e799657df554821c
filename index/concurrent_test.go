package index

import (
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentSearchesAgreeWithOneAtATime searches one index from many
// goroutines at once, each going through the recorded requests of
// testdata/searchdiff (words, typos, phrases, +/-, field:value, facet
// filters, browsing, a query that fails) from its own place, right after
// an Update, so that the first searches make the view and the facet
// values side by side; then it runs every request again one at a time.
// Each concurrent answer must equal the one-at-a-time answer of its
// request. Run with -race (as CI does), the test also shows that
// searches write nothing unguarded. After a second Update, which drops
// the view and the facet values, the same holds again.
func TestConcurrentSearchesAgreeWithOneAtATime(t *testing.T) {
	var reqs []Request
	for _, r := range readRecorded(t, filepath.Join("testdata", "searchdiff", "acme.jsonl")) {
		q := r.Request
		reqs = append(reqs, Request{Query: q.Query, Kind: q.Kind, Severity: q.Severity, Service: q.Service, Tag: q.Tag, Owner: q.Owner, N: q.N})
	}
	dir := filepath.Join("..", "examples", "acme")
	docs := loadDocs(t, dir)
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for round, changed := range []bool{false, true} {
		if changed {
			// A changed document, as a live preview would give.
			docs[0].Body += "\n\nThe replica lag alert fired again during failover."
			docs[0].Hash += "-changed"
		}
		if _, err := ix.Update(docs); err != nil {
			t.Fatal(err)
		}
		concurrent := searchAtOnce(ix, reqs, 8)
		for i, req := range reqs {
			want := answerOf(ix.Search(req))
			for g, got := range concurrent[i] {
				if !reflect.DeepEqual(got, want) {
					t.Errorf("round %d, goroutine %d, %+v:\ngot  %+v\nwant %+v", round, g, req, got, want)
				}
			}
		}
	}
}

// answer is what a search gave, without the time it took.
type answer struct {
	Res Result
	Err string
}

func answerOf(res Result, err error) answer {
	res.Took = 0
	if err != nil {
		return answer{Err: err.Error()}
	}
	return answer{Res: res}
}

// searchAtOnce runs every request of reqs on ix from each of n goroutines
// at once, goroutine g starting at request g, and returns the answers by
// request, then goroutine.
func searchAtOnce(ix *Index, reqs []Request, n int) [][]answer {
	out := make([][]answer, len(reqs))
	for i := range out {
		out[i] = make([]answer, n)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := range n {
		wg.Go(func() {
			<-start
			for k := range reqs {
				i := (g + k) % len(reqs)
				out[i][g] = answerOf(ix.Search(reqs[i]))
			}
		})
	}
	close(start)
	wg.Wait()
	return out
}

// TestConcurrentSearchesOfADamagedIndex damages the segments of an index
// as TestDamageFoundWhileSearching does and searches it from many
// goroutines at once: every search answers as the same search does one
// at a time afterwards, and the searches that find the damage together
// rebuild the index once (one note each time), not once each.
func TestConcurrentSearchesOfADamagedIndex(t *testing.T) {
	healed := 0
	for _, percent := range []int64{10, 30} {
		dir := writeKB(t, fixtureKB)
		openAndUpdate(t, dir)
		for _, p := range segments(t, filepath.Join(dir, StateDir, IndexDir)) {
			size := fileSize(t, p)
			junk := []byte(strings.Repeat("\x07\x0e\x15\x1c", int(size/40)+1))[:size/10]
			overwrite(t, p, junk, size*percent/100)
			resum(t, p)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Update(loadDocs(t, dir)); err != nil {
			t.Fatalf("%d%%: %v", percent, err)
		}
		opened := len(ix.Notes())
		reqs := []Request{{Query: "KubePodCrashLooping"}, {Query: "abandoned replication slot"}, {Query: `"replication slot"`}}
		concurrent := searchAtOnce(ix, reqs, 8)
		rebuilt := 0
		for _, n := range ix.Notes()[opened:] {
			if strings.Contains(n, "while searching") {
				rebuilt++
			}
		}
		if rebuilt > 1 {
			t.Errorf("%d%%: rebuilt %d times: %q", percent, rebuilt, ix.Notes()[opened:])
		}
		healed += rebuilt
		for i, req := range reqs {
			want := answerOf(ix.Search(req))
			if want.Err != "" || want.Res.Total == 0 {
				t.Errorf("%d%%: %+v: %+v", percent, req, want)
			}
			for g, got := range concurrent[i] {
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%d%%: goroutine %d, %+v:\ngot  %+v\nwant %+v", percent, g, req, got, want)
				}
			}
		}
		if err := ix.Close(); err != nil {
			t.Errorf("%d%%: close: %v", percent, err)
		}
	}
	if healed == 0 {
		t.Error("no damage was found by a search: the test damages nothing that searches read")
	}
}
