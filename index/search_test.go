package index

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestQuerySyntax(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	tests := []struct {
		query string
		want  []string // the paths found, in any order
	}{
		// A phrase needs its words next to each other.
		{`"payments database"`, []string{"postmortems/2025-08-29-disk-full.md", "runbooks/payments/db-failover.md"}},
		{`"database payments"`, nil},
		// + requires, - excludes.
		{"+replica +export", []string{"postmortems/2026-06-23-export-late.md"}},
		{"+disk -postgres", []string{"postmortems/2025-08-29-disk-full.md"}},
		// A facet clause filters, in any case; a plural is the facet.
		{"severity:sev1", []string{"postmortems/2025-08-29-disk-full.md", "postmortems/2026-05-06-psp-outage.md"}},
		{"severity:SEV4", []string{"postmortems/2026-06-23-export-late.md"}},
		{"payment severity:SEV1", []string{"postmortems/2025-08-29-disk-full.md", "postmortems/2026-05-06-psp-outage.md"}},
		{"latency services:checkout", []string{"postmortems/2026-03-14-cache-ttl.md"}},
		{"service:payments service:checkout kind:postmortem", []string{"postmortems/2025-08-29-disk-full.md", "postmortems/2026-03-14-cache-ttl.md", "postmortems/2026-05-06-psp-outage.md"}},
		{"-kind:postmortem payments", []string{"runbooks/payments/db-failover.md"}},
		{"alert:KubeNodeNotReady", []string{"runbooks/kube/not-ready.md"}},
		// A text field.
		{"title:checkout", []string{"postmortems/2025-08-29-disk-full.md", "postmortems/2026-03-14-cache-ttl.md"}},
		// Identifier names in the syntax too.
		{"+kubepodcrashlooping", []string{"runbooks/kube/crash-looping.md"}},
		{"+KubePodCrashLooping", []string{"runbooks/kube/crash-looping.md", "runbooks/kube/not-ready.md"}}, // pods, crash
		{`"crash looping"`, []string{"runbooks/kube/crash-looping.md"}},
		// Dates.
		{`date:>="2026-01-01" kind:postmortem`, []string{"postmortems/2026-03-14-cache-ttl.md", "postmortems/2026-05-06-psp-outage.md", "postmortems/2026-06-23-export-late.md"}},
	}
	for _, tt := range tests {
		res := mustSearch(t, ix, Request{Query: tt.query, N: 20})
		got := paths(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) || res.Total != len(tt.want) {
			t.Errorf("%s: found %v (total %d), want %v", tt.query, got, res.Total, tt.want)
		}
	}
}

// Plain words rank as the boosts say: the title's words before the body's.
func TestPlainWordsRankTitleFirst(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	res := mustSearch(t, ix, Request{Query: "latency"})
	if len(res.Hits) == 0 || res.Hits[0].Path != "postmortems/2026-03-14-cache-ttl.md" {
		t.Errorf("latency: %v", paths(res))
	}
	// Syntax words rank as plain ones do.
	syntax := mustSearch(t, ix, Request{Query: "+latency"})
	if !slices.Equal(paths(syntax), paths(res)) {
		t.Errorf("+latency finds %v, latency %v", paths(syntax), paths(res))
	}
}

func TestBadQueries(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	for _, q := range []string{`"unclosed phrase`, "colour:red +disk", "disk~7 +full", "+body:/[/"} {
		_, err := ix.Search(Request{Query: q})
		var ie *Error
		if !errors.As(err, &ie) || ie.Kind != BadQuery {
			t.Errorf("%q: %v, want a BadQuery error", q, err)
		}
	}
	// Colons and other signs in plain words are words.
	for _, q := range []string{"disk: full", "why is the disk full?", "/var/lib/postgresql full", "error:timeout disk"} {
		res, err := ix.Search(Request{Query: q})
		if err != nil || res.Total == 0 {
			t.Errorf("%q: %d hits, %v", q, res.Total, err)
		}
	}
}

func TestFacetsAndFilters(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	tests := []struct {
		req    Request
		want   []string
		facets map[string]map[string]int // facets to check exactly
	}{
		{Request{Query: "payments"}, []string{"postmortems/2025-08-29-disk-full.md", "postmortems/2026-05-06-psp-outage.md", "runbooks/payments/db-failover.md"},
			map[string]map[string]int{
				FieldKind:     {"postmortem": 2, "runbook": 1},
				FieldSeverity: {"SEV1": 2},
				FieldService:  {"payments": 3, "checkout": 1},
				FieldOwner:    {"team-payments": 3},
			}},
		// OR within a facet, in any case.
		{Request{Query: "payments", Severity: []string{"sev1", "SEV4"}}, []string{"postmortems/2025-08-29-disk-full.md", "postmortems/2026-05-06-psp-outage.md"}, nil},
		// AND across facets.
		{Request{Query: "payments", Severity: []string{"SEV1"}, Tag: []string{"Disk"}}, []string{"postmortems/2025-08-29-disk-full.md"},
			map[string]map[string]int{FieldTag: {"database": 1, "disk": 1}}},
		{Request{Query: "payments", Kind: []string{"runbook"}, Owner: []string{"team-payments"}}, []string{"runbooks/payments/db-failover.md"}, nil},
		{Request{Query: "payments", Service: []string{"nowhere"}}, nil, map[string]map[string]int{FieldKind: {}}},
		// A value written "sev4" is found as SEV4 and counted as written.
		{Request{Severity: []string{"SEV4"}}, []string{"postmortems/2026-06-23-export-late.md"},
			map[string]map[string]int{FieldSeverity: {"sev4": 1}}},
	}
	for _, tt := range tests {
		res := mustSearch(t, ix, tt.req)
		got := paths(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%+v: found %v, want %v", tt.req, got, tt.want)
		}
		for f, want := range tt.facets {
			if got := res.Facets[f]; !sameCounts(got, want) {
				t.Errorf("%+v: facet %s %v, want %v", tt.req, f, got, want)
			}
		}
	}
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// With a filter and no words, the documents that pass come newest first.
func TestFiltersAloneListNewestFirst(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	res := mustSearch(t, ix, Request{Kind: []string{"postmortem"}})
	want := []string{"postmortems/2026-06-23-export-late.md", "postmortems/2026-05-06-psp-outage.md", "postmortems/2026-03-14-cache-ttl.md", "postmortems/2025-08-29-disk-full.md"}
	if !slices.Equal(paths(res), want) {
		t.Errorf("found %v, want %v", paths(res), want)
	}
	if res := mustSearch(t, ix, Request{Query: "kind:runbook", N: 1}); res.Total != 3 || len(res.Hits) != 1 {
		t.Errorf("kind:runbook -n 1: total %d, %d hits", res.Total, len(res.Hits))
	}
}

func TestTypoTolerance(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	tests := []struct {
		query       string
		first       string // "" for no hit
		fuzzy       bool
		corrections []Correction
	}{
		{"KubePodCrashLoping", "runbooks/kube/crash-looping.md", true, []Correction{{"kubepodcrashlop", "kubepodcrashloop"}}},
		{"kubepodcrashlopping", "runbooks/kube/crash-looping.md", true, []Correction{{"kubepodcrashlop", "kubepodcrashloop"}}},
		{"abandonde", "postmortems/2025-08-29-disk-full.md", true, []Correction{{"abandond", "abandon"}}},
		{"fialover", "runbooks/payments/db-failover.md", true, []Correction{{"fialov", "failov"}}},
		{"catlog", "postmortems/2026-03-14-cache-ttl.md", true, []Correction{{"catlog", "catalog"}}},
		// Two letters swapped count as one edit.
		{"paymnets", "postmortems/2026-05-06-psp-outage.md", true, []Correction{{"paymnet", "payment"}}},
		{"checkuot latnecy", "postmortems/2026-03-14-cache-ttl.md", true, []Correction{{"checkuot", "checkout"}}},
		// A word in no document is corrected even when the others find
		// enough.
		{"payments databse failover", "runbooks/payments/db-failover.md", true, []Correction{{"databs", "databas"}}},
		// Words of three letters are not corrected.
		{"dsk", "", false, nil},
		// Exact words that find enough are left alone.
		{"payments", "postmortems/2026-05-06-psp-outage.md", false, nil},
		{"qwxzv", "", false, nil},
	}
	for _, tt := range tests {
		res := mustSearch(t, ix, Request{Query: tt.query})
		first := ""
		if len(res.Hits) > 0 {
			first = res.Hits[0].Path
		}
		if first != tt.first || res.Fuzzy != tt.fuzzy || !slices.Equal(res.Corrections, tt.corrections) {
			t.Errorf("%q: first %q, fuzzy %v, corrections %v; want %q, %v, %v", tt.query, first, res.Fuzzy, res.Corrections, tt.first, tt.fuzzy, tt.corrections)
		}
	}
}

func TestEditDistanceByLength(t *testing.T) {
	for term, want := range map[string]int{"a": 0, "dsk": 0, "disk": 1, "latency": 1, "failover": 2, "kubepodcrashloop": 2, "añño": 1, "doc0042": 0, "http2server": 0} {
		if got := editDistance(term); got != want {
			t.Errorf("editDistance(%q) = %d, want %d", term, got, want)
		}
	}
}

func TestHitsCarryTheirDocument(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	res := mustSearch(t, ix, Request{Query: "abandoned replication slot"})
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	h := res.Hits[0]
	if h.Path != "postmortems/2025-08-29-disk-full.md" || h.ID != "2025-08-29-disk-full" || h.Kind != "postmortem" ||
		h.URL != "/postmortems/2025-08-29-disk-full/" || h.Severity != "SEV1" || h.Date.Format("2006-01-02") != "2025-08-29" ||
		!slices.Equal(h.Services, []string{"payments", "checkout"}) || h.Score <= 0 {
		t.Errorf("hit %+v", h)
	}
	for _, m := range h.Marks {
		word := strings.ToLower(h.Snippet[m.Start:m.End])
		if word != "abandoned" && word != "replication" && word != "slot" {
			t.Errorf("mark %q in %q", word, h.Snippet)
		}
	}
	if len(h.Marks) < 3 {
		t.Errorf("snippet %q marks %v: want the three words", h.Snippet, h.Marks)
	}
}

// An Index searched before any Update finds what it holds, with paths
// and scores only.
func TestSearchBeforeUpdate(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	openAndUpdate(t, dir)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res := mustSearch(t, ix, Request{Query: "KubePodCrashLooping"})
	if len(res.Hits) == 0 || res.Hits[0].Path != "runbooks/kube/crash-looping.md" || res.Hits[0].Score <= 0 || res.Hits[0].Title != "" {
		t.Errorf("hits %+v", res.Hits)
	}
	for f, counts := range res.Facets {
		if len(counts) > 0 {
			t.Errorf("facet %s counted %v", f, counts)
		}
	}
}

// Filters leave the scores alone: a filtered search ranks and scores its
// hits as the same search without the filter does.
func TestFiltersDoNotChangeScores(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	for _, tt := range []struct {
		query string
		req   Request
		keep  func(Hit) bool
	}{
		{"payments database", Request{Severity: []string{"SEV1"}}, func(h Hit) bool { return h.Severity == "SEV1" }},
		{"checkout latency", Request{Kind: []string{"postmortem"}, Service: []string{"checkout"}},
			func(h Hit) bool { return h.Kind == "postmortem" && slices.Contains(h.Services, "checkout") }},
		{"+payments failover", Request{Tag: []string{"database"}}, func(h Hit) bool { return slices.Contains(h.Tags, "database") }},
	} {
		all := mustSearch(t, ix, Request{Query: tt.query, N: 50})
		tt.req.Query, tt.req.N = tt.query, 50
		filtered := mustSearch(t, ix, tt.req)
		var want []Hit
		for _, h := range all.Hits {
			if tt.keep(h) {
				want = append(want, h)
			}
		}
		if len(want) == 0 || len(filtered.Hits) != len(want) {
			t.Fatalf("%q %+v: %v, want %v", tt.query, tt.req, paths(filtered), want)
		}
		for i, h := range filtered.Hits {
			if h.Path != want[i].Path || math.Abs(h.Score-want[i].Score) > 1e-9*want[i].Score {
				t.Errorf("%q: hit %d %s %g, want %s %g", tt.query, i, h.Path, h.Score, want[i].Path, want[i].Score)
			}
		}
	}
}

func TestFirstWords(t *testing.T) {
	for _, tt := range []struct {
		q    string
		n    int
		want string
	}{
		{"disk full", 3, "disk full"},
		{"  disk   full database now ", 3, "  disk   full database"},
		{"a b", 0, ""},
		{"", 2, ""},
		{"é ü ø å", 2, "é ü"},
	} {
		if got := firstWords(tt.q, tt.n); got != tt.want {
			t.Errorf("firstWords(%q, %d) = %q, want %q", tt.q, tt.n, got, tt.want)
		}
	}
}
