package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// plainQuery is the query of plain words: on each text field, a match
// query (any of the words) of the whole text, boosted by the field's
// boost, and any of the three. The static client ranks by the same sum.
func plainQuery(text string) query.Query {
	var fields []query.Query
	for _, f := range textFields() {
		fields = append(fields, plainFieldQuery(text, f))
	}
	return query.NewDisjunctionQuery(fields)
}

// plainFieldQuery is the part of plainQuery on one field.
func plainFieldQuery(text string, f textField) query.Query {
	m := query.NewMatchQuery(text)
	m.SetField(f.name)
	m.SetBoost(f.boost)
	return m
}

// bodyField is the body among the text fields.
func bodyField() textField { return textField{FieldBody, BodyBoost} }

// hasSyntax reports whether text uses bleve's query-string syntax: a
// phrase in double quotes, a word that starts with + or -, or a known
// field name followed by a colon (severity:SEV1). Anything else is plain
// words, so that "disk: full", "why?" and "/var/lib" mean what they say.
func hasSyntax(text string) bool {
	if strings.Contains(text, `"`) {
		return true
	}
	for _, w := range strings.Fields(text) {
		if len(w) > 1 && (w[0] == '+' || w[0] == '-') {
			return true
		}
		if i := strings.IndexByte(w, ':'); i > 0 && i < len(w)-1 {
			if _, ok := fieldNamed(w[:i]); ok {
				return true
			}
		}
	}
	return false
}

// fieldNamed returns the index field a query names: a field name, or the
// plural of a facet as front matter spells it (services:, tags:).
func fieldNamed(name string) (string, bool) {
	name = strings.ToLower(name)
	switch name {
	case "services", "tags", "owners", "alerts":
		return strings.TrimSuffix(name, "s"), true
	case "authors", "author":
		return FieldOwner, true
	case FieldTitle, FieldNames, FieldBody, FieldDate, FieldTTR:
		return name, true
	}
	return name, isFacetField(name)
}

// syntaxQuery parses text in bleve's query-string syntax and rewrites it
// for kb's fields: a clause without a field becomes the boosted
// disjunction over the text fields (there is no _all field), so its words
// rank as plain words do; a clause on a facet field matches its values
// whatever their case; +, - and phrases keep bleve's meaning. A facet
// clause without + or - (severity:SEV1) filters the hits as the facet
// flags do, instead of being one more optional clause; it is returned as
// filter, and q is then nil when nothing else is asked.
func (ix *Index) syntaxQuery(text string) (q, filter query.Query, err error) {
	parsed, err := query.NewQueryStringQuery(text).Parse()
	if err != nil {
		return nil, nil, &Error{Kind: BadQuery, Detail: fmt.Sprintf("cannot read the query %q", text), Err: err}
	}
	b, ok := parsed.(*query.BooleanQuery)
	if ok {
		if filter, err = ix.facetFilters(b); err != nil {
			return nil, nil, err
		}
		if b.Must == nil && b.Should == nil && b.MustNot == nil {
			return nil, filter, nil
		}
	}
	q, err = ix.rewrite(parsed)
	return q, filter, err
}

// facetFilters takes the optional facet clauses out of b and returns them
// as one filter (nil when there are none): any of the values of a facet,
// for every facet named.
func (ix *Index) facetFilters(b *query.BooleanQuery) (query.Query, error) {
	should, ok := b.Should.(*query.DisjunctionQuery)
	if !ok {
		return nil, nil
	}
	values := map[string][]string{}
	var order []string
	var rest []query.Query
	for _, c := range should.Disjuncts {
		field, value := facetClause(c)
		if field == "" {
			rest = append(rest, c)
			continue
		}
		if values[field] == nil {
			order = append(order, field)
		}
		values[field] = append(values[field], value)
	}
	if len(order) == 0 {
		return nil, nil
	}
	should.Disjuncts = rest
	if len(rest) == 0 {
		b.Should = nil
	}
	var all []query.Query
	for _, f := range order {
		all = append(all, ix.facetQuery(f, values[f]))
	}
	return query.NewConjunctionQuery(all), nil
}

// facetClause returns the facet field and value of a clause field:value
// on a facet field, or "" for any other clause.
func facetClause(q query.Query) (field, value string) {
	switch q := q.(type) {
	case *query.MatchQuery:
		field, value = q.FieldVal, q.Match
	case *query.MatchPhraseQuery:
		field, value = q.FieldVal, q.MatchPhrase
	default:
		return "", ""
	}
	if name, ok := fieldNamed(field); ok && field != "" && isFacetField(name) {
		return name, value
	}
	return "", ""
}

// rewrite turns the clauses of a parsed query-string query into kb's.
func (ix *Index) rewrite(q query.Query) (query.Query, error) {
	var err error
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, part := range []*query.Query{&q.Must, &q.Should, &q.MustNot} {
			if *part != nil {
				if *part, err = ix.rewrite(*part); err != nil {
					return nil, err
				}
			}
		}
		return q, nil
	case *query.ConjunctionQuery:
		return q, ix.rewriteAll(q.Conjuncts)
	case *query.DisjunctionQuery:
		return q, ix.rewriteAll(q.Disjuncts)
	case *query.MatchQuery:
		return ix.rewriteLeaf(q, q.FieldVal, q.Match, q.SetField)
	case *query.MatchPhraseQuery:
		r, err := ix.rewriteLeaf(q, q.FieldVal, q.MatchPhrase, q.SetField)
		return quickPhrases(r), err
	case *query.WildcardQuery:
		q.Wildcard = strings.ToLower(q.Wildcard)
		return ix.rewriteLeaf(q, q.FieldVal, "", q.SetField)
	case *query.RegexpQuery:
		return ix.rewriteLeaf(q, q.FieldVal, "", q.SetField)
	case *query.NumericRangeQuery:
		if q.FieldVal == "" {
			// A bare number is also a match of its text; as a number it
			// has no field to be in.
			return query.NewMatchNoneQuery(), nil
		}
		return ix.rewriteLeaf(q, q.FieldVal, "", q.SetField)
	case *query.DateRangeQuery:
		return ix.rewriteLeaf(q, q.FieldVal, "", q.SetField)
	}
	return q, nil
}

func (ix *Index) rewriteAll(qs []query.Query) error {
	for i, c := range qs {
		r, err := ix.rewrite(c)
		if err != nil {
			return err
		}
		qs[i] = r
	}
	return nil
}

// fieldLeaf is a leaf query whose field can be set.
type fieldLeaf interface {
	query.Query
	SetBoost(float64)
	Boost() float64
}

// rewriteLeaf rewrites one clause on field (none when ""), whose text is
// value for a match or phrase.
func (ix *Index) rewriteLeaf(q fieldLeaf, field, value string, setField func(string)) (query.Query, error) {
	if field == "" {
		return overTextFields(q), nil
	}
	name, ok := fieldNamed(field)
	if !ok {
		return nil, &Error{Kind: BadQuery, Detail: fmt.Sprintf("the query names the field %q, which kb does not index; use one of %s",
			field, strings.Join(queryFields(), ", "))}
	}
	setField(name)
	if isFacetField(name) && value != "" {
		return ix.facetQuery(name, []string{value}), nil
	}
	return q, nil
}

// overTextFields returns q on each text field, boosted by the field's
// boost, any of them.
func overTextFields(q fieldLeaf) query.Query {
	var out []query.Query
	for _, f := range textFields() {
		c := copyLeaf(q)
		c.SetBoost(q.Boost() * f.boost)
		setLeafField(c, f.name)
		out = append(out, c)
	}
	return query.NewDisjunctionQuery(out)
}

// copyLeaf returns a shallow copy of a leaf query.
func copyLeaf(q fieldLeaf) fieldLeaf {
	switch q := q.(type) {
	case *query.MatchQuery:
		c := *q
		return &c
	case *query.MatchPhraseQuery:
		c := *q
		return &c
	case *query.WildcardQuery:
		c := *q
		return &c
	case *query.RegexpQuery:
		c := *q
		return &c
	}
	return q
}

func setLeafField(q fieldLeaf, name string) {
	if f, ok := q.(query.FieldableQuery); ok {
		f.SetField(name)
	}
}

// queryFields are the field names a query may use.
func queryFields() []string {
	return append([]string{FieldTitle, FieldNames, FieldBody}, append(facetFields(), FieldDate, FieldTTR)...)
}

// facetQuery matches documents whose field holds any of values, in any
// case: the values as indexed that equal one of them, ignoring case.
func (ix *Index) facetQuery(field string, values []string) query.Query {
	var terms []query.Query
	for _, t := range ix.facetValues(field) {
		for _, v := range values {
			if strings.EqualFold(t, strings.TrimSpace(v)) {
				tq := query.NewTermQuery(t)
				tq.SetField(field)
				tq.SetBoost(0) // it filters; it does not rank
				terms = append(terms, tq)
				break
			}
		}
	}
	if len(terms) == 0 {
		return query.NewMatchNoneQuery()
	}
	return query.NewDisjunctionQuery(terms)
}

// facetValues returns the values of a facet field as indexed, read once
// after each Update.
func (ix *Index) facetValues(field string) []string {
	ix.facetMu.Lock()
	defer ix.facetMu.Unlock()
	if vs, ok := ix.facets[field]; ok {
		return vs
	}
	var vs []string
	if d, err := ix.bleve.FieldDict(field); err == nil {
		for {
			e, err := d.Next()
			if err != nil || e == nil {
				break
			}
			vs = append(vs, e.Term)
		}
		d.Close()
	}
	if ix.facets == nil {
		ix.facets = map[string][]string{}
	}
	ix.facets[field] = vs
	return vs
}

// dropFacets forgets the facet values read (the index changed).
func (ix *Index) dropFacets() {
	ix.facetMu.Lock()
	ix.facets = nil
	ix.facetMu.Unlock()
}
