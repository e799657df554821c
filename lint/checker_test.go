package lint

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

// TestCheckerAgreesWithRun checks that a Checker's findings, of every
// document and of the whole KB, are lint.Run's, on the example KB and on
// the corpora.
func TestCheckerAgreesWithRun(t *testing.T) {
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	dirs := []string{filepath.Join("..", "examples", "acme")}
	corpora, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "*"))
	for _, c := range corpora {
		if info, err := filepath.Glob(filepath.Join(c, "*")); err == nil && len(info) > 0 {
			dirs = append(dirs, c)
		}
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := Run(dir, Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			kb, err := content.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewChecker(kb, Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			var got []Diagnostic
			for _, ds := range c.Docs(kb.Docs) {
				got = append(got, ds...)
			}
			got = append(got, c.KB(kb)...)
			sortDiagnostics(got)
			if len(got) != len(want.Diagnostics) {
				t.Fatalf("%d findings, lint.Run %d", len(got), len(want.Diagnostics))
			}
			for i := range got {
				g, w := got[i], want.Diagnostics[i]
				g.excerptRead, w.excerptRead = false, false
				if !reflect.DeepEqual(g, w) {
					t.Fatalf("finding %d:\n got %v %+v\nwant %v %+v", i, g, g.Excerpt, w, w.Excerpt)
				}
			}
		})
	}
}
