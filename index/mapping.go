package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// MappingVersion names the index mapping and the analysis together. An index
// on disk stamped with another version is rebuilt, never read. Bump it
// whenever anything that changes the indexed terms or fields changes: a
// field, its analyzer, type, storage or term vectors, the scoring model, the
// analysis (words.go, identifier.go, lower.go, the filter list in
// analysis.go), or what bleveDoc puts in a field.
const MappingVersion = 1

// Fields of the bleve index. The text fields are analysed by kb's analyzer
// ([AnalyzerName]) and searched by plain words; the facet fields hold their
// values as written and filter and count the hits.
const (
	FieldTitle = "title"
	FieldNames = "names"
	FieldBody  = "body"

	FieldKind     = "kind"
	FieldSeverity = "severity"
	FieldStatus   = "status"
	FieldService  = "service"
	FieldTag      = "tag"
	FieldOwner    = "owner"
	FieldAlert    = "alert"

	// FieldDate is the document's date (datetime); FieldTTR its time to
	// resolve in minutes (number).
	FieldDate = "date"
	FieldTTR  = "ttr"
)

// textField is one of the text fields and its boost.
type textField struct {
	name  string
	boost float64
}

// textFields are the fields that plain words are looked up in, in the order
// of their boosts.
func textFields() []textField {
	return []textField{{FieldTitle, TitleBoost}, {FieldNames, NamesBoost}, {FieldBody, BodyBoost}}
}

// facetFields are the keyword fields, each a facet of the search.
func facetFields() []string {
	return []string{FieldKind, FieldSeverity, FieldStatus, FieldService, FieldTag, FieldOwner, FieldAlert}
}

// isFacetField reports whether name is one of the keyword fields.
func isFacetField(name string) bool {
	for _, f := range facetFields() {
		if f == name {
			return true
		}
	}
	return false
}

// newMapping returns kb's index mapping: BM25 scoring; the text fields
// analysed by kb_en, indexed with term vectors (the positions that phrase
// queries and snippets need) and not stored (a hit's text comes from kb's
// own documents); the facet fields kept as written by bleve's keyword
// analyzer, stored, with doc values for the facet counts; the date and the
// time to resolve. Nothing else is indexed: no dynamic fields, and no _all
// field, because query-string clauses without a field are turned into the
// boosted disjunction over the text fields (see [Request]).
func newMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	m.ScoringModel = bleveindex.BM25Scoring
	m.DefaultAnalyzer = AnalyzerName
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false

	doc := mapping.NewDocumentStaticMapping()
	for _, f := range textFields() {
		doc.AddFieldMappingsAt(f.name, textFieldMapping())
	}
	for _, f := range facetFields() {
		doc.AddFieldMappingsAt(f, keywordFieldMapping())
	}
	date := mapping.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldDate, date)
	ttr := mapping.NewNumericFieldMapping()
	ttr.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldTTR, ttr)
	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	return m
}

func textFieldMapping() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = AnalyzerName
	f.Store = false
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordFieldMapping() *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = true
	return f
}
