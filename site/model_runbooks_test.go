package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// TestLinkRunbooksOnceEach checks that a postmortem that names runbooks
// more than once, by id and by links, lists each once and is used once by
// each, for a few runbooks and for many.
func TestLinkRunbooksOnceEach(t *testing.T) {
	for _, n := range []int{3, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var tree, ids, links strings.Builder
			tree.WriteString("-- kb.yaml --\ntitle: T\n")
			for i := range n {
				fmt.Fprintf(&tree, "-- runbooks/rb%d.md --\n---\ntitle: Runbook %d\nid: rb%d\n---\nSteps.\n", i, i, i)
				fmt.Fprintf(&ids, "rb%d, rb%d, ", i, i)
				fmt.Fprintf(&links, "[again](../runbooks/rb%d.md) [and](../runbooks/rb%d.md#steps)\n", i, i)
			}
			fmt.Fprintf(&tree, "-- postmortems/2026-01-01-x.md --\n---\ntitle: X\ndate: 2026-01-01\nrunbooks: [%s]\n---\n%s", strings.TrimSuffix(ids.String(), ", "), links.String())
			dir := t.TempDir()
			kbtest.WriteTree(t, dir, tree.String())
			kb, err := content.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			m := newModel(kb, Options{Today: testToday, NoGit: true}, nil, newMemory(), nil)
			m.finish(nil, nil, nil)
			pm := m.sd.Postmortems[0]
			if len(pm.Runbooks) != n {
				t.Fatalf("%d runbooks listed, want %d", len(pm.Runbooks), n)
			}
			for i, rb := range pm.Runbooks {
				if want := fmt.Sprintf("rb%d", i); rb.Doc.ID != want {
					t.Errorf("runbook %d is %s, want %s", i, rb.Doc.ID, want)
				}
				if len(rb.UsedBy) != 1 || rb.UsedBy[0] != pm {
					t.Errorf("%s used by %d pages, want the postmortem once", rb.Doc.ID, len(rb.UsedBy))
				}
			}
		})
	}
}
