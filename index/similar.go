package index

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"unicode"

	"github.com/kb-tools/kb/content"
)

// How Similar picks a postmortem's words and which documents it keeps.
const (
	// SimilarTerms is how many of a postmortem's words Similar looks up:
	// those that weigh most in it, by how often it says them and how
	// few documents of the KB do.
	SimilarTerms = 30
	// MinSimilarity is the least similarity a document must have to be
	// returned: below it, the words in common are ones any postmortem
	// may use.
	MinSimilarity = 0.2
	// MinSharedTerms is how many of those words a document must have, in
	// one of its fields, to be returned: in a small KB one rare word in
	// common can weigh as much as a whole text.
	MinSharedTerms = 3
)

// Similar is a postmortem found like another one by [Index.Similar].
type Similar struct {
	*Document
	// Similarity is the document's score for the other postmortem's words
	// over that postmortem's own score for them: 1 for the same text,
	// near 0 for little in common.
	Similarity float64
}

// Similar returns up to n postmortems of the last Update most like the
// one at path, best first: dated no later than it (undated ones may be
// earlier too), at least MinSimilarity alike and with MinSharedTerms of
// its words. The likeness is the score of the postmortem's SimilarTerms
// most distinctive words, weighed as plain words of a search are, in each
// other postmortem, over its own score. A path the last Update was not
// given has none.
func (ix *Index) Similar(path string, n int) (found []Similar, err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bleve == nil {
		return nil, &Error{Kind: Closed, Path: ix.path, Detail: "the search index is closed"}
	}
	defer func() {
		if r := recover(); r != nil {
			ix.corrupt.Store(true)
			found, err = nil, &Error{Kind: Corrupt, Path: ix.path, Detail: fmt.Sprint(r)}
		}
	}()
	d := ix.docs[path]
	if d == nil || n <= 0 {
		return nil, nil
	}
	v, err := ix.view()
	if err != nil {
		return nil, err
	}
	terms, err := ix.distinctiveTerms(v, d)
	if err != nil || len(terms) == 0 {
		return nil, err
	}
	sums, err := plainSums(v.r, terms, len(v.paths))
	if err != nil {
		return nil, err
	}
	self := slices.Index(v.paths, path)
	if self < 0 || !sums.matched[self] {
		return nil, nil
	}
	own := sums.score(self, len(terms))
	for num, ok := range sums.matched {
		other := v.docs[num]
		if !ok || num == self || other == nil || !earlierPostmortem(other, d) || sums.shared(num) < MinSharedTerms {
			continue
		}
		if s := sums.score(num, len(terms)) / own; s >= MinSimilarity {
			found = append(found, Similar{Document: other, Similarity: min(s, 1)})
		}
	}
	slices.SortFunc(found, func(a, b Similar) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.Path, b.Path)
	})
	return found[:min(n, len(found))], nil
}

// shared is how many query terms the document at internal number num
// has, in the text field that has most of them.
func (s *fieldSums) shared(num int) int32 {
	var most int32
	for f := range numFields {
		most = max(most, s.count[f][num])
	}
	return most
}

// earlierPostmortem reports whether other is a postmortem that may come
// before d: dated no later, or either of them undated.
func earlierPostmortem(other, d *Document) bool {
	if other.Kind != string(content.KindPostmortem) {
		return false
	}
	return other.Date.IsZero() || d.Date.IsZero() || !other.Date.After(d.Date)
}

// weighedTerm is a word of a document and its weight in it.
type weighedTerm struct {
	term   string
	weight float64
}

// distinctiveTerms returns the SimilarTerms words of d's title, names and
// body that weigh most: the square root of how often d says a word, as
// BM25 counts it, times the word's idf over the text fields where it is
// most common. Words no other document has cannot match and are left
// out.
func (ix *Index) distinctiveTerms(v *view, d *Document) ([][]byte, error) {
	a := ix.bleve.Mapping().AnalyzerNamed(AnalyzerName)
	if a == nil {
		return nil, fmt.Errorf("no analyzer %s", AnalyzerName)
	}
	freq := map[string]float64{}
	for _, f := range []struct {
		text  string
		boost float64
	}{{d.Title, TitleBoost}, {d.Names, NamesBoost}, {d.Body, BodyBoost}} {
		for _, t := range a.Analyze([]byte(f.text)) {
			freq[string(t.Term)] += f.boost
		}
	}
	docs, err := v.r.DocCount()
	if err != nil {
		return nil, err
	}
	weighed := make([]weighedTerm, 0, len(freq))
	for term, tf := range freq {
		if tf < minTermWeight || countLike(term) {
			continue
		}
		df, err := ix.mostDocs(v, term)
		if err != nil {
			return nil, err
		}
		if df < 2 {
			continue
		}
		idf := math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
		weighed = append(weighed, weighedTerm{term, math.Sqrt(tf) * idf})
	}
	slices.SortFunc(weighed, func(a, b weighedTerm) int {
		if c := cmp.Compare(b.weight, a.weight); c != 0 {
			return c
		}
		return cmp.Compare(a.term, b.term)
	})
	terms := make([][]byte, 0, SimilarTerms)
	for _, w := range weighed[:min(SimilarTerms, len(weighed))] {
		terms = append(terms, []byte(w.term))
	}
	return terms, nil
}

// mostDocs is how many documents hold term in the text field where most
// do.
func (ix *Index) mostDocs(v *view, term string) (uint64, error) {
	var most uint64
	for f := range numFields {
		r, err := v.r.TermFieldReader(searchContext(), []byte(term), fieldName(f), false, false, false)
		if err != nil {
			return 0, err
		}
		most = max(most, r.Count())
		if err := r.Close(); err != nil {
			return 0, err
		}
	}
	return most, nil
}

// minTermWeight is the least weight of a word in a postmortem for Similar
// to look it up: a word of the title or the names, or one the body says
// twice. A word said once in passing says little of what happened.
const minTermWeight = 2

// countLike reports whether a term is a number other than one of three
// digits: times, dates and counts are left out of the words that make
// postmortems alike, status codes such as 503 are kept.
func countLike(term string) bool {
	for _, r := range term {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return len(term) != 3
}
