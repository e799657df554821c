package index

import (
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// bodyPlaces are the parts of a query that can match in the body, whose
// places there make the snippets: its phrases on the body (by slot, see
// phraseSlots), its terms there (of term clauses, and of words, which
// match any of their terms: kb's queries set no fuzziness "auto"), and
// its other clauses on the body (fuzzy terms, wildcards, regular
// expressions, words that must all be there).
//
// A document that a query matched has in its body the places of each of
// these parts that matches it there, and no others, as long as every
// conjunction of the query is one that the document matched for sure
// (the query's own, and conjunctions of those); a part under a required
// clause, or among alternatives, counts when it matches, and parts that
// are excluded never count. placesIn says when a query is not of that
// shape (then the places come from running the whole query again).
type bodyPlaces struct {
	phrases [][][]string
	terms   []string
	others  []query.Query
}

// placesIn returns the body parts of q. sure says that q matched every
// document whose places are wanted (the query that found them), rather
// than a part of it (the body part of plain words, which a document found
// by its title may not match). It returns false when q is not of the
// shape that bodyPlaces needs.
func placesIn(q query.Query, sure bool, m mapping.IndexMapping) (bodyPlaces, bool) {
	var p bodyPlaces
	ok := p.add(q, sure, m)
	return p, ok
}

// add adds the body parts of q; sure says that q matched the document.
func (p *bodyPlaces) add(q query.Query, sure bool, m mapping.IndexMapping) bool {
	switch q := q.(type) {
	case *query.BooleanQuery:
		if !sure {
			return !mentionsBody(q, m)
		}
		if q.Must != nil && !p.add(q.Must, true, m) {
			return false
		}
		// Without a required clause, an alternative is required.
		return q.Should == nil || p.add(q.Should, q.Must == nil, m)
	case *query.ConjunctionQuery:
		if !sure {
			return !mentionsBody(q, m)
		}
		for _, c := range q.Conjuncts {
			if !p.add(c, true, m) {
				return false
			}
		}
		return true
	case *query.DisjunctionQuery:
		if q.Min > 1 && !sure {
			return !mentionsBody(q, m)
		}
		for _, d := range q.Disjuncts {
			if !p.add(d, len(q.Disjuncts) == 1 && sure, m) {
				return false
			}
		}
		return true
	case *phraseQuery:
		if fieldOf(q.MatchPhraseQuery, m) == FieldBody {
			_, slots, err := phraseSlots(q.MatchPhraseQuery, m)
			if err != nil {
				return false
			}
			if len(slots) > 0 {
				p.phrases = append(p.phrases, slots)
			}
		}
		return true
	case *query.TermQuery:
		if fieldOf(q, m) == FieldBody {
			p.terms = append(p.terms, q.Term)
		}
		return true
	case *query.MatchQuery:
		if fieldOf(q, m) != FieldBody {
			return true
		}
		if q.Fuzziness != 0 || q.Operator != query.MatchQueryOperatorOr {
			p.others = append(p.others, q)
			return true
		}
		terms, ok := matchTerms(q, m)
		p.terms = append(p.terms, terms...)
		return ok
	case *query.MatchAllQuery, *query.MatchNoneQuery, *query.DocIDQuery:
		return true
	case query.FieldableQuery:
		if fieldOf(q, m) == FieldBody {
			p.others = append(p.others, q)
		}
		return true
	}
	return false
}

// matchTerms returns the terms of the words of q, as bleve's MatchQuery
// analyses them.
func matchTerms(q *query.MatchQuery, m mapping.IndexMapping) ([]string, bool) {
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(fieldOf(q, m))
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return nil, false
	}
	var terms []string
	for _, t := range a.Analyze([]byte(q.Match)) {
		terms = append(terms, string(t.Term))
	}
	return terms, true
}

// mentionsBody reports whether q may match in the body: whether a clause
// of it is on the body, or of a kind placesIn does not know.
func mentionsBody(q query.Query, m mapping.IndexMapping) bool {
	var parts []query.Query
	switch q := q.(type) {
	case *query.BooleanQuery:
		parts = []query.Query{q.Must, q.Should, q.MustNot}
	case *query.ConjunctionQuery:
		parts = q.Conjuncts
	case *query.DisjunctionQuery:
		parts = q.Disjuncts
	case *phraseQuery:
		return fieldOf(q.MatchPhraseQuery, m) == FieldBody
	case *query.MatchAllQuery, *query.MatchNoneQuery, *query.DocIDQuery:
		return false
	case query.FieldableQuery:
		return fieldOf(q, m) == FieldBody
	default:
		return true
	}
	for _, c := range parts {
		if c != nil && mentionsBody(c, m) {
			return true
		}
	}
	return false
}

// fieldOf is the field a clause searches.
func fieldOf(q query.FieldableQuery, m mapping.IndexMapping) string {
	if f := q.Field(); f != "" {
		return f
	}
	return m.DefaultSearchField()
}

// placeSet gathers the places of terms in the body of documents, each
// place once, as bleve's matches hold them.
type placeSet map[uint64]search.TermLocationMap

// add adds the place l of term in document num, unless it is there.
func (s placeSet) add(num uint64, term string, l *search.Location) {
	tlm := s[num]
	if tlm == nil {
		tlm = search.TermLocationMap{}
		s[num] = tlm
	}
	for _, have := range tlm[term] {
		if have.Pos == l.Pos && have.Start == l.Start && have.End == l.End && have.ArrayPositions.Equals(l.ArrayPositions) {
			return
		}
	}
	tlm[term] = append(tlm[term], l)
}

// merge adds every place of from.
func (s placeSet) merge(from map[uint64]search.TermLocationMap) {
	for num, tlm := range from {
		for term, ls := range tlm {
			for _, l := range ls {
				s.add(num, term, l)
			}
		}
	}
}

// bodyLocations returns where the terms of q are in the bodies of the
// documents of top (see bodyPlaces; sure as for placesIn): the places of
// q's phrases read from the body's postings of their words, and those of
// its other body clauses from bleve's searcher of those clauses alone,
// for the documents of top only.
func (ix *Index) bodyLocations(v *view, q query.Query, sure bool, top []match) (map[uint64]search.TermLocationMap, error) {
	m := ix.bleve.Mapping()
	p, ok := placesIn(q, sure, m)
	if !ok {
		return ix.queryLocations(v, q, top)
	}
	out := placeSet{}
	if len(p.others) > 0 {
		locs, err := ix.queryLocations(v, query.NewDisjunctionQuery(p.others), top)
		if err != nil {
			return nil, err
		}
		out.merge(locs)
	}
	nums := make([]uint64, 0, len(top))
	for _, t := range top {
		nums = append(nums, t.num)
	}
	slices.Sort(nums)
	if err := postingPlaces(v.r, p, nums, out); err != nil {
		return nil, err
	}
	return out, nil
}

// queryLocations returns where the terms of q are in the bodies of the
// documents of top, from bleve's searcher of q over those documents.
func (ix *Index) queryLocations(v *view, q query.Query, top []match) (map[uint64]search.TermLocationMap, error) {
	ids := make([]string, 0, len(top))
	for _, m := range top {
		ids = append(ids, v.path(m.num))
	}
	only := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), q})
	s, err := only.Searcher(searchContext(), v.r, ix.bleve.Mapping(), search.SearcherOptions{Score: "none", IncludeTermVectors: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	out := map[uint64]search.TermLocationMap{}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			return out, nil
		}
		dm.Complete(nil)
		out[internalNumber(dm.IndexInternalID)] = dm.Locations[FieldBody]
	}
}

// postingPlaces adds to out the places in the body of each document of
// nums (in order) of the terms and phrases of p, read from the body's
// postings of their terms: every place of a term, and those of a phrase
// as bleve's phrase searcher finds them (wherever each slot that holds
// terms has one of them in its place after the first, every such term
// there).
func postingPlaces(r bleveindex.IndexReader, p bodyPlaces, nums []uint64, out placeSet) error {
	readers := map[string]*termPlaces{}
	defer func() {
		for _, tp := range readers {
			tp.r.Close()
		}
	}()
	terms := slices.Clone(p.terms)
	for _, slots := range p.phrases {
		for _, slot := range slots {
			terms = append(terms, slot...)
		}
	}
	for _, term := range terms {
		if readers[term] != nil {
			continue
		}
		tfr, err := r.TermFieldReader(searchContext(), []byte(term), FieldBody, false, false, true)
		if err != nil {
			return err
		}
		readers[term] = &termPlaces{r: tfr}
	}
	for _, num := range nums {
		for _, tp := range readers {
			if err := tp.reach(num); err != nil {
				return err
			}
		}
		for _, term := range p.terms {
			for _, v := range readers[term].at {
				out.add(num, term, location(v))
			}
		}
		for _, slots := range p.phrases {
			addPhrasePlaces(num, slots, readers, out)
		}
	}
	return nil
}

// location is bleve's location of a place of a term.
func location(v *bleveindex.TermFieldVector) *search.Location {
	return &search.Location{Pos: v.Pos, Start: v.Start, End: v.End, ArrayPositions: v.ArrayPositions}
}

// termPlaces reads the places of one term, document by document.
type termPlaces struct {
	r     bleveindex.TermFieldReader
	buf   bleveindex.TermFieldDoc
	doc   *bleveindex.TermFieldDoc // the document read last, if any
	cur   uint64                   // its number
	ended bool
	// at are the places in the document of the last reach, when it has
	// the term (none otherwise).
	at []*bleveindex.TermFieldVector
}

// reach reads the places of the term in document num, which is after any
// asked before.
func (tp *termPlaces) reach(num uint64) error {
	tp.at = nil
	if tp.ended {
		return nil
	}
	if tp.doc == nil || tp.cur < num {
		next, err := tp.r.Advance(internalID(num), tp.buf.Reset())
		if err != nil {
			return err
		}
		if next == nil {
			tp.ended = true
			return nil
		}
		tp.doc, tp.cur = next, internalNumber(next.ID)
	}
	if tp.cur == num {
		tp.at = tp.doc.Vectors
	}
	return nil
}

// addPhrasePlaces adds the places of the phrase of slots in document num,
// whose terms' places the readers hold.
func addPhrasePlaces(num uint64, slots [][]string, readers map[string]*termPlaces, out placeSet) {
	for _, first := range slots[0] {
		for _, start := range readers[first].at {
			if !phraseAt(start.Pos, slots, readers) {
				continue
			}
			for i, slot := range slots {
				for _, term := range slot {
					for _, v := range readers[term].at {
						if v.Pos == start.Pos+uint64(i) {
							out.add(num, term, location(v))
						}
					}
				}
			}
		}
	}
}

// phraseAt reports whether every slot of the phrase that holds terms has
// one of them at its place after pos, the place of the first slot. (The
// body is one value, so its places have no array positions to compare.)
func phraseAt(pos uint64, slots [][]string, readers map[string]*termPlaces) bool {
	for i, slot := range slots {
		if len(slot) == 0 {
			continue
		}
		found := false
		for _, term := range slot {
			for _, v := range readers[term].at {
				if v.Pos == pos+uint64(i) {
					found = true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}
