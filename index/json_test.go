package index

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// What ReadJSON reads back of WriteJSON's bytes is the Result written,
// and writing it again gives the same bytes, for real results of every
// sort: plain words, typo corrections, filters alone, no match.
func TestJSONRoundTrip(t *testing.T) {
	ix, _ := openUpdated(t, writeKB(t, fixtureKB))
	requests := []Request{
		{Query: "payments database"},
		{Query: "crash looping", N: 1},
		{Query: "paymnets"},
		{Severity: []string{"sev1"}},
		{Query: `"disk filled" -replica`},
		{Query: "zqxjkv"},
		{Query: "kubernetes", Tag: []string{"nodes"}},
	}
	for _, req := range requests {
		res := mustSearch(t, ix, req)
		var first bytes.Buffer
		if err := WriteJSON(&first, res); err != nil {
			t.Fatal(err)
		}
		back, err := ReadJSON(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("%+v: %v in %s", req, err, first.String())
		}
		if want := comparable(res); !reflect.DeepEqual(comparable(back), want) {
			t.Errorf("%+v: read back\n%+v\nwant\n%+v", req, comparable(back), want)
		}
		var second bytes.Buffer
		if err := WriteJSON(&second, back); err != nil {
			t.Fatal(err)
		}
		if second.String() != first.String() {
			t.Errorf("%+v: written again\n%s\nfirst\n%s", req, second.String(), first.String())
		}
	}
}

// comparable is res as JSON keeps it: no Took, dates by their day, no
// difference between an empty list and none.
func comparable(res Result) Result {
	res.Took = 0
	if len(res.Corrections) == 0 {
		res.Corrections = nil
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if !h.Date.IsZero() {
			y, m, d := h.Date.Date()
			h.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
		if len(h.Marks) == 0 {
			h.Marks = nil
		}
		hits = append(hits, h)
	}
	res.Hits = hits
	return res
}

// The JSON has the keys of the contract, with those after marks left out
// when empty, and lists that are empty written as [] rather than null.
func TestJSONShape(t *testing.T) {
	date := time.Date(2025, 8, 29, 0, 0, 0, 0, time.UTC)
	res := Result{Total: 2, Facets: map[string]map[string]int{"kind": {"runbook": 1, "postmortem": 1}}, Hits: []Hit{
		{ID: "a", Kind: "runbook", Title: "A", URL: "/runbooks/a/", Path: "runbooks/a.md", Score: 1.5, Snippet: "disk full", Marks: []Mark{{0, 4}}, Alerts: []string{"DiskFull"}},
		{ID: "b", Kind: "postmortem", Title: "B <&>", URL: "/postmortems/b/", Path: "postmortems/b.md", Date: date, Severity: "SEV1", Status: "published"},
	}}
	var b bytes.Buffer
	if err := WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Total       int
		Corrections []any
		Hits        []map[string]any
		Facets      map[string]map[string]int
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Corrections == nil || !strings.Contains(b.String(), `"corrections": []`) {
		t.Errorf("corrections not an empty list: %s", b.String())
	}
	tests := []struct {
		hit     int
		present []string
		absent  []string
	}{
		{0, []string{"id", "kind", "title", "url", "score", "snippet", "marks", "path", "alerts"}, []string{"date", "severity", "status", "services", "tags", "owners"}},
		{1, []string{"id", "marks", "path", "date", "severity", "status"}, []string{"services", "tags", "owners", "alerts"}},
	}
	for _, tt := range tests {
		h := got.Hits[tt.hit]
		for _, k := range tt.present {
			if _, ok := h[k]; !ok {
				t.Errorf("hit %d lacks %q: %v", tt.hit, k, h)
			}
		}
		for _, k := range tt.absent {
			if _, ok := h[k]; ok {
				t.Errorf("hit %d has %q: %v", tt.hit, k, h)
			}
		}
	}
	if got.Hits[1]["date"] != "2025-08-29" || got.Hits[1]["marks"] == nil || got.Facets["kind"]["runbook"] != 1 {
		t.Errorf("hit 2 %v, facets %v", got.Hits[1], got.Facets)
	}
}

func TestReadJSONRefusesWhatWriteJSONNeverWrites(t *testing.T) {
	tests := []struct{ name, in string }{
		{"not JSON", `<html>`},
		{"empty", ``},
		{"a list", `[]`},
		{"total as text", `{"total": "3"}`},
		{"a date of another form", `{"total": 1, "hits": [{"id": "a", "date": "29/08/2025"}]}`},
		{"marks not a list", `{"total": 1, "hits": [{"id": "a", "marks": {"start": 1}}]}`},
		{"facet counts as text", `{"facets": {"kind": {"runbook": "2"}}}`},
	}
	for _, tt := range tests {
		if res, err := ReadJSON(strings.NewReader(tt.in)); err == nil {
			t.Errorf("%s: read %+v, want an error", tt.name, res)
		}
	}
}

// Text that is not clean UTF-8, or that JSON escapes, writes the same JSON
// once read back: a byte that is not UTF-8 and the replacement character
// U+FFFD are both written \ufffd.
func TestJSONRoundTripOfOddText(t *testing.T) {
	odd := []string{"a\xffb", "real \uFFFD char", "bell \x07", "<&>", "line\u2028sep", "tab\tnew\nline", "\xc3(", "é ☃ 𝄞"}
	for _, s := range odd {
		res := Result{Total: 1, Corrections: []Correction{{From: s, To: s}},
			Facets: map[string]map[string]int{"tag": {s: 1}},
			Hits:   []Hit{{ID: s, Title: s, Snippet: s, Marks: []Mark{{0, 1}}, Services: []string{s}}}}
		var first bytes.Buffer
		if err := WriteJSON(&first, res); err != nil {
			t.Fatal(err)
		}
		back, err := ReadJSON(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		var second bytes.Buffer
		if err := WriteJSON(&second, back); err != nil {
			t.Fatal(err)
		}
		if second.String() != first.String() {
			t.Errorf("%q: written again\n%s\nfirst\n%s", s, second.String(), first.String())
		}
		if !json.Valid(first.Bytes()) {
			t.Errorf("%q: not JSON: %s", s, first.String())
		}
	}
}
