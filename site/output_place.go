package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kb-tools/kb/content"
)

// OutputErrorKind says what is wrong with the output or with a folder kb
// keeps beside it.
type OutputErrorKind int

const (
	// OutputBusy: another build of the same output holds its lock, and
	// the build was told not to wait.
	OutputBusy OutputErrorKind = iota + 1
	// OutputForeign: a folder kb would replace or remove holds files but
	// not kb's marker, so kb did not write it.
	OutputForeign
	// OutputOdd: the output, or a name kb keeps beside it, is not what kb
	// needs there: a file where a folder goes, a dangling or looping link.
	OutputOdd
)

// OutputError is a problem with the output folder or the folders kb keeps
// beside it. kb changed none of them.
type OutputError struct {
	Kind OutputErrorKind
	// Path is the folder or file at fault.
	Path string
	// Detail says what is wrong and what to do about it.
	Detail string
}

// Error names the path, relative to the working folder when it is below
// it, as the user gave it, and says what is wrong.
func (e *OutputError) Error() string {
	if e.Path == "" {
		return e.Detail
	}
	return shownPath(e.Path) + ": " + e.Detail
}

// shownPath is an absolute path as a message shows it: relative to the
// working folder when it is below it.
func shownPath(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return p
}

// place names the output folder and what kb keeps beside it.
type place struct {
	// target is the folder the site is published in: --out, or where
	// the link --out is points.
	target string
	// work holds the site of the build before last, written over by the
	// next build (.NAME.kb-prev).
	work string
	// swap holds the old site for a moment during the fallback swap
	// (.NAME.kb-prev.swap).
	swap string
	// lock is the file whose advisory lock a build holds from start to
	// end (.NAME.kb-lock). It stays, empty, beside the output.
	lock string
	// linked says --out is a symbolic link.
	linked bool
}

// placeOf names the folders kb keeps beside target.
func placeOf(target string) place {
	dir, name := filepath.Dir(target), filepath.Base(target)
	work := filepath.Join(dir, "."+name+".kb-prev")
	return place{target: target, work: work, swap: work + ".swap", lock: filepath.Join(dir, "."+name+".kb-lock")}
}

// resolvePlace finds where the site of --out is published. An --out that
// is a symbolic link is the folder the link points to: kb builds and swaps
// beside that folder, so the link stays a link. A link to something other
// than a folder is refused, and so is a dangling one, unless the site it
// pointed to is there to restore (a build stopped during its swap).
//
// mayLink is false for kb's default output inside the KB, where a link is
// refused: the KB, which a pull request may change, must not choose where
// kb writes.
func resolvePlace(out string, mayLink bool) (place, error) {
	if out == "" {
		return place{}, &OutputError{Kind: OutputOdd, Path: out, Detail: "no output folder given"}
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return place{}, err
	}
	target, linked, err := followLinks(abs)
	if err != nil {
		return place{}, err
	}
	if linked && !mayLink {
		return place{}, &OutputError{Kind: OutputOdd, Path: abs, Detail: "is a symbolic link, and kb does not build through a link inside the KB; remove it, or name the folder with --out"}
	}
	pl := placeOf(target)
	pl.linked = linked
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) && linked && !pl.restorable() {
		return place{}, &OutputError{Kind: OutputOdd, Path: out, Detail: fmt.Sprintf(
			"is a symbolic link to %s, which does not exist; make that folder (kb builds where the link points) or remove the link", target)}
	}
	return pl, nil
}

// followLinks follows p when it is a symbolic link, and says whether it
// was one. What it ends at must be a folder or nothing.
func followLinks(p string) (string, bool, error) {
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return p, false, nil
	}
	if err != nil {
		return "", false, err
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		return p, false, isFolder(p, fi)
	}
	real, err := filepath.EvalSymlinks(p)
	if errors.Is(err, fs.ErrNotExist) {
		end, err := danglingEnd(p)
		return end, true, err
	}
	if err != nil {
		return "", false, &OutputError{Kind: OutputOdd, Path: p, Detail: fmt.Sprintf("is a symbolic link that cannot be followed (%v); point --out at a folder", err)}
	}
	fi, err = os.Stat(real)
	if err != nil {
		return "", false, err
	}
	return real, true, isFolder(real, fi)
}

// isFolder refuses an output that is not a folder.
func isFolder(p string, fi fs.FileInfo) error {
	if fi.IsDir() {
		return nil
	}
	return &OutputError{Kind: OutputOdd, Path: p, Detail: "is not a folder; choose another --out"}
}

// danglingEnd follows a chain of links to the missing name it ends at.
func danglingEnd(p string) (string, error) {
	for hops := 0; hops < content.MaxLinkHops; hops++ {
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return "", &OutputError{Kind: OutputOdd, Path: p, Detail: "changed while kb read it; try again"}
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dir, err := filepath.EvalSymlinks(filepath.Dir(p))
			if err != nil {
				return "", &OutputError{Kind: OutputOdd, Path: p, Detail: fmt.Sprintf("is a symbolic link into a folder that does not exist (%v); point --out at a folder", err)}
			}
			dest = filepath.Join(dir, dest)
		}
		p = filepath.Clean(dest)
	}
	return "", &OutputError{Kind: OutputOdd, Path: p, Detail: fmt.Sprintf("is a symbolic link that goes through more than %d links; point --out at a folder", content.MaxLinkHops)}
}

// restorable says whether a complete site waits beside a missing target.
func (pl place) restorable() bool {
	return isCompleteSite(pl.work) || isCompleteSite(pl.swap)
}
