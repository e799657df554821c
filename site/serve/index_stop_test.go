package serve

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
)

// TestIndexCloseStopsTheFirstBuild closes the preview's index while its
// first build is under way (held after its first batch): the build stops
// there, rather than index the whole KB before kb serve can stop, and the
// next Update finds the first batch kept and the rest to index.
func TestIndexCloseStopsTheFirstBuild(t *testing.T) {
	const n = 1000
	dir := t.TempDir()
	writeFile(t, dir, "kb.yaml", "title: Many\n")
	for i := range n {
		writeFile(t, dir, fmt.Sprintf("runbooks/r%04d.md", i), fmt.Sprintf("---\ntitle: Runbook %d\n---\n\nThe steps of doc%04d.\n", i, i))
	}
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	firstBatch, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s := newSearchIndex()
	s.start(dir, kb, index.WithProgress(func(index.Progress) {
		once.Do(func() { close(firstBatch); <-release })
	}))
	select {
	case <-firstBatch:
	case <-time.After(runWait):
		t.Fatal("the first batch was not written in time")
	}
	closed := make(chan error, 1)
	go func() { closed <- s.close() }()
	<-s.done
	close(release)
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(runWait):
		t.Fatal("close did not return")
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st, err := ix.Update(kbDocuments(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged == 0 || st.Unchanged == n || st.Unchanged+st.Indexed != n {
		t.Errorf("after the close: %+v; want the first batch kept and the rest indexed now", st)
	}
}
