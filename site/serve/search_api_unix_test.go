//go:build unix

package serve

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/kb-tools/kb/index"
)

// A FIFO in the place of ServeFile is refused at once, not waited on.
func TestAskRefusesAFIFO(t *testing.T) {
	root := t.TempDir()
	mkdir(t, filepath.Join(root, ".kb"))
	if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(ServeFile)), 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	var ae *AskError
	if _, asked, err := Ask(root, index.Request{Query: "disk"}); asked || !errors.As(err, &ae) || ae.Kind != AskBadFile {
		t.Errorf("asked %v, %v; want an AskBadFile error", asked, err)
	}
	if Running(root) {
		t.Error("Running with a FIFO for a file")
	}
}
