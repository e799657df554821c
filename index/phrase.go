package index

import (
	"context"
	"encoding/binary"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is a phrase on one field, as bleve's MatchPhraseQuery
// without fuzziness (the only kind the query-string syntax makes), whose
// searcher finds the same documents with the same scores and places,
// faster. bleve's phrase searcher builds the map of every place of every
// word of the phrase for each document that has all the words, and only
// then looks for the phrase: on a KB whose documents have "slow", "page"
// and "load" but few have "slow page loads", that is most of a query's
// time. Here the places of the words are compared as they are read, and
// bleve's searcher is asked only about the documents that have the
// phrase.
type phraseQuery struct {
	*query.MatchPhraseQuery
}

// quickPhrases returns q with its phrases without fuzziness, alone or
// among the disjuncts of q, as phraseQuery.
func quickPhrases(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.MatchPhraseQuery:
		if q.Fuzziness == 0 {
			return &phraseQuery{q}
		}
	case *query.DisjunctionQuery:
		for i, d := range q.Disjuncts {
			q.Disjuncts[i] = quickPhrases(d)
		}
	}
	return q
}

// Searcher implements bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	inner, err := q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	ps, ok := inner.(*searcher.PhraseSearcher)
	if !ok {
		return inner, nil // no words: bleve matches nothing
	}
	field, slots, err := phraseSlots(q.MatchPhraseQuery, m)
	if err != nil {
		ps.Close()
		return nil, err
	}
	words, err := newPhraseWords(ctx, r, field, slots)
	if err != nil || words == nil {
		return ps, err
	}
	return &phraseSearcher{inner: ps, words: words}, nil
}

// phraseSlots returns the field of q and its words by position, as
// bleve's MatchPhraseQuery reads them: the text analysed by the field's
// analyzer, each position from the first word's to the last's a slot
// holding the terms at that position (none where a stop word was).
func phraseSlots(q *query.MatchPhraseQuery, m mapping.IndexMapping) (string, [][]string, error) {
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(field)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return "", nil, &Error{Kind: BadQuery, Detail: "no analyzer named " + name}
	}
	return field, slotsOf(a.Analyze([]byte(q.MatchPhrase))), nil
}

// slotsOf lays tokens out by position, first to last.
func slotsOf(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range tokens {
		slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
	}
	return slots
}

// phraseSearcher is bleve's searcher of a phrase, asked only about the
// documents where the words of the phrase stand in its order (a document
// it then finds no phrase in costs it nothing more than the next one it
// finds). Its weight, count and scores are bleve's searcher's.
type phraseSearcher struct {
	inner search.Searcher
	words *phraseWords
	// last is the document returned last (nil before the first).
	last bleveindex.IndexInternalID
	done bool
}

// Next, Advance, Close, Weight, SetQueryNorm, Count, Min, Size and
// DocumentMatchPoolSize implement bleve's search.Searcher. Advance to a
// document at or before the last one returned goes on to the next match,
// as bleve's phrase searcher does.
func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.from(ctx, nil)
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	return s.from(ctx, id)
}

// from returns the first match at or after id, or after the last one
// returned when that is later.
func (s *phraseSearcher) from(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if s.last != nil && (id == nil || id.Compare(s.last) <= 0) {
		id = successor(s.last)
	}
	cand, err := s.words.next(id)
	if err != nil || cand == nil {
		s.done = true
		return nil, err
	}
	// The first match at or after cand: cand itself, unless the terms of
	// a slot of several were not there.
	dm, err := s.inner.Advance(ctx, cand)
	if err != nil || dm == nil {
		s.done = true
		return nil, err
	}
	s.last = append(s.last[:0], dm.IndexInternalID...)
	return dm, nil
}

func (s *phraseSearcher) Close() error {
	werr := s.words.close()
	if err := s.inner.Close(); err != nil {
		return err
	}
	return werr
}

func (s *phraseSearcher) Weight() float64            { return s.inner.Weight() }
func (s *phraseSearcher) SetQueryNorm(norm float64)  { s.inner.SetQueryNorm(norm) }
func (s *phraseSearcher) Count() uint64              { return s.inner.Count() }
func (s *phraseSearcher) Min() int                   { return s.inner.Min() }
func (s *phraseSearcher) Size() int                  { return s.inner.Size() + s.words.size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }

// successor is the internal id that follows id.
func successor(id bleveindex.IndexInternalID) bleveindex.IndexInternalID {
	return internalID(internalNumber(id) + 1)
}

// internalID is the scorch internal id of a document number.
func internalID(num uint64) bleveindex.IndexInternalID {
	return binary.BigEndian.AppendUint64(nil, num)
}

// phraseWords reads the places of the words of a phrase on one field that
// have a slot of their own (a slot of several terms, such as a name and
// its first part, is left to bleve's searcher) and finds the documents
// where they stand as in the phrase.
type phraseWords struct {
	words []*wordPlaces
	// at is where each word's look for its place stands (inOrder's).
	at []int
}

// wordPlaces is one word of a phrase: where it is in the phrase, and the
// places of the current document that has it.
type wordPlaces struct {
	offset int
	r      bleveindex.TermFieldReader
	cur    *bleveindex.TermFieldDoc // nil before the first read
	buf    bleveindex.TermFieldDoc
	pos    []uint64 // the positions of cur, in order
	ended  bool
}

// newPhraseWords opens the readers of the words of slots, or returns nil
// when fewer than two slots hold a single word (nothing to compare).
func newPhraseWords(ctx context.Context, r bleveindex.IndexReader, field string, slots [][]string) (*phraseWords, error) {
	p := &phraseWords{}
	for offset, slot := range slots {
		if len(slot) != 1 {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(slot[0]), field, false, false, true)
		if err != nil {
			p.close()
			return nil, err
		}
		p.words = append(p.words, &wordPlaces{offset: offset, r: tfr})
	}
	if len(p.words) < 2 {
		p.close()
		return nil, nil
	}
	p.at = make([]int, len(p.words))
	// The rarest word leads: the others leap to its documents.
	slices.SortStableFunc(p.words, func(a, b *wordPlaces) int {
		return compareUint(a.r.Count(), b.r.Count())
	})
	return p, nil
}

func compareUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// next returns the first document at or after id (from the start when id
// is nil) where every word is, each in its place relative to the others;
// nil when there is none.
func (p *phraseWords) next(id bleveindex.IndexInternalID) (bleveindex.IndexInternalID, error) {
	target := id
	for {
		lead := p.words[0]
		if err := lead.reach(target); err != nil || lead.ended {
			return nil, err
		}
		target = append(target[:0:0], lead.cur.ID...)
		agreed := true
		for _, w := range p.words[1:] {
			if err := w.reach(target); err != nil || w.ended {
				return nil, err
			}
			if w.cur.ID.Compare(target) > 0 {
				target = append(target[:0:0], w.cur.ID...)
				agreed = false
				break
			}
		}
		if !agreed {
			continue
		}
		if p.inOrder() {
			return target, nil
		}
		target = successor(target)
	}
}

// reach moves w to its first document at or after target (its first of
// all when target is nil), unless it is there already.
func (w *wordPlaces) reach(target bleveindex.IndexInternalID) error {
	if w.ended || w.cur != nil && (target == nil || w.cur.ID.Compare(target) >= 0) {
		return nil
	}
	var next *bleveindex.TermFieldDoc
	var err error
	if target == nil {
		next, err = w.r.Next(w.buf.Reset())
	} else {
		next, err = w.r.Advance(target, w.buf.Reset())
	}
	if err != nil {
		return err
	}
	if next == nil {
		w.ended = true
		return nil
	}
	w.cur = next
	w.pos = w.pos[:0]
	for _, v := range next.Vectors {
		w.pos = append(w.pos, v.Pos)
	}
	if !slices.IsSorted(w.pos) {
		slices.Sort(w.pos)
	}
	return nil
}

// inOrder reports whether the current document, which every word has, has
// them at positions that differ as their places in the phrase do.
func (p *phraseWords) inOrder() bool {
	lead := p.words[0]
	next := p.at
	clear(next)
	for _, at := range lead.pos {
		start := int64(at) - int64(lead.offset)
		found := true
		for k := 1; k < len(p.words) && found; k++ {
			w := p.words[k]
			want := start + int64(w.offset)
			for next[k] < len(w.pos) && int64(w.pos[next[k]]) < want {
				next[k]++
			}
			found = next[k] < len(w.pos) && int64(w.pos[next[k]]) == want
		}
		if found {
			return true
		}
	}
	return false
}

func (p *phraseWords) close() error {
	var first error
	for _, w := range p.words {
		if err := w.r.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (p *phraseWords) size() int {
	n := 0
	for _, w := range p.words {
		n += w.r.Size() + 8*cap(w.pos)
	}
	return n
}
