package index

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// retryFuzzy tries the typo-tolerant query when the exact words of a
// plain query find fewer than fewHits documents or one of its terms is in
// no document, and replaces res by its result when that finds more
// documents or corrects a term (the documents with the corrected terms
// then come first).
func (ix *Index) retryFuzzy(res *Result, text string, filter query.Query, n int) error {
	a := ix.bleve.Mapping().AnalyzerNamed(AnalyzerName)
	words := queryWords(a, text)
	if len(words) == 0 {
		return nil
	}
	v, err := ix.view()
	if err != nil {
		return err
	}
	corrections, err := ix.corrections(v.r, words)
	if err != nil {
		return err
	}
	if res.Total >= fewHits && len(corrections) == 0 {
		return nil
	}
	v, c, err := ix.run(fuzzyQuery(words), filter, n, false)
	if err != nil {
		return err
	}
	if c.total > res.Total || c.total > 0 && len(corrections) > 0 {
		if *res, err = ix.result(v, c, fuzzyFieldQuery(words, bodyField()), false); err != nil {
			return err
		}
		res.Fuzzy, res.Corrections = true, corrections
	}
	return nil
}

// editDistance is how far a term of the typo-tolerant query may be from
// the terms it matches, by its length: none up to 3 letters, 1 up to 7,
// 2 beyond. A term with a digit (doc0042, sha256, 10.0.0.1) is matched
// exactly: another digit is another thing, not a typo.
func editDistance(term string) int {
	if strings.ContainsAny(term, "0123456789") {
		return 0
	}
	switch n := utf8.RuneCountInString(term); {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	}
	return 2
}

// queryWord is a word of the query and the terms kb's analysis makes of it.
type queryWord struct {
	word  string
	terms []string
}

// queryWords analyses each word of text with a.
func queryWords(a analysis.Analyzer, text string) []queryWord {
	var out []queryWord
	for _, w := range strings.Fields(text) {
		if terms := Terms(a, w); len(terms) > 0 {
			out = append(out, queryWord{word: w, terms: terms})
		}
	}
	return out
}

// fuzzyQuery is plainQuery with each term matched within its edit
// distance.
func fuzzyQuery(words []queryWord) query.Query {
	var fields []query.Query
	for _, f := range textFields() {
		fields = append(fields, fuzzyFieldQuery(words, f))
	}
	return query.NewDisjunctionQuery(fields)
}

// fuzzyFieldQuery is the part of fuzzyQuery on one field.
func fuzzyFieldQuery(words []queryWord, f textField) query.Query {
	var terms []query.Query
	for _, w := range words {
		for _, t := range w.terms {
			fq := query.NewFuzzyQuery(t)
			fq.SetFuzziness(editDistance(t))
			fq.SetField(f.name)
			terms = append(terms, fq)
		}
	}
	d := query.NewDisjunctionQuery(terms)
	d.SetBoost(f.boost)
	return d
}

// corrections finds, for each term of words that no document has in a
// text field, the closest indexed term: the least edit distance, then the
// most documents, then the first in order.
func (ix *Index) corrections(r bleveindex.IndexReader, words []queryWord) ([]Correction, error) {
	var out []Correction
	seen := map[string]bool{}
	for _, w := range words {
		for _, t := range w.terms {
			if seen[t] || editDistance(t) == 0 {
				continue
			}
			seen[t] = true
			found, err := hasTerm(r, t)
			if err != nil {
				return nil, err
			}
			if found {
				continue
			}
			if to, err := closestTerm(r, t); err != nil {
				return nil, err
			} else if to != "" {
				out = append(out, Correction{From: t, To: to})
			}
		}
	}
	return out, nil
}

// hasTerm reports whether a text field of some document has term.
func hasTerm(r bleveindex.IndexReader, term string) (bool, error) {
	for _, f := range textFields() {
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), f.name, false, false, false)
		if err != nil {
			return false, err
		}
		n := tfr.Count()
		tfr.Close()
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// closestTerm returns the indexed term of the text fields nearest to term
// within its edit distance, or "".
func closestTerm(r bleveindex.IndexReader, term string) (string, error) {
	fuzzy, ok := r.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return "", nil
	}
	type candidate struct {
		term     string
		distance uint8
		count    uint64
	}
	byTerm := map[string]*candidate{}
	for _, f := range textFields() {
		d, err := fuzzy.FieldDictFuzzy(f.name, term, editDistance(term), "")
		if err != nil {
			return "", err
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return "", err
			}
			if e == nil {
				break
			}
			c := byTerm[e.Term]
			if c == nil {
				c = &candidate{term: e.Term, distance: e.EditDistance}
				byTerm[e.Term] = c
			}
			c.count += e.Count
		}
		d.Close()
	}
	var all []*candidate
	for _, c := range byTerm {
		if c.term != term {
			all = append(all, c)
		}
	}
	if len(all) == 0 {
		return "", nil
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.distance != b.distance {
			return a.distance < b.distance
		}
		if a.count != b.count {
			return a.count > b.count
		}
		return a.term < b.term
	})
	return all[0].term, nil
}
