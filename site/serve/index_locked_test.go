package serve

import (
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
)

// TestIndexWaitsForAHeldIndex starts the preview's index while another
// opener holds it, as a kb search started with kb serve does: search
// answers nothing meanwhile, and the index is taken and built once the
// other lets it go, instead of search staying off.
func TestIndexWaitsForAHeldIndex(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "runbooks/r.md", "---\ntitle: Failover\n---\n\nPromote the replica.\n")
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	other, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := newSearchIndex()
	s.start(dir, kb, index.WithLockWait(50*time.Millisecond))
	defer s.close()
	time.Sleep(300 * time.Millisecond)
	if _, err := s.search(index.Request{Query: "replica"}); err == nil {
		t.Fatal("searched an index another program holds")
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(runWait)
	for {
		res, err := s.search(index.Request{Query: "replica"})
		if err == nil && res.Total == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the index was never taken after it was let go: %v %+v", err, res)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
