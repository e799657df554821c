package index

import (
	"context"
	"encoding/binary"
	"math"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// view is one snapshot of the index held for searching, with kb's
// document and facet values for each of bleve's internal document
// numbers. bleve's own facets read doc values for every matching
// document (three quarters of a query's time on 10,000 documents); here a
// match costs a few array increments. The snapshot is fixed, so its
// numbers stay valid while bleve merges segments in the background.
type view struct {
	r bleveindex.IndexReader
	// paths and docs are by internal number; docs is nil where the
	// document was not given to Update (or the number is unused).
	paths  []string
	docs   []*Document
	facets []facetTable // in the order of ResultFacets
	// values numbers the values of all facets together; byDoc lists
	// each document's, by internal number: one loop per match.
	values []matchFacetValue
	byDoc  [][]int32
}

// matchFacetValue is a value of a facet: the facet's index in ResultFacets and
// the value's index in its table.
type matchFacetValue struct {
	facet int
	id    int32
}

// facetTable holds the values of one facet: each distinct value once,
// and for each document the ones it has.
type facetTable struct {
	values []string
	byDoc  [][]int32
}

// view returns the current view, making it when there is none: the first
// search after an Update makes it, and the searches at the same time wait
// for it.
func (ix *Index) view() (*view, error) {
	if v := ix.v.Load(); v != nil {
		return v, nil
	}
	ix.viewMu.Lock()
	defer ix.viewMu.Unlock()
	if v := ix.v.Load(); v != nil {
		return v, nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	v := &view{r: r}
	if err := v.load(ix.docs); err != nil {
		r.Close()
		return nil, err
	}
	ix.v.Store(v)
	return v, nil
}

// dropView lets the current view go (the index changed). No search may be
// under way.
func (ix *Index) dropView() {
	if v := ix.v.Swap(nil); v != nil {
		v.r.Close()
	}
}

// load numbers the documents of the snapshot and their facet values.
func (v *view) load(docs map[string]*Document) error {
	ids, err := v.r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer ids.Close()
	for {
		id, err := ids.Next()
		if err != nil {
			return err
		}
		if id == nil {
			break
		}
		path, err := v.r.ExternalID(id)
		if err != nil {
			return err
		}
		num := int(internalNumber(id))
		for len(v.paths) <= num {
			v.paths, v.docs = append(v.paths, ""), append(v.docs, nil)
		}
		v.paths[num], v.docs[num] = path, docs[path]
	}
	for _, f := range ResultFacets() {
		v.facets = append(v.facets, newFacetTable(v.docs, f))
	}
	first := make([]int32, len(v.facets)) // each facet's first number
	for i, t := range v.facets {
		first[i] = int32(len(v.values))
		for id := range t.values {
			v.values = append(v.values, matchFacetValue{i, int32(id)})
		}
	}
	v.byDoc = make([][]int32, len(v.docs))
	for num := range v.docs {
		for i, t := range v.facets {
			for _, id := range t.byDoc[num] {
				v.byDoc[num] = append(v.byDoc[num], first[i]+id)
			}
		}
	}
	return nil
}

func newFacetTable(docs []*Document, field string) facetTable {
	t := facetTable{byDoc: make([][]int32, len(docs))}
	ids := map[string]int32{}
	for num, d := range docs {
		if d == nil {
			continue
		}
		for _, value := range facetValuesOf(d, field) {
			id, ok := ids[value]
			if !ok {
				id = int32(len(t.values))
				ids[value] = id
				t.values = append(t.values, value)
			}
			if !containsID(t.byDoc[num], id) {
				t.byDoc[num] = append(t.byDoc[num], id)
			}
		}
	}
	return t
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// facetValuesOf returns the values of a facet field of d, as the mapping
// indexes them (see toBleve).
func facetValuesOf(d *Document, field string) []string {
	switch field {
	case FieldKind:
		return nonEmpty([]string{d.Kind})
	case FieldSeverity:
		return nonEmpty([]string{d.Severity})
	case FieldStatus:
		return nonEmpty([]string{d.Status})
	case FieldService:
		return nonEmpty(d.Services)
	case FieldTag:
		return nonEmpty(d.Tags)
	case FieldOwner:
		return nonEmpty(d.Owners)
	case FieldAlert:
		return nonEmpty(d.Alerts)
	}
	return nil
}

// internalNumber is the document number of a scorch internal id.
func internalNumber(id bleveindex.IndexInternalID) uint64 {
	if len(id) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(id)
}

// match is a document found, by internal number.
type match struct {
	num   uint64
	score float64
}

// collected is what one pass over the matches of a query finds.
type collected struct {
	total  int
	top    []match
	counts [][]int // by facet, then value id
}

// searchContext is the context bleve's searchers expect: BM25 scoring, as
// the mapping says.
func searchContext() context.Context {
	return context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring }))
}

// run goes once over the matches of q (and of filter, when not nil) in
// the current view: it counts them and their facet values, and keeps the
// best n, by score (ties in index order, as bleve's collector has them)
// or, when newestFirst, by date and then path.
func (ix *Index) run(q, filter query.Query, n int, newestFirst bool) (*view, collected, error) {
	var c collected
	v, err := ix.view()
	if err != nil {
		return nil, c, err
	}
	if filter != nil {
		// The filter's terms weigh nothing (see facetQuery), so the
		// scores are q's; a conjunction leaps to the documents both
		// have, where a filter would score every match of q first.
		q = query.NewConjunctionQuery([]query.Query{q, filter})
	}
	opts := search.SearcherOptions{}
	if newestFirst {
		opts.Score = "none"
	}
	s, err := q.Searcher(searchContext(), v.r, ix.bleve.Mapping(), opts)
	if err != nil {
		return nil, c, err
	}
	defer s.Close()
	col := newCollector(v, n, newestFirst)
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, c, err
		}
		if dm == nil {
			break
		}
		m := match{num: internalNumber(dm.IndexInternalID), score: dm.Score}
		if math.IsNaN(m.score) {
			// A query of zero-weight facet clauses only (+service:x)
			// scores 0/0 under bleve's query norm: every match ranks alike.
			m.score = 0
		}
		sctx.DocumentMatchPool.Put(dm)
		col.add(m)
	}
	return v, col.done(), nil
}

// collector counts the matches of a query and their facet values, and
// keeps the best n, by score (ties in index order, as bleve's collector
// has them) or, when newestFirst, by date and then path. Matches are
// added in index order.
type collector struct {
	v           *view
	n           int
	newestFirst bool
	total       int
	counts      []int // by value of v.values
	top         []match
}

func newCollector(v *view, n int, newestFirst bool) *collector {
	return &collector{v: v, n: n, newestFirst: newestFirst, counts: make([]int, len(v.values))}
}

func (col *collector) better(a, b match) bool {
	if col.newestFirst {
		da, db := col.v.date(a.num), col.v.date(b.num)
		if !da.Equal(db) {
			return da.After(db)
		}
		return col.v.path(a.num) < col.v.path(b.num)
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.num < b.num
}

// add counts m and keeps it if it is among the best so far.
func (col *collector) add(m match) {
	col.total++
	if int(m.num) < len(col.v.byDoc) {
		for _, id := range col.v.byDoc[m.num] {
			col.counts[id]++
		}
	}
	n := col.n
	if !col.newestFirst && len(col.top) == n && m.score <= col.top[n-1].score {
		return // matches come in index order: a tie is not better
	}
	col.top = keepBest(col.top, m, n, col.better)
}

// done returns what was collected, the counts by facet and value.
func (col *collector) done() collected {
	c := collected{total: col.total, top: col.top, counts: make([][]int, len(col.v.facets))}
	for i, t := range col.v.facets {
		c.counts[i] = make([]int, len(t.values))
	}
	for id, n := range col.counts {
		fv := col.v.values[id]
		c.counts[fv.facet][fv.id] = n
	}
	return c
}

// keepBest adds m to top, the best n matches so far in order, if it is
// among them.
func keepBest(top []match, m match, n int, better func(a, b match) bool) []match {
	if len(top) == n && !better(m, top[n-1]) {
		return top
	}
	i := sort.Search(len(top), func(i int) bool { return better(m, top[i]) })
	if len(top) < n {
		top = append(top, match{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = m
	return top
}

func (v *view) path(num uint64) string {
	if int(num) < len(v.paths) {
		return v.paths[num]
	}
	return ""
}

func (v *view) doc(num uint64) *Document {
	if int(num) < len(v.docs) {
		return v.docs[num]
	}
	return nil
}

func (v *view) date(num uint64) time.Time {
	if d := v.doc(num); d != nil {
		return d.Date
	}
	return time.Time{}
}
