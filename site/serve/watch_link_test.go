//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWatchLinksOutside checks a symbolic link inside the KB to a file
// outside it is never read: changes of its target are not reported, and
// a link to a FIFO outside, which a plain read would wait on forever,
// does not stop the watcher (the second step's report would never come).
// A FIFO inside the KB is a file that cannot be read: reported, not read.
func TestWatchLinksOutside(t *testing.T) {
	fixture := func(t *testing.T, dir string) {
		writeFixture(t, dir)
		writeFile(t, outsideOf(dir), "secret.md", "# Secret\n")
		must(t, os.Symlink(filepath.Join(outsideOf(dir), "secret.md"), filepath.Join(dir, "link.md")))
		must(t, os.Symlink("../outside/secret.md", filepath.Join(dir, "relative-link.md")))
	}
	editSecret := func(t *testing.T, dir string) {
		writeFile(t, outsideOf(dir), "secret.md", "# Secret, changed\n")
	}
	cases := []saveCase{{name: "links out of the KB", steps: []saveStep{
		{do: editSecret},
		{do: func(t *testing.T, dir string) {
			must(t, syscall.Mkfifo(filepath.Join(outsideOf(dir), "fifo"), 0o644))
			must(t, os.Symlink(filepath.Join(outsideOf(dir), "fifo"), filepath.Join(dir, "fifo-link.md")))
			must(t, syscall.Mkfifo(filepath.Join(dir, "inside.fifo"), 0o644))
		}, want: []string{"fifo-link.md", "inside.fifo"}},
		{do: editSecret},
	}}}
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) { runSaveCases(t, mode.opts, fixture, cases) })
	}
}
