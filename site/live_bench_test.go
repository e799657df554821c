package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkLive measures a live site over the KB of KB_BENCH_DIR, which it
// writes to (use a copy): the first build, and updates after an edit of a
// postmortem's body and of its severity (which moves it between lists).
func BenchmarkLive(b *testing.B) {
	dir := kbtest.BenchDir(b)
	kb, err := content.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	var doc *content.Doc
	for _, d := range kb.Docs {
		if d.Kind == content.KindPostmortem && strings.Contains(string(d.Source), "severity: SEV2") {
			doc = d
			break
		}
	}
	if doc == nil {
		b.Fatal("no SEV2 postmortem")
	}
	path := filepath.Join(dir, filepath.FromSlash(doc.Path))
	original := string(doc.Source)
	defer os.WriteFile(path, []byte(original), 0o644)
	opts := Options{Today: testToday, NoGit: true, SourceLines: true}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewLive(kb, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	live, err := NewLive(kb, opts)
	if err != nil {
		b.Fatal(err)
	}
	// The pages not rendered first are rendered in the background: the
	// edits are timed once they are.
	if err := live.Wait(); err != nil {
		b.Fatal(err)
	}
	edits := []struct{ name, from, to string }{
		{"body", "\n## ", "\nA sentence more.\n\n## "},
		{"severity", "severity: SEV2", "severity: SEV3"},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				text := original
				if n%2 == 0 {
					text = strings.Replace(original, e.from, e.to, 1)
				}
				n++
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				next, err := kb.Reload([]string{doc.Path})
				if err != nil {
					b.Fatal(err)
				}
				kb = next
				ch, err := live.Update(kb, []string{doc.Path})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(ch.Rendered), "pages/op")
			}
		})
	}
}
