package index

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlainRunAgreesWithBleve checks the term-at-a-time scoring of plain
// words against bleve's own searcher of the same query: the same matches,
// facet counts and best documents, scores equal to within rounding, on
// the example KB and on a generated one with changed and removed
// documents (so that segments hold deleted ones).
func TestPlainRunAgreesWithBleve(t *testing.T) {
	for _, tc := range []struct {
		name string
		dir  string
	}{
		{"acme", filepath.Join("..", "examples", "acme")},
		{"kbgen-300", kbgen(t, 300)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := loadDocs(t, tc.dir)
			ix, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if _, err := ix.Update(docs); err != nil {
				t.Fatal(err)
			}
			// Change a fifth of the documents and drop a tenth.
			var next []Document
			for i, d := range docs {
				switch {
				case i%10 == 3:
					continue
				case i%5 == 1:
					d.Body += "\n\nAfter the review the replica lag alert fired again during failover."
					d.Hash += "-changed"
				}
				next = append(next, d)
			}
			if _, err := ix.Update(next); err != nil {
				t.Fatal(err)
			}
			queries := plainTestQueries(next, 60)
			checked := 0
			for _, q := range queries {
				for _, n := range []int{1, 10, 1000} {
					_, fast, err := ix.runPlain(q, n)
					if err != nil {
						t.Fatal(err)
					}
					_, slow, err := ix.run(plainQuery(q), nil, n, false)
					if err != nil {
						t.Fatal(err)
					}
					comparePlain(t, q, Request{}, n, fast, slow)
					checked++
				}
			}
			t.Logf("%d documents, %d queries × 3 depths: %d comparisons", len(next), len(queries), checked)
		})
	}
}

// plainTestQueries returns fixed queries of the awkward kinds (stop words
// only, repeated words, identifiers, other scripts) and n more made of
// one to five words drawn from the documents' titles and bodies.
func plainTestQueries(docs []Document, n int) []string {
	qs := []string{
		"database", "disk full", "the of and", "disk disk disk full", "KubePodCrashLooping",
		"kube_pod_crash_looping", "replica lag failover", "Überlauf naïve café", "決済 障害",
		"zzzznotaword", "FeatureFlagsConnectionPoolExhausted", "a", "TLS handshake errors certificate expired renewal",
	}
	if n == 0 {
		return qs
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var words []string
	for _, d := range docs {
		words = append(words, strings.Fields(d.Title)...)
		body := strings.Fields(d.Body)
		for i := 0; i < len(body) && i < 200; i += 7 {
			words = append(words, body[i])
		}
	}
	for range n {
		k := 1 + rng.IntN(5)
		var q []string
		for range k {
			q = append(q, words[rng.IntN(len(words))])
		}
		qs = append(qs, strings.Join(q, " "))
	}
	return qs
}

// comparePlain fails the test where the two collections differ: totals,
// counts, and the best documents, whose scores must agree to 1e-12 of
// the score and whose order may differ only between such equal scores.
func comparePlain(t *testing.T, q string, f Request, n int, fast, slow collected) {
	t.Helper()
	where := func() string { return q + " " + strings.Join(append(f.Kind, append(f.Severity, f.Tag...)...), ",") }
	if fast.total != slow.total {
		t.Errorf("%q n=%d: %d matches, bleve %d", where(), n, fast.total, slow.total)
		return
	}
	for i := range slow.counts {
		for j := range slow.counts[i] {
			if fast.counts[i][j] != slow.counts[i][j] {
				t.Errorf("%q: facet %d value %d counted %d, bleve %d", where(), i, j, fast.counts[i][j], slow.counts[i][j])
			}
		}
	}
	if len(fast.top) != len(slow.top) {
		t.Errorf("%q n=%d: %d best, bleve %d", where(), n, len(fast.top), len(slow.top))
		return
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) }
	for i := range slow.top {
		a, b := fast.top[i], slow.top[i]
		if !close(a.score, b.score) {
			t.Errorf("%q n=%d: rank %d scores %.17g (doc %d), bleve %.17g (doc %d)", where(), n, i+1, a.score, a.num, b.score, b.num)
			continue
		}
		last := slow.top[len(slow.top)-1]
		if a.num != b.num && !tiedWith(slow.top, a, close) && !close(a.score, last.score) {
			t.Errorf("%q n=%d: rank %d is doc %d, bleve doc %d (scores %.17g, %.17g)", where(), n, i+1, a.num, b.num, a.score, b.score)
		}
	}
}

// tiedWith reports whether some match of top has m's document and a score
// close to m's: two documents with scores equal but for rounding may come
// in either order (or, at the last place, either be kept).
func tiedWith(top []match, m match, close func(a, b float64) bool) bool {
	for _, x := range top {
		if x.num == m.num && close(x.score, m.score) {
			return true
		}
	}
	return false
}

// FuzzPlainRun checks the term-at-a-time scoring against bleve's searcher
// on the example KB for any query text.
func FuzzPlainRun(f *testing.F) {
	for _, q := range plainTestQueries(nil, 0) {
		f.Add(q)
	}
	docs := loadDocs(f, filepath.Join("..", "examples", "acme"))
	ix, err := Open(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(docs); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		q = firstWords(q, MaxQueryWords)
		_, fast, err := ix.runPlain(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		_, slow, err := ix.run(plainQuery(q), nil, 10, false)
		if err != nil {
			t.Fatal(err)
		}
		comparePlain(t, q, Request{}, 10, fast, slow)
	})
}
