package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

var errNotFolder = errors.New("not a folder")

// tree is what a walk of the KB found: its files with their stat, and
// its folders, as slash paths relative to the KB.
type tree struct {
	files []walkedFile
	dirs  []string
}

// walkedFile is a file a walk found, with its stat at the time.
type walkedFile struct {
	rel string
	key statKey
}

// statKey is what a stat tells of a file's content without reading it.
type statKey struct {
	size, mtime int64
	ino         uint64
}

// keyOf returns the statKey of a file's information.
func keyOf(info fs.FileInfo) statKey {
	return statKey{size: info.Size(), mtime: info.ModTime().UnixNano(), ino: inode(info)}
}

// keys returns the stat of each file of the tree by path.
func (t tree) keys() map[string]statKey {
	m := make(map[string]statKey, len(t.files))
	for _, f := range t.files {
		m[f.rel] = f.key
	}
	return m
}

// walk lists the files and folders under the KB folder top, leaving out
// what the watcher ignores. onDir, when not nil, is called for each folder
// before its entries are read (to watch it, so that a file made after the
// listing sends an event); an error of onDir that means watching failed
// ends the walk with it, and another skips the folder with a note. Only
// an unreadable KB root is an error otherwise: an unreadable folder is
// skipped with a note, and one that vanished during the walk silently.
func (w *Watcher) walk(top string, onDir func(rel string) error) (tree, error) {
	var t tree
	start := w.abs(top)
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		rel := w.relOf(p)
		if err != nil {
			if p == start && top == "." {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.note(fmt.Sprintf("not watching %s: %v", rel, systemReason(err)))
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.walkFolder(&t, rel, onDir)
		}
		if w.ignored(rel, false) || d.Type()&fs.ModeSymlink != 0 && w.linksToFolder(rel) {
			return nil
		}
		if info, err := d.Info(); err == nil {
			t.files = append(t.files, walkedFile{rel: rel, key: keyOf(info)})
		}
		return nil
	})
	return t, err
}

// linksToFolder reports whether the link rel leads to a folder of the
// KB, which kb does not follow, as it does not read documents through one.
func (w *Watcher) linksToFolder(rel string) bool {
	info, err := w.files.Stat(rel)
	return err == nil && info.IsDir()
}

// walkFolder is walk's step for a folder.
func (w *Watcher) walkFolder(t *tree, rel string, onDir func(rel string) error) error {
	if rel != "." && w.ignored(rel, true) {
		return fs.SkipDir
	}
	if onDir != nil {
		if err := onDir(rel); err != nil {
			if isWatchFailure(err) {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.note(fmt.Sprintf("not watching %s: %v", rel, systemReason(err)))
			}
			return fs.SkipDir
		}
	}
	t.dirs = append(t.dirs, rel)
	return nil
}

// isWatchFailure tells an error that ends watching (the limit of inotify
// watches or of the kernel's memory) from one of a single folder.
func isWatchFailure(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.ENOMEM) || errors.Is(err, syscall.EMFILE)
}

// systemReason is the operating system's part of an error, without the
// path it names.
func systemReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// abs returns the path of the KB-relative slash path rel.
func (w *Watcher) abs(rel string) string {
	if rel == "." {
		return w.root
	}
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// relOf returns the KB-relative slash path of a path under the root, or
// "" for one that is not under it.
func (w *Watcher) relOf(p string) string {
	if p == w.root {
		return "."
	}
	rest, ok := strings.CutPrefix(p, w.root+string(filepath.Separator))
	if !ok {
		return ""
	}
	return filepath.ToSlash(rest)
}

// ignored reports whether the watcher leaves out the file or folder rel
// (whose parent folders it does not leave out).
func (w *Watcher) ignored(rel string, dir bool) bool {
	name := path.Base(rel)
	if ignoredName(name) || dir && unwatchedFolders[rel] {
		return true
	}
	return w.opts.Ignore != nil && w.opts.Ignore(rel, dir)
}

// unwatchedFolders are top-level folders kb reads nothing from, which may
// hold more folders than inotify can watch.
var unwatchedFolders = map[string]bool{"node_modules": true, "vendor": true}

// ignoredName reports whether a file or folder name is one the watcher
// always leaves out: hidden ones (.git, .kb, .idea, vim's .x.swp, emacs's
// .#x lock) and editors' temporary files: backups x~, emacs's #x#,
// JetBrains' x___jb_tmp___ and x___jb_old___, swap and temporary files
// named x.swp, x.tmp, and vim's probe files 4913, 5036, ...
func ignoredName(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"):
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	for _, suffix := range tempSuffixes {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return isVimProbe(name)
}

// tempSuffixes end the names of editors' and atomic writers' temporary files.
var tempSuffixes = []string{"___jb_tmp___", "___jb_old___", ".swp", ".swx", ".swo", ".tmp"}

// isVimProbe reports a name vim gives the file it makes, then removes,
// to learn whether it may write a file by renaming: 4913, or 4913 plus a
// multiple of 123 when that name is taken.
func isVimProbe(name string) bool {
	for _, c := range name {
		if c < '0' || c > '9' {
			return false
		}
	}
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0
}

// lstatKey returns the statKey of the KB file rel, without following a
// link, or the zero key when there is no such file.
func (w *Watcher) lstatKey(rel string) statKey {
	info, err := os.Lstat(w.abs(rel))
	if err != nil {
		return statKey{}
	}
	return keyOf(info)
}
