package index

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// DefaultHits is how many hits a Request without N gets.
const DefaultHits = 10

// fewHits: a query of plain words that finds fewer documents than this is
// tried again with typo tolerance (as is one with a word no document has).
const fewHits = 3

// ResultFacets are the facets a Result counts and the static index lists,
// in the order kb search and the search page show them.
func ResultFacets() []string {
	return []string{FieldKind, FieldSeverity, FieldService, FieldTag, FieldOwner}
}

// Request is a search.
//
// Query is plain words, or bleve's query-string syntax when it uses it
// (a "phrase", +word, -word, field:value such as severity:SEV1 or
// service:payments; the fields are title, names, body, kind, severity,
// status, service, tag, owner, alert, date and ttr). Plain words are
// matched as the contract of the static search says: on each text field
// a match of any of the words, boosted 3 (title), 2 (names) and 1 (body).
// In the query-string syntax each clause without a field is that same
// boosted match over the three text fields, so its words rank alike;
// + and - make a clause required or excluded, and a clause on a facet
// field matches the value whatever its case. When plain words find fewer
// than three documents, or one of their terms is in no document, each term
// is matched within an edit distance by its length (none up to 3 letters,
// 1 up to 7, 2 beyond; none for a term with a digit) and the Result says
// so (Fuzzy). An empty Query with filters lists the documents that
// pass them, newest first.
//
// Kind, Severity, Service, Tag and Owner filter the hits: a hit has one of
// the values given for a facet (in any case), for every facet given.
type Request struct {
	Query                               string
	Kind, Severity, Service, Tag, Owner []string
	// N is how many hits to return (DefaultHits when 0 or less).
	N int
}

// Result is what a search found.
type Result struct {
	// Total is how many documents match; Hits are the best N of them.
	Total int
	Hits  []Hit
	// Facets counts the values of each facet of ResultFacets among all the
	// matching documents: facet, value as written, count.
	Facets map[string]map[string]int
	// Fuzzy is set when the hits come from the typo-tolerant query;
	// Corrections then lists the query's terms that no document has and
	// the closest indexed term of each.
	Fuzzy       bool
	Corrections []Correction
	Took        time.Duration
}

// Correction is a term of a query that no document has, and the indexed
// term closest to it (terms are words as kb's analysis makes them:
// lower case, stemmed).
type Correction struct {
	From, To string
}

// Hit is one document found.
type Hit struct {
	// Path is the document's path in the KB.
	Path                 string
	ID, Kind, Title, URL string
	Score                float64
	// Date is zero when the document has none.
	Date                           time.Time
	Severity, Status               string
	Services, Tags, Owners, Alerts []string
	// Snippet is a passage of the body around the words found; Marks are
	// the byte ranges of those words in it.
	Snippet string
	Marks   []Mark
}

// MaxQueryWords is the most words of a query Search reads; the rest of a
// longer query (a pasted log line, say) is left out, so that it costs no
// more than a query of this many words.
const MaxQueryWords = 64

// firstWords returns q cut after its first n words, separated by white
// space; q itself when it has no more.
func firstWords(q string, n int) string {
	words := 0
	in := false
	for i, r := range q {
		space := unicode.IsSpace(r)
		if !space && !in {
			if words == n {
				return strings.TrimRightFunc(q[:i], unicode.IsSpace)
			}
			words++
		}
		in = !space
	}
	return q
}

// Search runs req on the index. The fields and snippets of hits and the
// facet counts come from the documents given to the last Update: an Index
// searched before any Update finds the documents it holds, with their
// Path and Score only, and counts no facets. An index found damaged while searching is rebuilt
// from the documents of the last Update, with a note, and searched again;
// without them the search fails with a Corrupt error (and Close removes
// the index).
//
// Search may be called from several goroutines at once (see [Index]);
// a rebuild waits for the searches under way, and the searches that come
// after it wait for the rebuild.
func (ix *Index) Search(req Request) (Result, error) {
	start := time.Now()
	req.Query = firstWords(req.Query, MaxQueryWords)
	res, rebuilds, err := ix.searchShared(req)
	var ie *Error
	if errors.As(err, &ie) && ie.Kind == Corrupt {
		var rebuilt bool
		if rebuilt, err = ix.rebuildDamaged(rebuilds, ie); rebuilt {
			res, _, err = ix.searchShared(req)
		}
	}
	res.Took = time.Since(start)
	return res, err
}

// searchShared runs req while holding the index for reading, and says how
// many rebuilds there were before it.
func (ix *Index) searchShared(req Request) (Result, int, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bleve == nil {
		return Result{}, ix.rebuilds, &Error{Kind: Closed, Path: ix.path, Detail: "the search index is closed"}
	}
	res, err := ix.search(req)
	return res, ix.rebuilds, err
}

// rebuildDamaged rebuilds the index, found damaged by a search that began
// after the rebuilds-th rebuild, from the documents of the last Update,
// unless another search has rebuilt it since. It returns whether the
// search can be run again, or the error to fail it with: found itself
// without documents to rebuild from, or the rebuild's.
func (ix *Index) rebuildDamaged(rebuilds int, found *Error) (bool, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	switch {
	case ix.rebuilds != rebuilds:
		return true, nil // rebuilt by another search meanwhile
	case ix.given == nil:
		return false, found
	}
	ix.rebuilds++
	if err := ix.rebuild(fmt.Sprintf("the search index failed while searching (%v)", found.Detail)); err != nil {
		return false, err
	}
	if _, err := ix.update(ix.given); err != nil {
		return false, err
	}
	return true, nil
}

// search does the work of Search. bleve's panics, and its errors on a
// query kb made, are Corrupt errors.
func (ix *Index) search(req Request) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			ix.corrupt.Store(true)
			res, err = Result{}, &Error{Kind: Corrupt, Path: ix.path, Detail: fmt.Sprint(r)}
		}
	}()
	n := req.N
	if n <= 0 {
		n = DefaultHits
	}
	text := strings.TrimSpace(req.Query)
	filters := []query.Query{ix.filterQuery(req)}
	plain := text != "" && !hasSyntax(text)
	var q query.Query
	switch {
	case plain:
		q = plainQuery(text)
	case text != "":
		var f query.Query
		if q, f, err = ix.syntaxQuery(text); err != nil {
			return Result{}, err
		}
		filters = append(filters, f)
	}
	browse := q == nil
	if browse {
		q = query.NewMatchAllQuery()
	}
	filter := allOf(filters)
	places := q
	switch {
	case browse:
		places = nil
	case plain:
		places = plainFieldQuery(text, bodyField())
	}
	var v *view
	var c collected
	if plain && filter == nil {
		// Term by term is faster over everything the words match; with
		// facet filters, bleve's conjunction leaps to the few documents
		// they leave (BenchmarkQueryPaths).
		v, c, err = ix.runPlain(text, n)
	} else {
		v, c, err = ix.run(q, filter, n, browse)
	}
	if err == nil {
		res, err = ix.result(v, c, places, !plain)
	}
	if err != nil {
		return Result{}, ix.searchError(err, text, plain || browse)
	}
	if plain {
		if err := ix.retryFuzzy(&res, text, filter, n); err != nil {
			return Result{}, ix.searchError(err, text, true)
		}
	}
	return res, nil
}

// searchError tells what an error of bleve's search means. On a query kb
// made (ours), the index is damaged. On a query in the query-string
// syntax, it is the query's fault (a bad regular expression, too much
// fuzziness), unless the plain words of the same text fail too.
func (ix *Index) searchError(err error, text string, ours bool) error {
	if !ours {
		_, _, perr := ix.run(plainQuery(text), nil, 1, false)
		if perr == nil {
			return &Error{Kind: BadQuery, Detail: fmt.Sprintf("cannot run the query %q", text), Err: err}
		}
	}
	ix.corrupt.Store(true)
	return &Error{Kind: Corrupt, Path: ix.path, Detail: err.Error()}
}

// allOf is the conjunction of the queries that are not nil, or nil.
func allOf(qs []query.Query) query.Query {
	var all []query.Query
	for _, q := range qs {
		if q != nil {
			all = append(all, q)
		}
	}
	switch len(all) {
	case 0:
		return nil
	case 1:
		return all[0]
	}
	return query.NewConjunctionQuery(all)
}

// filterQuery is the facet filters of req, or nil when there are none.
func (ix *Index) filterQuery(req Request) query.Query {
	var all []query.Query
	for _, f := range []struct {
		field  string
		values []string
	}{{FieldKind, req.Kind}, {FieldSeverity, req.Severity}, {FieldService, req.Service}, {FieldTag, req.Tag}, {FieldOwner, req.Owner}} {
		if vs := nonEmpty(f.values); len(vs) > 0 {
			all = append(all, ix.facetQuery(f.field, vs))
		}
	}
	if len(all) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(all)
}

// result turns what run collected into kb's result: the facet counts, and
// the hits with their documents' fields and snippets. The snippets need
// the places of the matched terms in the body, which bodyLocations reads
// for the best documents only, from the body's postings of the parts of
// the query that can match there (reading them for every match would
// cost more than the search).
//
// places is the query whose places in the body are wanted (the body part
// of the query searched, or all of it); nil for none. sure says that
// every hit matched places (all of the query searched).
func (ix *Index) result(v *view, c collected, places query.Query, sure bool) (Result, error) {
	res := Result{Total: c.total, Facets: map[string]map[string]int{}}
	for i, f := range ResultFacets() {
		counts := map[string]int{}
		for id, n := range c.counts[i] {
			if n > 0 {
				counts[v.facets[i].values[id]] = n
			}
		}
		res.Facets[f] = counts
	}
	var locs map[uint64]search.TermLocationMap
	if places != nil && len(c.top) > 0 {
		var err error
		if locs, err = ix.bodyLocations(v, places, sure, c.top); err != nil {
			return Result{}, err
		}
	}
	for _, m := range c.top {
		h := Hit{Path: v.path(m.num), Score: m.score}
		if d := v.doc(m.num); d != nil {
			h.ID, h.Kind, h.Title, h.URL = d.ID, d.Kind, d.Title, d.URL
			h.Date, h.Severity, h.Status = d.Date, d.Severity, d.Status
			h.Services, h.Tags, h.Owners, h.Alerts = d.Services, d.Tags, d.Owners, d.Alerts
			h.Snippet, h.Marks = snippet(d.Body, locs[m.num])
		}
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}
