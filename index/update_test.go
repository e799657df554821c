package index

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// openAndUpdate opens dir's index, updates it with the KB's documents and
// closes it, returning the stats and notes.
func openAndUpdate(t *testing.T, dir string) (Stats, []string) {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st, err := ix.Update(loadDocs(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	return st, ix.Notes()
}

// searchOnce opens dir's index as it is, updates it and runs one query.
func searchOnce(t *testing.T, dir, q string) Result {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(loadDocs(t, dir)); err != nil {
		t.Fatal(err)
	}
	return mustSearch(t, ix, Request{Query: q, N: 20})
}

func TestIdentifierNamesFindTheirRunbook(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	ix, _ := openUpdated(t, dir)
	for _, q := range []string{"KubePodCrashLooping", "kube pod crash looping", "kube_pod_crash_looping", "kube.pod.crash.looping", "kubepodcrashlooping", "pod crash loop"} {
		res := mustSearch(t, ix, Request{Query: q})
		if len(res.Hits) == 0 || res.Hits[0].Path != "runbooks/kube/crash-looping.md" {
			t.Errorf("%q: hits %v, want the crash-looping runbook first", q, paths(res))
		}
	}
}

func TestIncrementalUpdates(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	total := len(loadDocs(t, dir))
	write := func(rel, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		change func()
		want   Stats
		query  string
		found  []string // the paths the query must find, in any order
	}{
		{"first build", func() {}, Stats{Indexed: total}, "abandoned slot", []string{"postmortems/2025-08-29-disk-full.md"}},
		{"nothing changed", func() {}, Stats{Unchanged: total}, "abandoned slot", []string{"postmortems/2025-08-29-disk-full.md"}},
		{"a changed document", func() {
			write("runbooks/kube/not-ready.md", "---\ntitle: Nodes not ready\n---\n\nCordon the node, then drain it; the zebrafish procedure.\n")
		}, Stats{Indexed: 1, Unchanged: total - 1}, "zebrafish", []string{"runbooks/kube/not-ready.md"}},
		{"a deleted document", func() {
			if err := os.Remove(filepath.Join(dir, "postmortems/2026-06-23-export-late.md")); err != nil {
				t.Fatal(err)
			}
		}, Stats{Removed: 1, Unchanged: total - 1}, "nightly export", nil},
		{"a renamed document", func() {
			if err := os.Rename(filepath.Join(dir, "runbooks/kube/not-ready.md"), filepath.Join(dir, "runbooks/kube/node-not-ready.md")); err != nil {
				t.Fatal(err)
			}
		}, Stats{Indexed: 1, Removed: 1, Unchanged: total - 2}, "zebrafish", []string{"runbooks/kube/node-not-ready.md"}},
		{"a new document", func() {
			write("runbooks/kube/zebrafish.md", "# Zebrafish\n\nThe zebrafish again.\n")
		}, Stats{Indexed: 1, Unchanged: total - 1}, "zebrafish", []string{"runbooks/kube/node-not-ready.md", "runbooks/kube/zebrafish.md"}},
	}
	for _, s := range steps {
		s.change()
		st, notes := openAndUpdate(t, dir)
		if st != s.want || len(notes) > 0 {
			t.Errorf("%s: stats %+v, notes %q; want %+v and no notes", s.name, st, notes, s.want)
		}
		res := searchOnce(t, dir, s.query)
		got := paths(res)
		if res.Fuzzy {
			got = nil // only exact matches count here
		}
		slices.Sort(got)
		if !slices.Equal(got, s.found) {
			t.Errorf("%s: %q finds %v, want %v", s.name, s.query, got, s.found)
		}
	}
}

// A document whose page address changes (another id, another URL scheme)
// is indexed again, and hits carry the new address.
func TestAddressChangeReindexes(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	openAndUpdate(t, dir)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Document
	for _, d := range kb.Docs {
		url := "/" + string(d.Kind) + "s/" + d.ID + "/"
		if d.Path == "runbooks/kube/crash-looping.md" {
			url = "/runbooks/moved/"
		}
		docs = append(docs, NewDocument(d, url))
	}
	st, err := ix.Update(docs)
	if err != nil || st != (Stats{Indexed: 1, Unchanged: len(docs) - 1}) {
		t.Fatalf("stats %+v, %v; want one document indexed", st, err)
	}
	res := mustSearch(t, ix, Request{Query: "KubePodCrashLooping"})
	if len(res.Hits) == 0 || res.Hits[0].URL != "/runbooks/moved/" {
		t.Errorf("hits %+v", res.Hits)
	}
}

func TestMappingVersionChangeRebuilds(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	total := len(loadDocs(t, dir))
	openAndUpdate(t, dir)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.bleve.SetInternal([]byte(versionKey), []byte("0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	st, notes := openAndUpdate(t, dir)
	if st.Indexed != total || len(notes) != 1 || !strings.Contains(notes[0], "mapping version 0") {
		t.Errorf("stats %+v, notes %q; want all %d indexed again and a note of the old version", st, notes, total)
	}
	if st, notes := openAndUpdate(t, dir); st.Unchanged != total || len(notes) != 0 {
		t.Errorf("after the rebuild: stats %+v, notes %q", st, notes)
	}
}
