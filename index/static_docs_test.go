package index

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestStaticFacets checks every facet list of a small KB against the
// documents: each value's list holds exactly the documents that carry it
// (values that differ in case are one), the manifest's counts are the
// lists' lengths, and severities come in the KB's order.
func TestStaticFacets(t *testing.T) {
	docs := smallDocs()
	fs, st := writeStaticFiles(t, docs, StaticOptions{Severities: []string{"SEV1", "SEV2", "SEV3"}})
	m := fs.manifest(t)
	num := docNumbers(t, fs, m, docs)
	want := map[string]map[string][]string{
		"kind":     {"postmortem": {"disk", "latency"}, "runbook": {"cache-stampede", "db-failover"}, "page": {"about"}},
		"severity": {"SEV1": {"disk"}, "SEV2": {"latency"}},
		"service":  {"payments": {"db-failover", "disk", "latency"}, "checkout": {"cache-stampede", "latency"}},
		// cache and Cache, once each: the first in byte order shows.
		"tag":   {"database": {"db-failover", "disk"}, "disk-full": {"disk"}, "Cache": {"cache-stampede", "latency"}},
		"owner": {"team-db": {"db-failover", "disk"}, "team-web": {"cache-stampede", "latency"}},
	}
	if got := len(m.Facets); got != len(want) {
		t.Fatalf("%d facets, want %d", got, len(want))
	}
	files := 0
	for _, f := range m.Facets {
		got := map[string][]string{}
		first := 0
		for g, n := range f.Groups {
			files++
			for i, list := range fs.readFacetGroup(t, f.Name, g, n) {
				var ids []string
				for _, d := range list {
					ids = append(ids, docs[num[d]].ID)
				}
				slices.Sort(ids)
				v := f.Values[first+i]
				got[v] = ids
				if f.Counts[first+i] != len(list) {
					t.Errorf("%s %s: count %d, list of %d", f.Name, v, f.Counts[first+i], len(list))
				}
			}
			first += n
		}
		if first != len(f.Values) {
			t.Errorf("%s: groups hold %d values of %d", f.Name, first, len(f.Values))
		}
		if !maps.EqualFunc(got, want[f.Name], slices.Equal) {
			t.Errorf("%s: %v, want %v", f.Name, got, want[f.Name])
		}
	}
	if files != st.FacetFiles {
		t.Errorf("%d facet files, stats say %d", files, st.FacetFiles)
	}
	if sev := m.Facets[1]; sev.Name != "severity" || !slices.Equal(sev.Values, []string{"SEV1", "SEV2"}) {
		t.Errorf("severity facet %v, want SEV1 then SEV2", sev.Values)
	}
	// Most documents write the service in lower case: that spelling shows.
	if svc := m.Facets[2]; svc.Values[0] != "payments" {
		t.Errorf("service values %v, want payments first", svc.Values)
	}
}

func TestFacetGroups(t *testing.T) {
	for _, tc := range []struct {
		values int
		want   []int
	}{
		{0, []int{}},
		{3, []int{3}},
		{8, []int{8}},
		{20, []int{8, 8, 4}},
		{128, []int{8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8}},
		{1000, append([]int{8}, append(slices.Repeat([]int{67}, 14), 54)...)},
	} {
		got := facetGroups(tc.values)
		if !slices.Equal(got, tc.want) {
			t.Errorf("facetGroups(%d) = %v, want %v", tc.values, got, tc.want)
		}
		if len(got) > maxFacetGroups {
			t.Errorf("facetGroups(%d): %d groups", tc.values, len(got))
		}
	}
}

// TestStaticRecords checks the result records: the fields a hit shows,
// the url relative to the site's root, and the id left out when the url
// ends with it.
func TestStaticRecords(t *testing.T) {
	docs := smallDocs()
	fs, _ := writeStaticFiles(t, docs, StaticOptions{})
	m := fs.manifest(t)
	if m.ShardDocs != 16 || m.Shards != 1 {
		t.Errorf("shards of %d documents, %d of them; want 16 and 1", m.ShardDocs, m.Shards)
	}
	got := map[string][]string{}
	for _, rec := range fs.readShard(t, 0) {
		got[rec[3]] = rec
	}
	want := map[string][]string{
		"postmortems/disk/": {"", "postmortem", "Payments DB disk full", "postmortems/disk/", "2026-03-14", "SEV1",
			"The disk filled. The payments database stopped; disk alerts fired twice."},
		"runbooks/db-failover/": {"", "runbook", "Payments database failover", "runbooks/db-failover/", "", "",
			"Fail over the database. Check the disk first. df -h on the primary"},
		"about/": {"", "page", "About this KB", "about/", "", "", "Postmortems and runbooks."},
	}
	for url, w := range want {
		if !slices.Equal(got[url], w) {
			t.Errorf("record %q:\n got %q\nwant %q", url, got[url], w)
		}
	}
	odd := []Document{{Path: "docs/x.md", ID: "x", Kind: "page", Title: "X", URL: "/docs/setup/"}}
	fs, _ = writeStaticFiles(t, odd, StaticOptions{})
	if rec := fs.readShard(t, 0)[0]; rec[0] != "x" {
		t.Errorf("a url that does not end with the id keeps the id: %q", rec)
	}
}

func TestSnippetText(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"# Title\n\nThe **disk** filled [fast](http://x).\nSecond line.", "The disk filled fast. Second line."},
		{"| a | b |\n|---|---|\n\n```\ncode here\n```\n- item one\n1. step two", "item one step two"},
		{"<!-- kb-lint-disable x -->\n> quoted `cmd`\n\n---\n\n![img](a.png) after", "quoted cmd img after"},
		{strings.Repeat("word ", 40), strings.TrimSpace(strings.Repeat("word ", 20)) + "…"},
		{strings.Repeat("é", 80), strings.Repeat("é", 50) + "…"},
		{"", ""},
	} {
		if got := snippetText(tc.body, 100); got != tc.want {
			t.Errorf("snippetText(%.30q) = %q, want %q", tc.body, got, tc.want)
		}
	}
}

// TestStaticDeterministic checks that the same documents, in any order,
// give the same files, byte for byte.
func TestStaticDeterministic(t *testing.T) {
	docs := acmeDocs(t)
	first, _ := writeStaticFiles(t, docs, StaticOptions{ChunkBytes: 2000})
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3 {
		rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		again, _ := writeStaticFiles(t, docs, StaticOptions{ChunkBytes: 2000})
		if !maps.EqualFunc(first, again, bytes.Equal) {
			t.Fatalf("two runs wrote different files (%d and %d)", len(first), len(again))
		}
	}
}

// TestStaticFileCount checks that a large KB of many distinct words and
// facet values keeps to the file budget: at most 600 result shards,
// about 800 chunks and 16 group files per facet.
func TestStaticFileCount(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 documents")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	docs := make([]Document, 20000)
	for i := range docs {
		var body strings.Builder
		for range 30 {
			fmt.Fprintf(&body, "w%dx ", rng.IntN(200000))
		}
		docs[i] = Document{Path: fmt.Sprintf("p/%d.md", i), ID: fmt.Sprint(i), Kind: "postmortem", Title: fmt.Sprintf("t%d", i%977),
			URL: fmt.Sprintf("/postmortems/%d/", i), Body: body.String(), Severity: fmt.Sprintf("S%d", i%7),
			Services: []string{fmt.Sprintf("svc%d", i%300)}, Tags: []string{fmt.Sprintf("tag%d", i%2000)}, Owners: []string{fmt.Sprint("o", i%50)}}
	}
	_, st := writeStaticFiles(t, docs, StaticOptions{})
	if st.Shards > maxShards || st.Chunks > maxChunks*11/10 || st.FacetFiles > 5*maxFacetGroups || st.Files > 1500 {
		t.Errorf("%+v: over the budget of %d shards, about %d chunks, %d facet files, 1,500 files", st, maxShards, maxChunks, 5*maxFacetGroups)
	}
	if st.Files != st.Chunks+st.Shards+st.FacetFiles+1 {
		t.Errorf("%+v: files are not the chunks, shards, facet files and the manifest", st)
	}
}
