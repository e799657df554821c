package index

import (
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

func TestMapping(t *testing.T) {
	m := newMapping()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if m.ScoringModel != bleveindex.BM25Scoring {
		t.Errorf("scoring model %q, want %q", m.ScoringModel, bleveindex.BM25Scoring)
	}
	if m.DefaultMapping.Dynamic || m.IndexDynamic || m.StoreDynamic {
		t.Error("the mapping indexes or stores fields it does not name")
	}
	if all := m.DefaultMapping.Properties["_all"]; all == nil || all.Enabled {
		t.Error("the _all field is not disabled")
	}
	type want struct {
		typ, analyzer         string
		store, vectors, docvs bool
	}
	text := want{"text", AnalyzerName, false, true, false}
	keyword := want{"text", "keyword", true, false, true}
	fields := map[string]want{
		FieldTitle: text, FieldNames: text, FieldBody: text,
		FieldKind: keyword, FieldSeverity: keyword, FieldStatus: keyword, FieldService: keyword,
		FieldTag: keyword, FieldOwner: keyword, FieldAlert: keyword,
		FieldDate: {"datetime", "", true, false, true},
		FieldTTR:  {"number", "", true, false, true},
	}
	if got := len(m.DefaultMapping.Properties) - 1; got != len(fields) {
		t.Errorf("%d fields mapped, want %d", got, len(fields))
	}
	for name, w := range fields {
		fm := onlyField(t, m, name)
		if fm == nil {
			continue
		}
		got := want{fm.Type, fm.Analyzer, fm.Store, fm.IncludeTermVectors, fm.DocValues}
		if got != w {
			t.Errorf("field %s: %+v, want %+v", name, got, w)
		}
		if fm.IncludeInAll {
			t.Errorf("field %s goes into _all", name)
		}
	}
}

func onlyField(t *testing.T, m *mapping.IndexMappingImpl, name string) *mapping.FieldMapping {
	t.Helper()
	p := m.DefaultMapping.Properties[name]
	if p == nil || len(p.Fields) != 1 {
		t.Errorf("field %s: not mapped once", name)
		return nil
	}
	return p.Fields[0]
}

// The index on disk holds the facet values and the date as stored fields
// and no text: snippets come from kb's own documents.
func TestStoredFields(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	doc, err := ix.bleve.Document("postmortems/2025-08-29-disk-full.md")
	if err != nil || doc == nil {
		t.Fatalf("document: %v %v", doc, err)
	}
	stored := map[string]int{}
	doc.VisitFields(func(f bleveindex.Field) { stored[f.Name()]++ })
	for _, name := range []string{FieldKind, FieldSeverity, FieldStatus, FieldService, FieldTag, FieldOwner, FieldDate} {
		if stored[name] == 0 {
			t.Errorf("field %s is not stored", name)
		}
	}
	if stored[FieldService] != 2 {
		t.Errorf("%d stored services, want 2", stored[FieldService])
	}
	for _, name := range []string{FieldTitle, FieldNames, FieldBody, "_all"} {
		if stored[name] != 0 {
			t.Errorf("field %s is stored", name)
		}
	}
}
