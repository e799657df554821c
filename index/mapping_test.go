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
