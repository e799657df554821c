package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// markerFile marks a folder as kb build output, which a later build may
// replace. kb never replaces a non-empty folder without it.
const markerFile = ".kb-build"

// output writes a site into a fresh folder beside its target and swaps it
// in only when the whole build succeeded, so a failed build leaves the
// previous site untouched.
type output struct {
	target string
	tmp    string
	// dirs records the folders made so far, so that each page costs one
	// mkdir at most.
	dirs sync.Map
}

// newOutput prepares a temporary folder next to target. It refuses a target
// that holds files kb did not write.
func newOutput(target string) (*output, error) {
	target = filepath.Clean(target)
	if err := checkReplaceable(target); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &output{target: target, tmp: tmp}, nil
}

func checkReplaceable(target string) error {
	entries, err := os.ReadDir(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, markerFile)); err == nil {
		return nil
	}
	return fmt.Errorf("%s holds files that kb build did not write; choose another --out or empty it", target)
}

// write stores data at the slash path name inside the site.
func (o *output) write(name string, data []byte) error {
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if err := o.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// mkdir makes a folder of the site and its parents, asking the file system
// only about folders not made yet.
func (o *output) mkdir(dir string) error {
	if dir == o.tmp {
		return nil
	}
	if _, done := o.dirs.Load(dir); done {
		return nil
	}
	if err := o.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	o.dirs.Store(dir, true)
	return nil
}

// commit swaps the new site in place of the old one.
func (o *output) commit() error {
	if err := o.write(markerFile, []byte("This folder is written by kb build and replaced by the next build.\n")); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(o.target); err == nil {
		old = o.tmp + ".old"
		if err := os.Rename(o.target, old); err != nil {
			return err
		}
	}
	if err := os.Rename(o.tmp, o.target); err != nil {
		if old != "" {
			_ = os.Rename(old, o.target)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// discard removes the unfinished site.
func (o *output) discard() { os.RemoveAll(o.tmp) }
