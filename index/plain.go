package index

import (
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// runPlain finds and scores the documents that plain words match, as
// bleve's searcher of plainQuery(text) does, term by term instead of
// document by document: each query term's postings in each text field are
// read once and their weights added into per-document sums, where bleve's
// disjunction searchers merge the postings of every term and field in
// document order and score each document on the way. On queries that
// match most of a KB that merge is most of a query's time.
//
// The score is bleve's (see the search contract): for the n terms Q of
// the text in each field f, with queryNorm = 1/sqrt(Σ_{f,q} (boost_f ·
// idf_f(q))²) over every term searcher,
//
//	score(d) = (F/3) · Σ_f (m_f/n) · Σ_{q in Q, q in d.f} bm25_f(q,d) · boost_f · idf_f(q) · queryNorm
//
// where m_f is how many terms of Q match field f of d and F how many
// fields match at all. The sums are added in another order than bleve's,
// so scores agree to the last few bits (TestPlainRunAgreesWithBleve).
// Queries with facet filters go through bleve's conjunction, which leaps
// to the few documents the filters leave.
func (ix *Index) runPlain(text string, n int) (*view, collected, error) {
	v, err := ix.view()
	if err != nil {
		return nil, collected{}, err
	}
	a := ix.bleve.Mapping().AnalyzerNamed(AnalyzerName)
	if a == nil {
		return nil, collected{}, fmt.Errorf("no analyzer %s", AnalyzerName)
	}
	var terms [][]byte
	for _, t := range a.Analyze([]byte(text)) {
		terms = append(terms, t.Term)
	}
	col := newCollector(v, n, false)
	if len(terms) == 0 {
		return v, col.done(), nil
	}
	sums, err := plainSums(v.r, terms, len(v.paths))
	if err != nil {
		return nil, collected{}, err
	}
	for num := range sums.matched {
		if !sums.matched[num] {
			continue
		}
		col.add(match{num: uint64(num), score: sums.score(num, len(terms))})
	}
	return v, col.done(), nil
}

// fieldSums are the weights of a query's terms found in each text field
// of each document, by internal number, and how many terms each field
// matched.
type fieldSums struct {
	sum     [numFields][]float64
	count   [numFields][]int32
	matched []bool
}

// score is the document's score from its sums, with the coordination
// factors of bleve's disjunctions: m_f/n within a field, F/3 across them.
func (s *fieldSums) score(num, n int) float64 {
	var total float64
	fields := 0
	for f := range numFields {
		if m := s.count[f][num]; m > 0 {
			total += s.sum[f][num] * (float64(m) / float64(n))
			fields++
		}
	}
	return total * (float64(fields) / float64(numFields))
}

// grow makes room for internal number num, and more, so that numbers
// that arrive one above the other cost few copies.
func (s *fieldSums) grow(num int) {
	if num < len(s.matched) {
		return
	}
	n := max(num+1, 2*len(s.matched))
	for f := range numFields {
		s.sum[f] = append(s.sum[f], make([]float64, n-len(s.sum[f]))...)
		s.count[f] = append(s.count[f], make([]int32, n-len(s.count[f]))...)
	}
	s.matched = append(s.matched, make([]bool, n-len(s.matched))...)
}

// termReader is one query term's postings in one field, with its weight.
type termReader struct {
	r     bleveindex.TermFieldReader
	field int
	idf   float64
	boost float64
	avg   float64
}

// plainSums reads the postings of every term in every text field and adds
// up each document's weights. size is the expected number of internal
// numbers.
func plainSums(r bleveindex.IndexReader, terms [][]byte, size int) (*fieldSums, error) {
	docs, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	var readers []termReader
	defer func() {
		for _, tr := range readers {
			tr.r.Close()
		}
	}()
	sumSq := 0.0
	for f := range numFields {
		avg, err := avgLength(r, fieldName(f), docs)
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			tfr, err := r.TermFieldReader(searchContext(), t, fieldName(f), true, true, false)
			if err != nil {
				return nil, err
			}
			tr := termReader{r: tfr, field: f, boost: fieldBoost(f), avg: avg}
			tr.idf = termIDF(avg, docs, tfr.Count())
			readers = append(readers, tr)
			w := tr.boost * tr.idf
			sumSq += w * w
		}
	}
	queryNorm := 1.0 / math.Sqrt(sumSq)
	s := &fieldSums{}
	s.grow(size - 1)
	tfd := &bleveindex.TermFieldDoc{}
	for _, tr := range readers {
		weight := tr.boost * tr.idf * queryNorm
		for {
			next, err := tr.r.Next(tfd.Reset())
			if err != nil {
				return nil, err
			}
			if next == nil {
				break
			}
			num := int(internalNumber(next.ID))
			s.grow(num)
			score := termScore(tr.idf, tr.avg, next.Freq, next.Norm)
			if weight != 1.0 {
				score *= weight
			}
			s.sum[tr.field][num] += score
			s.count[tr.field][num]++
			s.matched[num] = true
			tfd = next
		}
	}
	return s, nil
}

// avgLength is the average field length of bleve's BM25: the field's
// distinct terms over the documents, rounded up (0 for an empty index).
func avgLength(r bleveindex.IndexReader, field string, docs uint64) (float64, error) {
	br, ok := r.(bleveindex.BM25Reader)
	if !ok {
		return 0, nil
	}
	card, err := br.FieldCardinality(field)
	if err != nil {
		return 0, err
	}
	if docs == 0 {
		return 0, nil
	}
	return math.Ceil(float64(card) / float64(docs)), nil
}

// termIDF is bleve's idf of a term that df of docs documents hold: BM25's
// when the field has an average length, else tf-idf's.
func termIDF(avg float64, docs, df uint64) float64 {
	if avg > 0 {
		return math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
	}
	return 1.0 + math.Log(float64(docs)/float64(df+1))
}

// termScore is bleve's score of one term in one field of a document,
// before the query weight: BM25's saturated frequency, with the field
// length that the posting's norm stands for.
func termScore(idf, avg float64, freq uint64, norm float64) float64 {
	tf := math.Sqrt(float64(freq)) // bleve's table of square roots holds the same values
	if avg > 0 {
		fieldLength := 1 / (norm * norm)
		return idf * (tf * search.BM25_k1) / (tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/avg)))
	}
	return tf * norm * idf
}
