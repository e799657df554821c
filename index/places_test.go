package index

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPhrasesAndPlacesAgreeWithBleve runs many queries in the
// query-string syntax (phrases of words taken from the documents, with
// and without stop words, names, phrases whose words are common but
// rarely in that order, and phrases mixed with words, +, -, field:value,
// fuzzy terms, wildcards and regular expressions), with and without
// facet filters, on examples/acme and on a 300-document kbgen KB, and
// checks them against bleve's own searchers:
//
//   - the matches: kb's phrase searcher against bleve's phrase searcher of
//     the same query, the same total, facet counts, and every match in
//     the same order with the same score, to the bit;
//   - the places in the body of the best 50 (and of the best 50 of plain
//     words and of their typo-tolerant query): read from the body alone
//     against those that bleve's searcher of the whole query finds in
//     them when it goes through every match, the same places of the same
//     terms. (Before, snippets came from the whole query run again over
//     the best documents alone, a conjunction with their ids; there
//     bleve's boolean searcher advances its optional clauses to each
//     document, and its phrase searcher, advanced to a document at or
//     before the match it holds, goes on to the next one: the places of
//     a phrase beside a required clause were lost in some documents,
//     depending on their internal numbers, for "failover" +replica
//     among others.)
func TestPhrasesAndPlacesAgreeWithBleve(t *testing.T) {
	for _, tc := range []struct {
		name string
		dir  string
	}{
		{"acme", filepath.Join("..", "examples", "acme")},
		{"kbgen-300", kbgen(t, 300)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := loadDocs(t, tc.dir)
			ix := indexOf(t, tc.dir)
			queries := syntaxTestQueries(docs, 150)
			filters := []Request{{}, {Kind: []string{"postmortem"}}, {Severity: []string{"SEV1", "SEV2"}, Tag: []string{"database", "kafka", "cache"}}}
			found, placed := 0, 0
			for _, text := range queries {
				for _, f := range filters {
					f.Query = text
					n, p := comparePhrasesAndPlaces(t, ix, f)
					found += n
					placed += p
				}
			}
			t.Logf("%d queries × %d filters: %d matches compared, %d places", len(queries), len(filters), found, placed)
			if found == 0 || placed == 0 {
				t.Fatal("the queries found nothing to compare")
			}
			placed = 0
			words := plainTestQueries(docs, 60)
			for _, text := range words {
				placed += comparePlainPlaces(t, ix, text)
			}
			t.Logf("%d plain and typo-tolerant queries: %d places", len(words), placed)
			if placed == 0 {
				t.Fatal("the plain queries found no places to compare")
			}
		})
	}
}

// comparePhrasesAndPlaces runs req both ways and reports where they
// differ; it returns how many matches and places it compared.
func comparePhrasesAndPlaces(t *testing.T, ix *Index, req Request) (int, int) {
	t.Helper()
	quick, filter, err := ix.syntaxQuery(req.Query)
	if err != nil {
		return 0, 0 // the query cannot be read: nothing to compare
	}
	plain, _, _ := ix.syntaxQuery(req.Query)
	if quick == nil {
		return 0, 0
	}
	plain = bleveOnly(plain)
	if !containsPhrase(quick) && !mentionsBody(quick, ix.bleve.Mapping()) {
		return 0, 0
	}
	all := allOf([]query.Query{ix.filterQuery(req), filter})
	v, got, err := ix.run(quick, all, 100000, false)
	if err != nil {
		t.Errorf("%+v: %v", req, err)
		return 0, 0
	}
	_, want, err := ix.run(plain, all, 100000, false)
	if err != nil {
		t.Fatalf("%+v: bleve: %v", req, err)
	}
	if got.total != want.total || !reflect.DeepEqual(got.top, want.top) || !reflect.DeepEqual(got.counts, want.counts) {
		t.Errorf("%+v: %d matches %v; bleve %d %v", req, got.total, head(got.top), want.total, head(want.top))
		return 0, 0
	}
	top := got.top[:min(50, len(got.top))]
	if len(top) == 0 {
		return 0, 0
	}
	have, err := ix.bodyLocations(v, quick, true, top)
	if err != nil {
		t.Fatalf("%+v: %v", req, err)
	}
	old, err := everyMatchLocations(ix, v, plain, top)
	if err != nil {
		t.Fatalf("%+v: bleve: %v", req, err)
	}
	places := 0
	for _, m := range top {
		a, b := placesOf(have[m.num]), placesOf(old[m.num])
		if !slices.Equal(a, b) {
			t.Errorf("%+v: %s: places\n%v\nbleve's\n%v", req, v.path(m.num), a, b)
		}
		places += len(b)
	}
	return len(got.top), places
}

// everyMatchLocations returns the places in the body of the documents of
// top that bleve's searcher of q finds, going through all its matches.
func everyMatchLocations(ix *Index, v *view, q query.Query, top []match) (map[uint64]search.TermLocationMap, error) {
	want := map[uint64]bool{}
	for _, m := range top {
		want[m.num] = true
	}
	s, err := q.Searcher(searchContext(), v.r, ix.bleve.Mapping(), search.SearcherOptions{Score: "none", IncludeTermVectors: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	out := map[uint64]search.TermLocationMap{}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for {
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return out, err
		}
		if num := internalNumber(dm.IndexInternalID); want[num] {
			dm.Complete(nil)
			out[num] = dm.Locations[FieldBody]
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

// comparePlainPlaces compares the places of the body part of plain words
// and of their typo-tolerant query, in the best 50 documents of each,
// read from the body alone and by bleve's searcher of that part; it
// returns how many places it compared.
func comparePlainPlaces(t *testing.T, ix *Index, text string) int {
	t.Helper()
	v, plain, err := ix.runPlain(text, 50)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	words := queryWords(ix.bleve.Mapping().AnalyzerNamed(AnalyzerName), text)
	_, fuzzy, err := ix.run(fuzzyQuery(words), nil, 50, false)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	places := 0
	for _, c := range []struct {
		q   query.Query
		top []match
	}{{plainFieldQuery(text, bodyField()), plain.top}, {fuzzyFieldQuery(words, bodyField()), fuzzy.top}} {
		if len(c.top) == 0 {
			continue
		}
		have, err := ix.bodyLocations(v, c.q, false, c.top)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		old, err := everyMatchLocations(ix, v, c.q, c.top)
		if err != nil {
			t.Fatalf("%q: bleve: %v", text, err)
		}
		for _, m := range c.top {
			a, b := placesOf(have[m.num]), placesOf(old[m.num])
			if !slices.Equal(a, b) {
				t.Errorf("%q: %s: places\n%v\nbleve's\n%v", text, v.path(m.num), a, b)
			}
			places += len(b)
		}
	}
	return places
}

func head(top []match) []match { return top[:min(5, len(top))] }

// placesOf lists the places of a term location map, in order, each once.
func placesOf(tlm search.TermLocationMap) []string {
	var out []string
	for term, ls := range tlm {
		for _, l := range ls {
			out = append(out, fmt.Sprintf("%s@%d[%d:%d]", term, l.Pos, l.Start, l.End))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bleveOnly replaces kb's phrase queries in q by bleve's own.
func bleveOnly(q query.Query) query.Query {
	switch q := q.(type) {
	case *phraseQuery:
		return q.MatchPhraseQuery
	case *query.BooleanQuery:
		for _, part := range []*query.Query{&q.Must, &q.Should, &q.MustNot} {
			if *part != nil {
				*part = bleveOnly(*part)
			}
		}
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			q.Conjuncts[i] = bleveOnly(c)
		}
	case *query.DisjunctionQuery:
		for i, d := range q.Disjuncts {
			q.Disjuncts[i] = bleveOnly(d)
		}
	}
	return q
}

// containsPhrase reports whether q holds one of kb's phrase queries.
func containsPhrase(q query.Query) bool {
	switch q := q.(type) {
	case *phraseQuery:
		return true
	case *query.BooleanQuery:
		for _, part := range []query.Query{q.Must, q.Should, q.MustNot} {
			if part != nil && containsPhrase(part) {
				return true
			}
		}
	case *query.ConjunctionQuery:
		return slices.ContainsFunc(q.Conjuncts, containsPhrase)
	case *query.DisjunctionQuery:
		return slices.ContainsFunc(q.Disjuncts, containsPhrase)
	}
	return false
}

// syntaxTestQueries returns fixed queries of the awkward kinds and n more
// made from the documents' text.
func syntaxTestQueries(docs []Document, n int) []string {
	qs := []string{
		`"slow page loads"`, `"page loads slow"`, `"disk full"`, `"the disk is full"`, `"disk is full"`,
		`"KubePodCrashLooping"`, `"kube pod crash looping"`, `"kube_pod_crash_looping"`, `"replication slot"`,
		`"the of and"`, `"zzzz notaword"`, `"a"`, `"connection pool" exhausted`, `+"disk full" -checkout`,
		`title:"disk full"`, `body:"disk full"`, `names:"crash looping"`, `"failover" +replica`, `-"disk full" disk`,
		`+cache -stampede`, `cach* "cache stampede"`, `/fail.*/ "failover"`, `failvoer~2 "read replica"`,
		`"rollback" "deploy" +incident`, `severity:SEV1 "disk"`, `+kind:runbook "pod"`, `"10.0.0.1"`,
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var bodies [][]string
	var words []string
	for _, d := range docs {
		f := strings.FieldsFunc(d.Body, func(r rune) bool { return !isPhraseRune(r) })
		if len(f) > 4 {
			bodies = append(bodies, f)
			words = append(words, f[rng.IntN(len(f))])
		}
		words = append(words, strings.Fields(d.Title)...)
	}
	phrase := func() string {
		b := bodies[rng.IntN(len(bodies))]
		k := 2 + rng.IntN(3)
		i := rng.IntN(len(b) - k)
		return `"` + strings.Join(b[i:i+k], " ") + `"`
	}
	common := func() string { // words found often, not often side by side
		return `"` + words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))] + `"`
	}
	word := func() string { return strings.Trim(words[rng.IntN(len(words))], `"+-:~*?/\^(){}[]!`) }
	forms := []func() string{
		phrase, common,
		func() string { return phrase() + " " + word() },
		func() string { return "+" + phrase() + " -" + word() },
		func() string { return "+" + phrase() + " +" + phrase() },
		func() string { return phrase() + " " + common() },
		func() string { return "body:" + phrase() },
		func() string { return "title:" + common() + " " + phrase() },
		func() string { return "+" + word() + " " + phrase() },
		func() string { return word() + "~1 " + phrase() },
		func() string { return "-" + phrase() + " " + word() },
	}
	for range n {
		qs = append(qs, forms[rng.IntN(len(forms))]())
	}
	return qs
}

// isPhraseRune reports the characters of the words that test phrases are
// made of.
func isPhraseRune(r rune) bool {
	return r == '_' || r == '.' || r == '\'' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}
