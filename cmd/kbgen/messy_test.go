package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

func genMessy(t *testing.T, n int, messy float64, workers int) map[string][]byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kb")
	if _, err := generate(options{N: n, Seed: 3, Out: dir, Workers: workers, Messy: messy}); err != nil {
		t.Fatal(err)
	}
	return kbtest.ReadTree(t, dir)
}

func TestMessyDeterministic(t *testing.T) {
	if treeHash(genMessy(t, 120, 0.9, 1)) != treeHash(genMessy(t, 120, 0.9, 4)) {
		t.Error("-messy 0.9 wrote different trees with 1 and 4 workers")
	}
	if treeHash(genMessy(t, 120, 0, 0)) == treeHash(genMessy(t, 120, 0.9, 0)) {
		t.Error("-messy 0.9 wrote the tree of -messy 0")
	}
}

// TestMessyPostmortems: about the share asked for of postmortems are
// messy, and kb reads them as teams write them: action items without
// owners or dates, fields left out.
func TestMessyPostmortems(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kb")
	if _, err := generate(options{N: 400, Seed: 3, Out: dir, Messy: 0.5}); err != nil {
		t.Fatal(err)
	}
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pms, messy, unowned, undated int
	for _, doc := range kb.Docs {
		if doc.Kind != content.KindPostmortem {
			continue
		}
		pms++
		if !strings.Contains(string(doc.Body()), "### Short term") {
			continue
		}
		messy++
		if len(doc.Actions) == 0 {
			t.Errorf("%s: kb read no action items from the messy list", doc.Path)
		}
		for _, a := range doc.Actions {
			if a.Owner == "" {
				unowned++
			}
			if !a.Due.Set {
				undated++
			}
		}
	}
	if share := float64(messy) / float64(pms); share < 0.4 || share > 0.6 {
		t.Errorf("%d of %d postmortems messy (%.2f), want about 0.5", messy, pms, share)
	}
	if unowned == 0 || undated == 0 {
		t.Errorf("messy action items: %d without owner, %d without due date; want some of each", unowned, undated)
	}
}
