package content

import (
	"bytes"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the single-document parser. It must
// never panic, must return a document for every text file (and for a file
// with a NUL byte, none and one error), and every position it gives must
// lie inside the file. Seeds live in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: t\nactions:\n  - what: x\n    owner: y\n    due: 2026-01-01\n---\n## Action items\n\n- [ ] a — owner: b, due: 2026-02-02\n"))
	f.Add([]byte("\uFEFF---\r\ntitle: [a\r\n---\r\n# H\r\n"))
	f.Add([]byte("+++\ntitle = 1\n+++\n"))
	f.Add([]byte("---\na: &a [*a]\n---\n"))
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, errs := p.Parse("postmortems/fuzz.md", src)
		lines := bytes.Count(normalize(src), []byte{'\n'}) + 1
		check := func(what string, pos Pos) {
			if pos.File != "postmortems/fuzz.md" || pos.Line < 1 || pos.Line > lines || pos.Col < 1 {
				t.Fatalf("%s at %v outside the file (%d lines)", what, pos, lines)
			}
		}
		for _, e := range errs {
			check("error "+e.Msg, e.Pos)
		}
		if hasNUL := bytes.IndexByte(src, 0) >= 0; doc == nil || hasNUL {
			if doc != nil || !hasNUL || len(errs) != 1 || errs[0].Kind != ErrorUnreadable {
				t.Fatalf("document %v with %d errors for a file with a NUL byte: %v", doc != nil, len(errs), hasNUL)
			}
			return
		}
		for _, e := range doc.FieldErrors {
			check("field error "+e.Msg, e.Pos)
		}
		for _, k := range doc.Keys {
			check("key "+k.Name, k.Pos)
		}
		for _, s := range doc.Sections {
			check("section "+s.Title, s.Pos)
		}
		for _, a := range doc.Actions {
			check("action "+a.What, a.Pos)
		}
		for _, e := range doc.Timeline {
			check("timeline "+e.Event, e.Pos)
		}
		for _, l := range doc.Links {
			check("link "+l.Dest, l.Pos)
		}
		if doc.ID == "" || doc.Title == "" {
			t.Fatalf("empty id %q or title %q", doc.ID, doc.Title)
		}
	})
}
