package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkSessionApply times what kb serve does after the watcher reports
// a change, on the KB of KB_BENCH_DIR, which it writes to (use a copy):
// an edit of a postmortem's body, and of its severity.
func BenchmarkSessionApply(b *testing.B) {
	dir := kbtest.BenchDir(b)
	s, err := newSession(Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer s.close()
	if err := s.start(); err != nil {
		b.Fatal(err)
	}
	var path string
	for _, d := range s.kb.Docs {
		if strings.Contains(string(d.Source), "severity: SEV2") && strings.Contains(string(d.Source), "\n## ") {
			path = d.Path
			break
		}
	}
	file := filepath.Join(dir, filepath.FromSlash(path))
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, original, 0o644)
	for _, e := range []struct{ name, from, to string }{
		{"body", "\n## ", "\nA sentence more.\n\n## "},
		{"severity", "severity: SEV2", "severity: SEV3"},
	} {
		b.Run(e.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				text := string(original)
				if n%2 == 0 {
					text = strings.Replace(text, e.from, e.to, 1)
				}
				n++
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				if _, err := s.apply(Batch{Paths: []string{path}}); err != nil {
					b.Fatal(err)
				}
				s.index.update(s.kb)
			}
		})
	}
}
