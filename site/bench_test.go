package site

import (
	"path/filepath"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkBuild builds the KB named by KB_BENCH_DIR (a kbgen corpus:
// go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k), loading included.
func BenchmarkBuild(b *testing.B) {
	dir := kbtest.BenchDir(b)
	out := filepath.Join(b.TempDir(), "public")
	var pages int
	for b.Loop() {
		kb, err := content.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Build(kb, Options{Out: out, Today: testToday, NoGit: true})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages/op")
}

// BenchmarkBuildSearch builds the KB of KB_BENCH_DIR with its static
// search and without (Options.NoSearch, as kb.yaml's search: false), to
// tell what the search page and its index cost a build.
func BenchmarkBuildSearch(b *testing.B) {
	dir := kbtest.BenchDir(b)
	for _, bc := range []struct {
		name     string
		noSearch bool
	}{{"search", false}, {"no-search", true}} {
		b.Run(bc.name, func(b *testing.B) {
			kb, err := content.Load(dir)
			if err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				if _, err := Build(kb, Options{Out: out, Today: testToday, NoGit: true, NoSearch: bc.noSearch}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteAPI works out and writes /api/stats.json and
// /api/docs.json of the KB of KB_BENCH_DIR, loaded once.
func BenchmarkWriteAPI(b *testing.B) {
	kb, err := content.Load(kbtest.BenchDir(b))
	if err != nil {
		b.Fatal(err)
	}
	m := newModel(kb, Options{Today: testToday, NoGit: true}, nil, newMemory(), nil)
	var bytes int
	for b.Loop() {
		mem := newMemory()
		if err := m.writeAPI(mem); err != nil {
			b.Fatal(err)
		}
		bytes = len(mem.files["api/docs.json"]) + len(mem.files["api/stats.json"])
	}
	b.ReportMetric(float64(bytes), "bytes/op")
}
