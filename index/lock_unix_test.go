//go:build unix && !aix

package index

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// A program other than kb that holds bleve's own lock (bolt's, on
// root.bolt) makes Open fail with a Locked error after bolt's timeout; the
// index is left as it is, not taken for damaged.
func TestBoltLockHeldElsewhere(t *testing.T) {
	dir := writeKB(t, fixtureKB)
	total := len(loadDocs(t, dir))
	openAndUpdate(t, dir)
	f, err := os.Open(filepath.Join(dir, StateDir, IndexDir, "store", "root.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	var ie *Error
	if !errors.As(err, &ie) || ie.Kind != Locked {
		t.Errorf("Open: %v, want a Locked error", err)
	}
	f.Close()
	if st, notes := openAndUpdate(t, dir); st.Unchanged != total || len(notes) > 0 {
		t.Errorf("after the lock: %+v %q; want the index kept", st, notes)
	}
}
