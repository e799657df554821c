package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

// writeOldFixture writes the fixture with times of change an hour ago, so
// that a change made by a test is seen in the files' stat.
func writeOldFixture(t *testing.T, dir string) {
	writeFixture(t, dir)
	old := time.Now().Add(-time.Hour)
	for rel := range watchFixture {
		must(t, os.Chtimes(filepath.Join(dir, filepath.FromSlash(rel)), old, old))
	}
}

// testReporter returns a reporter of dir started from a walk, with no
// goroutine running, so that a test decides when hashes are taken.
func testReporter(t *testing.T, dir string) *reporter {
	files, err := content.OpenFiles(dir)
	must(t, err)
	root, err := realRoot(dir)
	must(t, err)
	w := &Watcher{files: files, root: root, opts: withDefaults(WatchOptions{}), notes: make(chan string, 16)}
	start, err := w.walk(".", nil)
	must(t, err)
	return newReporter(w, start)
}

// TestReporterFirstHashes checks a change made while the first hashes
// are taken is reported once, whether its event comes before or after the
// file's first hash, and that an event that changed nothing is not.
func TestReporterFirstHashes(t *testing.T) {
	edit := func(t *testing.T, dir string) { writeFile(t, dir, "a.md", "# A\n\nedited\n") }
	hashAll := func(_ *testing.T, _ string, r *reporter) { r.hashSome(len(r.todo)) }
	event := func(want bool) func(t *testing.T, dir string, r *reporter) {
		return func(t *testing.T, dir string, r *reporter) {
			changed := map[string]bool{}
			r.check("a.md", false, changed)
			if changed["a.md"] != want {
				t.Errorf("the event reported a.md: %v, want %v", changed["a.md"], want)
			}
		}
	}
	do := func(f func(t *testing.T, dir string)) func(t *testing.T, dir string, r *reporter) {
		return func(t *testing.T, dir string, _ *reporter) { f(t, dir) }
	}
	type step = func(t *testing.T, dir string, r *reporter)
	for _, c := range []struct {
		name  string
		steps []step
	}{
		{"changed before its first hash, its event after", []step{do(edit), hashAll, event(true), event(false)}},
		{"changed, its event before its first hash", []step{do(edit), event(true), hashAll, event(false)}},
		{"chmod before its first hash, then an edit", []step{
			do(func(t *testing.T, dir string) { must(t, os.Chmod(filepath.Join(dir, "a.md"), 0o600)) }),
			event(false), hashAll, do(edit), event(true)}},
		{"removed before its first hash", []step{
			do(func(t *testing.T, dir string) { must(t, os.Remove(filepath.Join(dir, "a.md"))) }), hashAll, event(true), event(false)}},
		{"same bytes written after its first hash", []step{
			hashAll, do(func(t *testing.T, dir string) { writeFile(t, dir, "a.md", watchFixture["a.md"]) }), event(false)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeOldFixture(t, dir)
			r := testReporter(t, dir)
			for _, s := range c.steps {
				s(t, dir, r)
			}
		})
	}
}

// TestWatchChangeWhileFirstHashing edits files of a KB of a few thousand
// files as soon as NewWatcher returns, while the first hashes are
// most likely still being taken: the edits are reported, the other files
// are not.
func TestWatchChangeWhileFirstHashing(t *testing.T) {
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			writeOldFixture(t, dir)
			old := time.Now().Add(-time.Hour)
			for i := range 2000 {
				rel := fmt.Sprintf("bulk/%02d/doc-%04d.md", i%30, i)
				writeFile(t, dir, rel, fmt.Sprintf("# Doc %d\n", i))
				must(t, os.Chtimes(filepath.Join(dir, filepath.FromSlash(rel)), old, old))
			}
			run := startWatchNow(t, dir, mode.opts, watchHooks{})
			writeFile(t, dir, "a.md", "# A, edited at once\n")
			writeFile(t, dir, "bulk/07/doc-0007.md", "# Doc 7, edited at once\n")
			writeFile(t, dir, "bulk/19/doc-1999.md", "# Doc 1999, edited at once\n")
			want := []string{"a.md", "bulk/07/doc-0007.md", "bulk/19/doc-1999.md"}
			if got := run.settle(); !slices.Equal(got, want) {
				t.Errorf("reported %q, want %q", got, want)
			}
		})
	}
}
