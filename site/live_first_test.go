package site

import (
	"bytes"
	"sync"
	"testing"
)

// TestLiveReadWhileFirstRender reads every file of a new live site from
// several goroutines while its pages are still rendered, and checks each
// against the same site once every page is, byte for byte; then that an
// update made before the render is waited for gives the site a fresh
// build gives.
func TestLiveReadWhileFirstRender(t *testing.T) {
	dir := writeLiveKB(t)
	opts := Options{Today: testToday, NoGit: true}
	want, err := NewLive(loadLive(t, dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := want.Wait(); err != nil {
		t.Fatal(err)
	}
	names := want.Files().Names()
	for round := range 20 {
		live, err := NewLive(loadLive(t, dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		files := live.Files()
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for i := range names {
					n := names[(i*(g+1)+round)%len(names)]
					got, ok := files.File(n)
					w, _ := want.Files().File(n)
					if !ok || !bytes.Equal(got, w) {
						t.Errorf("round %d: %s read while rendered differs (found %v)", round, n, ok)
					}
				}
			})
		}
		wg.Go(func() {
			if got := len(files.Names()); got != len(names) {
				t.Errorf("round %d: %d names while rendered, want %d", round, got, len(names))
			}
		})
		wg.Wait()
		sameFiles(t, live.Files(), want.Files())
	}
	db := "postmortems/2026-03-01-db.md"
	kb := loadLive(t, dir)
	live, err := NewLive(kb, opts)
	if err != nil {
		t.Fatal(err)
	}
	writeOrRemove(t, dir, db, readLiveFile(db)+"\nOne line more.\n")
	next, err := kb.Reload([]string{db})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := live.Update(next, []string{db}); err != nil {
		t.Fatal(err)
	}
	fresh, err := NewLive(loadLive(t, dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, live.Files(), fresh.Files())
}
