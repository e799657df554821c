package index

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Damaged, half-written or foreign index files are found at Open, removed
// and built again, with one note; results are then right.
func TestDamagedIndexIsRebuilt(t *testing.T) {
	damages := []struct {
		name   string
		damage func(t *testing.T, index string)
	}{
		{"garbage root.bolt", func(t *testing.T, ix string) { scribble(t, filepath.Join(ix, "store", "root.bolt"), 0) }},
		{"truncated root.bolt", func(t *testing.T, ix string) { truncate(t, filepath.Join(ix, "store", "root.bolt"), 100) }},
		{"empty root.bolt", func(t *testing.T, ix string) { truncate(t, filepath.Join(ix, "store", "root.bolt"), 0) }},
		{"truncated segment", func(t *testing.T, ix string) {
			for _, p := range segments(t, ix) {
				truncate(t, p, fileSize(t, p)/2)
			}
		}},
		{"segment cut to its first bytes", func(t *testing.T, ix string) {
			for _, p := range segments(t, ix) {
				truncate(t, p, 20)
			}
		}},
		{"garbage segment footer", func(t *testing.T, ix string) {
			for _, p := range segments(t, ix) {
				scribble(t, p, fileSize(t, p)-64)
			}
		}},
		{"missing segment", func(t *testing.T, ix string) {
			for _, p := range segments(t, ix) {
				remove(t, p)
			}
		}},
		{"missing store", func(t *testing.T, ix string) { remove(t, filepath.Join(ix, "store")) }},
		{"missing index_meta.json", func(t *testing.T, ix string) { remove(t, filepath.Join(ix, "index_meta.json")) }},
		{"garbage index_meta.json", func(t *testing.T, ix string) { scribble(t, filepath.Join(ix, "index_meta.json"), 0) }},
		{"an empty folder", func(t *testing.T, ix string) {
			remove(t, ix)
			mkdir(t, ix)
		}},
		{"a file in the folder's place", func(t *testing.T, ix string) {
			remove(t, ix)
			if err := os.WriteFile(ix, []byte("not an index"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a stamp that is not a number", func(t *testing.T, ix string) { setStamp(t, filepath.Dir(filepath.Dir(ix)), "one") }},
		{"no stamp", func(t *testing.T, ix string) { setStamp(t, filepath.Dir(filepath.Dir(ix)), "") }},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			dir := writeKB(t, fixtureKB)
			total := len(loadDocs(t, dir))
			openAndUpdate(t, dir)
			d.damage(t, filepath.Join(dir, StateDir, IndexDir))
			st, notes := openAndUpdate(t, dir)
			if len(notes) != 1 || !strings.Contains(notes[0], "rebuilding") || st.Indexed != total {
				t.Errorf("stats %+v, notes %q; want a note and all %d documents indexed", st, notes, total)
			}
			res := searchOnce(t, dir, "KubePodCrashLooping")
			if len(res.Hits) == 0 || res.Hits[0].Path != "runbooks/kube/crash-looping.md" {
				t.Errorf("after the rebuild: %v", paths(res))
			}
			if st, notes := openAndUpdate(t, dir); st.Unchanged != total || len(notes) > 0 {
				t.Errorf("the rebuilt index is not kept: %+v %q", st, notes)
			}
		})
	}
}

func segments(t *testing.T, ix string) []string {
	t.Helper()
	ps, err := filepath.Glob(filepath.Join(ix, "store", "*.zap"))
	if err != nil || len(ps) == 0 {
		t.Fatalf("no segments in %s: %v", ix, err)
	}
	return ps
}

// scribble overwrites the file from byte at to its end with bytes that
// mean nothing.
func scribble(t *testing.T, p string, at int64) {
	t.Helper()
	n := fileSize(t, p) - at
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef kb ", int(n/8)+1))[:n]
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(junk, at); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, p string, size int64) {
	t.Helper()
	if err := os.Truncate(p, size); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, p string) int64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func remove(t *testing.T, p string) {
	t.Helper()
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

// setStamp writes the mapping version stamp of dir's index ("" removes it).
func setStamp(t *testing.T, dir, stamp string) {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if stamp == "" {
		err = ix.bleve.DeleteInternal([]byte(versionKey))
	} else {
		err = ix.bleve.SetInternal([]byte(versionKey), []byte(stamp))
	}
	if err != nil {
		t.Fatal(err)
	}
}

// Damage inside a segment that its checksum does not reveal (the checksum
// written again over the damaged bytes, as a bug of bleve's could leave
// it) is found by the search that reads it: the index is rebuilt from the
// documents of the last Update, with a note, and the results are right.
func TestDamageFoundWhileSearching(t *testing.T) {
	healed := 0
	for _, percent := range []int64{10, 30} {
		dir := writeKB(t, fixtureKB)
		openAndUpdate(t, dir)
		for _, p := range segments(t, filepath.Join(dir, StateDir, IndexDir)) {
			size := fileSize(t, p)
			junk := []byte(strings.Repeat("\x07\x0e\x15\x1c", int(size/40)+1))[:size/10]
			overwrite(t, p, junk, size*percent/100)
			resum(t, p)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Update(loadDocs(t, dir)); err != nil {
			t.Fatalf("%d%%: %v", percent, err)
		}
		opened := len(ix.Notes())
		for _, q := range []string{"KubePodCrashLooping", "abandoned replication slot"} {
			res, err := ix.Search(Request{Query: q})
			if err != nil || len(res.Hits) == 0 {
				t.Errorf("%d%%: %q: %v, %v", percent, q, paths(res), err)
			}
		}
		for _, n := range ix.Notes()[opened:] {
			if strings.Contains(n, "while searching") {
				healed++
			}
		}
		if err := ix.Close(); err != nil {
			t.Errorf("%d%%: close: %v", percent, err)
		}
	}
	if healed == 0 {
		t.Error("no damage was found by a search: the test damages nothing that searches read")
	}
}

func overwrite(t *testing.T, p string, b []byte, at int64) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, at); err != nil {
		t.Fatal(err)
	}
}

// resum writes a segment's checksum again to match its content.
func resum(t *testing.T, p string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	overwrite(t, p, binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b[:len(b)-4])), int64(len(b)-4))
}
