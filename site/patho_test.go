package site

import (
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/patho"
)

// loadAndBuild loads the KB at dir and builds it into out, as kb build
// does.
func loadAndBuild(t testing.TB, dir, out string) {
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(kb, Options{Out: out, Today: testToday, NoGit: true}); err != nil {
		t.Fatal(err)
	}
}

// siteBytes is the size of the files of a built site.
func siteBytes(t testing.TB, out string) int64 {
	var n int64
	err := filepath.WalkDir(out, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// What one document may add to the site: maxOutputRatio times its own
// size, and the pages the per-document limits let it make (a page for each
// of up to 100 services, 100 tags and 100 owners of action items, each
// page about 1.3 KB of the site's own markup, and its rows), at most
// maxPagesBytes.
const (
	maxOutputRatio = 40
	maxPagesBytes  = 300 * 2 << 10
)

// TestPathologicalBuild builds each pathological document and checks that
// it costs no more than a bounded multiple of the time and allocations of
// a plain document of the same size, and that it adds to the site no more
// than maxOutputRatio times its own size and the pages the limits allow.
func TestPathologicalBuild(t *testing.T) {
	baseDir := t.TempDir()
	if err := patho.WriteKB(baseDir, nil); err != nil {
		t.Fatal(err)
	}
	baseOut := filepath.Join(t.TempDir(), "public")
	loadAndBuild(t, baseDir, baseOut)
	base := siteBytes(t, baseOut)
	for _, c := range patho.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			bad, plain, size := patho.KBs(t, c)
			badOut, plainOut := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
			patho.Compare(t, "building "+c.Name, patho.DefaultRatio(), 3,
				func() { loadAndBuild(t, bad, badOut) }, func() { loadAndBuild(t, plain, plainOut) })
			added, plainAdded := siteBytes(t, badOut)-base, siteBytes(t, plainOut)-base
			t.Logf("%s: a document of %d bytes adds %d bytes to the site (%.1f times its size); a plain one adds %d (%.1f)",
				c.Name, size, added, float64(added)/float64(size), plainAdded, float64(plainAdded)/float64(size))
			if bound := maxOutputRatio*int64(size) + maxPagesBytes; added > bound {
				t.Errorf("%s adds %d bytes to the site, over %d times its size and %d bytes of pages (%d)",
					c.Name, added, maxOutputRatio, maxPagesBytes, bound)
			}
		})
	}
}

// BenchmarkPathological loads and builds each pathological document at
// its test scale.
func BenchmarkPathological(b *testing.B) {
	for _, c := range patho.Cases() {
		b.Run(c.Name, func(b *testing.B) {
			dir, _, _ := patho.KBs(b, c)
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for b.Loop() {
				loadAndBuild(b, dir, out)
			}
		})
	}
}
