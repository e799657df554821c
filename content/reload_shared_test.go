package content

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestReloadWritesNoSharedDocument reloads a KB while another goroutine
// reads the documents it shares with the KB it started from, as kb serve's
// search index does: under -race, any write to a shared document (even of
// the value it holds) is reported; without, the ids read never change.
func TestReloadWritesNoSharedDocument(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"postmortems/a.md": "---\ntitle: A\nid: own-a\n---\nbody\n",
		"postmortems/b.md": "---\ntitle: B\n---\nbody\n",
		"runbooks/r.md":    "---\ntitle: R\nid: own-r\n---\n## Trigger\nx\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(text), 0o644))
	}
	kb, err := Load(dir)
	must(t, err)
	ids := map[*Doc]string{}
	for _, d := range kb.Docs {
		ids[d] = d.ID
	}
	done, started := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	changed := make(chan string, 1)
	wg.Go(func() {
		for pass := 0; ; pass++ {
			if pass == 1 {
				close(started)
			}
			for d, id := range ids {
				if d.ID != id {
					select {
					case changed <- d.Path:
					default:
					}
				}
			}
			select {
			case <-done:
				return
			default:
			}
		}
	})
	<-started
	b := filepath.Join(dir, "postmortems", "b.md")
	for i := range 200 {
		must(t, os.WriteFile(b, []byte(fmt.Sprintf("---\ntitle: B\n---\nbody %d\n", i)), 0o644))
		if _, err := kb.Reload([]string{"postmortems/b.md"}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	select {
	case path := <-changed:
		t.Errorf("the id of %s, shared with the KB reloaded, changed", path)
	default:
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
