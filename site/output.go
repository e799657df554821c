package site

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// output writes a site into a working folder beside its target and swaps
// it in only when the whole build succeeded, so a failed build leaves the
// previous site untouched. The site it replaces becomes the working folder
// of the next build (.NAME.kb-prev beside the target): writing over last
// time's files costs the file system far less than making every folder and
// file anew and deleting the old tree. The output's lock is held from
// newOutput to close.
type output struct {
	place
	held  *outputLock
	hooks outputHooks
	// dirs records the folders known to exist, so that each costs one
	// mkdir at most; written records the files of this build for
	// removeStale, which a fresh working folder does not need.
	dirs    sync.Map
	written sync.Map
	// oldFiles and oldDirs are what the working folder held before this
	// build, for removeStale.
	oldFiles, oldDirs []string
	// buffers hold what holds reads of an existing file.
	buffers sync.Pool
	// fresh says the working folder was empty: no file need be compared,
	// and every folder is made before its first file.
	fresh bool
	// now is the build's time, given to the files left as they were;
	// kept counts them (the tests read it).
	now  time.Time
	kept atomic.Int64
}

// newOutput takes the lock of the output of opts, finishes the swap of a
// build that stopped part way, and prepares the working folder. It refuses
// a target or a folder beside it that holds files kb did not write.
func newOutput(opts Options, hooks outputHooks) (*output, error) {
	pl, err := resolvePlace(opts.Out, !opts.DefaultOut)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(pl.target), 0o755); err != nil {
		return nil, err
	}
	lock, err := lockOutput(pl, opts.NoWait, opts.OnWait)
	if err != nil {
		return nil, err
	}
	o := &output{place: pl, held: lock, hooks: hooks, now: time.Now()}
	if err := o.prepare(); err != nil {
		lock.release()
		return nil, err
	}
	return o, nil
}

// prepare puts back the last complete site if a build stopped during its
// swap, checks that kb's names beside the target are kb's, and opens the
// working folder.
func (o *output) prepare() error {
	if err := recoverSite(o.place); err != nil {
		return err
	}
	if err := o.checkNames(); err != nil {
		return err
	}
	// An old site left in the swap folder while the target and the
	// working folder are both there is not needed.
	if err := removeOwned(o.swap, roleSwap); err != nil {
		return err
	}
	return o.openWork()
}

// checkNames refuses a target, working folder or swap folder that is not
// kb's, and a link --out whose folder is gone.
func (o *output) checkNames() error {
	if st, err := folderAt(o.target); err != nil {
		return err
	} else if st == folderMissing && o.linked {
		return &OutputError{Kind: OutputOdd, Path: o.target, Detail: "is where --out links to, and it does not exist; make that folder or remove the link"}
	}
	for _, f := range []struct{ path, role string }{{o.target, roleTarget}, {o.work, roleWork}, {o.swap, roleSwap}} {
		if err := checkOwned(f.path, f.role); err != nil {
			return err
		}
	}
	return nil
}

// openWork makes the working folder or lists what it holds, and marks it
// as being written before anything else goes into it.
func (o *output) openWork() error {
	if err := os.MkdirAll(o.work, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(o.work)
	if err != nil {
		return err
	}
	o.fresh = len(entries) == 0
	if !o.fresh {
		if err := o.scanWork(); err != nil {
			return err
		}
	}
	o.buffers.New = func() any { b := make([]byte, 64<<10); return &b }
	// Marked first, so that the working folder of a build that fails
	// before its end is still known as kb's to the next one, and no
	// longer as a complete site.
	return o.write(markerFile, []byte(markerBuilding))
}

// close releases the output's lock.
func (o *output) close() {
	o.held.release()
}

// write stores data at the slash path name inside the site. The working
// folder is mostly the site of the build before last: a file that already
// holds data keeps its bytes (only its time is set), sparing the file
// system the write, and a folder is made only when writing into it fails.
// Into an empty working folder, each folder is made before its first file
// and nothing is compared.
func (o *output) write(name string, data []byte) error {
	p := filepath.Join(o.work, filepath.FromSlash(name))
	if !o.fresh {
		o.written.Store(p, true) // for removeStale
	}
	dir := filepath.Dir(p)
	var err error
	if o.fresh {
		if err := o.mkdir(dir); err != nil {
			return err
		}
		err = os.WriteFile(p, data, 0o644)
	} else if o.holds(p, data) {
		// The bytes are those of the build before last: the time says
		// when they were built, as for a file written now, so that a
		// deploy by time sees a page that changed and changed back.
		err = os.Chtimes(p, time.Time{}, o.now)
		o.kept.Add(1)
	} else {
		err = os.WriteFile(p, data, 0o644)
		if errors.Is(err, fs.ErrNotExist) {
			if err := o.mkdir(dir); err != nil {
				return err
			}
			err = os.WriteFile(p, data, 0o644)
		}
	}
	if err == nil && dir != o.work {
		o.dirs.Store(dir, true)
	}
	return err
}

// holds reports whether the regular file at p has exactly the bytes data.
func (o *output) holds(p string, data []byte) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	bp := o.buffers.Get().(*[]byte)
	defer o.buffers.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// mkdir makes a folder of the site and its parents, asking the file system
// only about folders not seen yet.
func (o *output) mkdir(dir string) error {
	if dir == o.work {
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

// scanWork lists the files and folders of the working folder, the site of
// the build before last, for removeStale. Whatever is neither (a link, a
// FIFO) is removed first: kb writes only regular files, never through a
// link to somewhere else, and never opens what could block.
func (o *output) scanWork() error {
	return filepath.WalkDir(o.work, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == o.work:
		case d.IsDir():
			o.oldDirs = append(o.oldDirs, p)
		case d.Type().IsRegular():
			o.oldFiles = append(o.oldFiles, p)
		default:
			return os.Remove(p)
		}
		return nil
	})
}

// removeStale deletes the files and folders of the working folder that
// this build did not write.
func (o *output) removeStale() error {
	for _, p := range o.oldFiles {
		if _, ok := o.written.Load(p); !ok {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	// Deepest first, so that emptied folders go too.
	for i := len(o.oldDirs) - 1; i >= 0; i-- {
		if _, used := o.dirs.Load(o.oldDirs[i]); !used {
			if err := os.Remove(o.oldDirs[i]); err != nil && !errors.Is(err, syscall.ENOTEMPTY) && !errors.Is(err, fs.ErrExist) && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// sink receives a site's files as they are rendered: the output folder
// of a build, or the memory of a live site. It is called from several
// goroutines at once, and keeps no reference to data.
type sink interface {
	write(name string, data []byte) error
}
