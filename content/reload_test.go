package content

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReloadMatchesLoad changes a KB a step at a time and checks that
// Reload of the changed paths gives the documents and errors that Load
// of the whole KB gives, and that the documents of the KB it started from
// are never changed.
func TestReloadMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if text == "" {
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			return
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("postmortems/a.md", "---\ntitle: A\nid: same\n---\nbody\n")
	write("postmortems/b.md", "---\ntitle: B\n---\nbody\n")
	write("runbooks/r.md", "---\ntitle: R\n---\n## Trigger\nx\n")
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		files map[string]string
	}{
		{"body edit", map[string]string{"postmortems/a.md": "---\ntitle: A\nid: same\n---\nnew body\n"}},
		{"duplicate id", map[string]string{"postmortems/c.md": "---\ntitle: C\nid: same\n---\nc\n"}},
		{"first of the two goes", map[string]string{"postmortems/a.md": ""}},
		{"broken front matter", map[string]string{"postmortems/b.md": "---\ntitle: [x\n---\nb\n"}},
		{"front matter mended", map[string]string{"postmortems/b.md": "---\ntitle: B2\n---\nb\n"}},
		{"new folder", map[string]string{"runbooks/db/failover.md": "# Failover\n", "runbooks/db/notes.txt": "not markdown"}},
		{"hidden and skipped", map[string]string{".github/x.md": "# hidden\n", "public/p.md": "# output\n", "templates/t.md": "# template\n"}},
		{"folder removed", map[string]string{"runbooks/db": ""}},
		{"kb.yaml", map[string]string{"kb.yaml": "ignore: [\"runbooks/**\"]\n"}},
	}
	for _, step := range steps {
		var paths []string
		for name, text := range step.files {
			write(name, text)
			paths = append(paths, name)
			if name == "runbooks/db" {
				paths = append(paths, "runbooks/db/failover.md", "runbooks/db/notes.txt")
			}
		}
		before := snapshotDocs(kb.Docs)
		next, err := kb.Reload(paths)
		if err != nil {
			t.Fatal(err)
		}
		if after := snapshotDocs(kb.Docs); !reflect.DeepEqual(before, after) {
			t.Errorf("%s: Reload changed the documents of the KB before:\n%v\n%v", step.name, before, after)
		}
		want, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got, w := snapshotDocs(next.Docs), snapshotDocs(want.Docs); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: documents\n got %v\nwant %v", step.name, got, w)
		}
		if got, w := snapshotErrors(next.Errors), snapshotErrors(want.Errors); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: errors\n got %v\nwant %v", step.name, got, w)
		}
		kb = next
	}
}

func snapshotDocs(docs []*Doc) []string {
	var out []string
	for _, d := range docs {
		out = append(out, fmt.Sprintf("%s %s %s %q %d", d.Path, d.Kind, d.ID, d.Title, len(d.Source)))
	}
	return out
}

func snapshotErrors(errs []*Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, fmt.Sprintf("%s %d %s", e.Pos, e.Kind, e.Msg))
	}
	return out
}
