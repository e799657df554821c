package index

import (
	"math"
	"testing"
)

// The scores of plain-word queries follow the formula of the search
// contract (docs of the static client): the static index precomputes it,
// so bleve's order and the static client's agree. bleve's scores are the
// formula's times a constant of the query (queryNorm).
func TestScoresFollowTheContract(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	docs := loadDocs(t, dir)
	c := newContractScorer(docs)
	for _, q := range []string{"disk full", "payments database", "checkout latency cache cache", "KubePodCrashLooping pods", "payment"} {
		res := mustSearch(t, ix, Request{Query: q, N: 100})
		if res.Total < 2 || res.Fuzzy {
			t.Fatalf("%q: %d hits (fuzzy %v), too few to compare", q, res.Total, res.Fuzzy)
		}
		var ratio float64
		for i, h := range res.Hits {
			want := c.score(q, h.Path)
			if want <= 0 {
				t.Errorf("%q: %s has contract score %g", q, h.Path, want)
				continue
			}
			r := h.Score / want
			if i == 0 {
				ratio = r
			} else if math.Abs(r/ratio-1) > 1e-5 {
				t.Errorf("%q: %s scores %g, contract %g: ratio %g, others %g", q, h.Path, h.Score, want, r, ratio)
			}
		}
	}
}

// contractScorer computes the contract's score from the documents.
type contractScorer struct {
	n      int
	fields map[string]map[string]map[string]int // field, path, term: count
	length map[string]map[string]int            // field, path: tokens
	df     map[string]map[string]int            // field, term: documents
	avg    map[string]float64
}

func newContractScorer(docs []Document) *contractScorer {
	a := Analyzer()
	c := &contractScorer{n: len(docs), fields: map[string]map[string]map[string]int{}, length: map[string]map[string]int{},
		df: map[string]map[string]int{}, avg: map[string]float64{}}
	for _, f := range textFields() {
		c.fields[f.name], c.length[f.name], c.df[f.name] = map[string]map[string]int{}, map[string]int{}, map[string]int{}
		for _, d := range docs {
			text := map[string]string{FieldTitle: d.Title, FieldNames: d.Names, FieldBody: d.Body}[f.name]
			terms := Terms(a, text)
			counts := map[string]int{}
			for _, term := range terms {
				counts[term]++
			}
			for term := range counts {
				c.df[f.name][term]++
			}
			c.fields[f.name][d.Path], c.length[f.name][d.Path] = counts, len(terms)
		}
		// bleve's average field length: distinct terms over documents.
		c.avg[f.name] = math.Ceil(float64(len(c.df[f.name])) / float64(c.n))
	}
	return c
}

func (c *contractScorer) score(query, path string) float64 {
	q := Terms(Analyzer(), query)
	const k1, b = 1.2, 0.75
	total, matchedFields := 0.0, 0
	for _, f := range textFields() {
		counts := c.fields[f.name][path]
		m, sum := 0, 0.0
		for _, term := range q {
			tf := counts[term]
			if tf == 0 {
				continue
			}
			m++
			df := float64(c.df[f.name][term])
			idf := math.Log(1 + (float64(c.n)-df+0.5)/(df+0.5))
			// bleve keeps 1/sqrt(length) as a float32 and works back.
			norm := float64(float32(1 / math.Sqrt(float64(c.length[f.name][path]))))
			length := 1 / (norm * norm)
			s := math.Sqrt(float64(tf))
			sum += f.boost * idf * idf * s * k1 / (s + k1*(1-b+b*length/c.avg[f.name]))
		}
		if m > 0 {
			matchedFields++
			total += float64(m) / float64(len(q)) * sum
		}
	}
	return float64(matchedFields) / 3 * total
}
