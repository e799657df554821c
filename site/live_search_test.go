package site

import "testing"

// TestNewLiveSearchStaleUntilPut checks that a new live site reports its
// static search index as lagging until one is put in: without that, kb
// serve served no search data until the first edit.
func TestNewLiveSearchStaleUntilPut(t *testing.T) {
	dir := writeLiveKB(t)
	live, err := NewLive(loadLive(t, dir), Options{Today: testToday, NoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := live.Files().File("search/data/manifest.bin"); ok {
		t.Fatal("a new live site holds a search index before a job wrote one")
	}
	if !live.SearchStale() {
		t.Fatal("a new live site, with no search index yet, does not report it as lagging")
	}
	putSearch(t, live)
	if _, ok := live.Files().File("search/data/manifest.bin"); !ok {
		t.Error("no search index once the job's is put in")
	}
}
