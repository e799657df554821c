package index

import (
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// writeKB writes a txtar KB into a new folder and returns it.
func writeKB(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, archive)
	return dir
}

// loadDocs loads the KB at dir and returns its documents as the index
// takes them, each at a site path made of its kind and id (the site's
// own URLs are the site package's business).
func loadDocs(t testing.TB, dir string) []Document {
	t.Helper()
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]Document, 0, len(kb.Docs))
	for _, d := range kb.Docs {
		docs = append(docs, NewDocument(d, "/"+string(d.Kind)+"s/"+d.ID+"/"))
	}
	return docs
}

// openUpdated opens the index of dir and updates it with the KB's
// documents; the index is closed when the test ends.
func openUpdated(t *testing.T, dir string, opts ...Option) (*Index, Stats) {
	t.Helper()
	ix, err := Open(dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	st, err := ix.Update(loadDocs(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	return ix, st
}

// mustSearch runs req and fails the test on an error.
func mustSearch(t *testing.T, ix *Index, req Request) Result {
	t.Helper()
	res, err := ix.Search(req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	return res
}

// paths lists the paths of the hits.
func paths(res Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Path)
	}
	return out
}
