package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kb-tools/kb/index"
)

// get asks h for target and returns the answer.
func searchGet(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

// A search answers with exactly the JSON kb search --json prints for the
// same request, whatever the form of its parameters.
func TestSearchAnswersAsKBSearchJSON(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	h := SearchHandler(ti.search)
	tests := []struct {
		target string
		want   index.Request
	}{
		{"/_kb/search?q=payments+database", index.Request{Query: "payments database", N: index.DefaultHits}},
		{"/_kb/search?q=payments&q=database", index.Request{Query: "payments database", N: index.DefaultHits}},
		{"/_kb/search?q=%22disk+full%22+-checkout", index.Request{Query: `"disk full" -checkout`, N: index.DefaultHits}},
		{"/_kb/search?q=KubePodCrashLooping&n=1", index.Request{Query: "KubePodCrashLooping", N: 1}},
		{"/_kb/search?q=chekout", index.Request{Query: "chekout", N: index.DefaultHits}},
		{"/_kb/search?severity=sev1&severity=SEV2", index.Request{Severity: []string{"sev1", "SEV2"}, N: index.DefaultHits}},
		{"/_kb/search?kind=runbook,+postmortem&service=payments&q=database", index.Request{Query: "database", Kind: []string{"runbook", "postmortem"}, Service: []string{"payments"}, N: index.DefaultHits}},
		{"/_kb/search?tag=database&owner=team-payments", index.Request{Tag: []string{"database"}, Owner: []string{"team-payments"}, N: index.DefaultHits}},
		{"/_kb/search?q=checkout&n=5000", index.Request{Query: "checkout", N: MaxSearchHits}},
		{"/_kb/search?q=zqxjkv&unknown=1", index.Request{Query: "zqxjkv", N: index.DefaultHits}},
	}
	for _, tt := range tests {
		rec := searchGet(h, http.MethodGet, tt.target)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s: status %d, type %q: %s", tt.target, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			continue
		}
		if want := ti.wantJSON(t, tt.want); rec.Body.String() != want {
			t.Errorf("%s: answered\n%s\nwant the JSON of %+v\n%s", tt.target, rec.Body.String(), tt.want, want)
		}
	}
}

// The facet filters of the answers do filter: a test of the table above
// that cannot pass by answering every search alike.
func TestSearchFiltersAndCounts(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	h := SearchHandler(ti.search)
	tests := []struct {
		target string
		total  int
	}{
		{"/_kb/search?q=checkout", 2},
		{"/_kb/search?q=checkout&severity=SEV2", 1},
		{"/_kb/search?kind=runbook", 2},
		{"/_kb/search?kind=runbook&kind=postmortem", 4},
		{"/_kb/search?q=database&n=1", 2},
	}
	for _, tt := range tests {
		res, err := index.ReadJSON(searchGet(h, http.MethodGet, tt.target).Body)
		if err != nil || res.Total != tt.total {
			t.Errorf("%s: total %d (%v), want %d", tt.target, res.Total, err, tt.total)
		}
		if strings.Contains(tt.target, "n=1") && len(res.Hits) != 1 {
			t.Errorf("%s: %d hits, want 1", tt.target, len(res.Hits))
		}
	}
}

func TestSearchRefusesBadRequests(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	h := SearchHandler(ti.search)
	tests := []struct {
		method, target string
		status         int
		kind           searchErrorKind
	}{
		{http.MethodGet, "/_kb/search", http.StatusBadRequest, errNoQuery},
		{http.MethodGet, "/_kb/search?q=+++&kind=", http.StatusBadRequest, errNoQuery},
		{http.MethodGet, "/_kb/search?q=disk&n=0", http.StatusBadRequest, errBadN},
		{http.MethodGet, "/_kb/search?q=disk&n=-3", http.StatusBadRequest, errBadN},
		{http.MethodGet, "/_kb/search?q=disk&n=ten", http.StatusBadRequest, errBadN},
		{http.MethodGet, "/_kb/search?q=disk&n=", http.StatusBadRequest, errBadN},
		{http.MethodGet, "/_kb/search?q=disk&n=1&n=2", http.StatusBadRequest, errBadN},
		{http.MethodGet, "/_kb/search?q=disk&n=99999999999999999999", http.StatusBadRequest, errBadN},
		{http.MethodGet, "/_kb/search?q=%22unclosed", http.StatusBadRequest, errBadQuery},
		{http.MethodGet, "/_kb/search?q=colour:red+%2Bdisk", http.StatusBadRequest, errBadQuery},
		{http.MethodGet, "/_kb/search?q=%zz", http.StatusBadRequest, errBadRequest},
		{http.MethodPost, "/_kb/search?q=disk", http.StatusMethodNotAllowed, errMethod},
		{http.MethodPut, "/_kb/search?q=disk", http.StatusMethodNotAllowed, errMethod},
		{http.MethodDelete, "/_kb/search?q=disk", http.StatusMethodNotAllowed, errMethod},
	}
	for _, tt := range tests {
		rec := searchGet(h, tt.method, tt.target)
		var body searchErrorJSON
		err := json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tt.status || err != nil || body.Kind != tt.kind || body.Error == "" || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: status %d, body %s (%v); want %d and kind %q", tt.method, tt.target, rec.Code, rec.Body.String(), err, tt.status, tt.kind)
		}
		if tt.status == http.StatusMethodNotAllowed && rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q", tt.method, rec.Header().Get("Allow"))
		}
	}
}

// HEAD answers as GET does, without the body.
func TestSearchHead(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	srv := httptest.NewServer(SearchHandler(ti.search))
	defer srv.Close()
	resp, err := http.Head(srv.URL + "/_kb/search?q=disk")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := ti.wantJSON(t, index.Request{Query: "disk", N: index.DefaultHits})
	if resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(want)) || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("status %d, length %d (want %d), type %q", resp.StatusCode, resp.ContentLength, len(want), resp.Header.Get("Content-Type"))
	}
}

// Errors of the search are told apart by their kind, whatever they say.
func TestSearchErrorsByKind(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		kind   searchErrorKind
	}{
		{"a bad query", &index.Error{Kind: index.BadQuery, Detail: "no good"}, http.StatusBadRequest, errBadQuery},
		{"a wrapped bad query", fmt.Errorf("searching: %w", &index.Error{Kind: index.BadQuery, Detail: "x"}), http.StatusBadRequest, errBadQuery},
		{"a damaged index that speaks of a bad query", &index.Error{Kind: index.Corrupt, Detail: "bad query"}, http.StatusInternalServerError, errSearchFailed},
		{"a plain error", errors.New("cannot run the query"), http.StatusInternalServerError, errSearchFailed},
	}
	for _, tt := range tests {
		h := SearchHandler(func(index.Request) (index.Result, error) { return index.Result{}, tt.err })
		rec := searchGet(h, http.MethodGet, "/_kb/search?q=disk")
		var body searchErrorJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != tt.status || err != nil || body.Kind != tt.kind {
			t.Errorf("%s: status %d, body %s; want %d, %q", tt.name, rec.Code, rec.Body.String(), tt.status, tt.kind)
		}
	}
}

// A query is read up to its first index.MaxQueryWords words, as kb search
// reads it: the words after them change nothing.
func TestSearchQueryLengthBound(t *testing.T) {
	ti := newTestIndex(t, searchKB)
	h := SearchHandler(ti.search)
	head := strings.TrimSpace(strings.Repeat("zqxjkv ", index.MaxQueryWords))
	long := head + strings.Repeat(" payments", 200)
	rec := searchGet(h, http.MethodGet, "/_kb/search?q="+strings.ReplaceAll(long, " ", "+"))
	if want := ti.wantJSON(t, index.Request{Query: head, N: index.DefaultHits}); rec.Code != http.StatusOK || rec.Body.String() != want {
		t.Errorf("status %d, answered\n%s\nwant the answer of the first %d words\n%s", rec.Code, rec.Body.String(), index.MaxQueryWords, want)
	}
	inside := strings.Repeat("zqxjkv ", index.MaxQueryWords-1) + "payments"
	if res, err := ti.search(index.Request{Query: inside}); err != nil || res.Total == 0 {
		t.Errorf("payments as the last word within the bound finds nothing (%v): the test shows nothing", err)
	}
}
