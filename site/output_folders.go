package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// markerFile marks a folder as kb build output, which a later build may
// replace. kb never replaces or removes a non-empty folder without it.
const markerFile = ".kb-build"

// The marker says whether the folder holds a whole site: it is written
// "being written" before the first page and "complete" after the last, so
// that a build stopped between the steps of its swap can find the last
// complete site and put it back.
const (
	markerText     = "This folder is written by kb build and replaced by the next build.\n"
	markerBuilding = markerText + "state: being written\n"
	markerComplete = markerText + "state: complete\n"
)

// folderState is what kb finds at one of its names.
type folderState int

const (
	folderMissing folderState = iota
	folderEmpty
	folderKB      // a folder that carries kb's marker
	folderForeign // a folder with files but no marker: not kb's
)

// folderAt says what is at p. Anything but a real folder (a file, a link)
// is an error: kb neither writes into nor replaces it.
func folderAt(p string) (folderState, error) {
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return folderMissing, nil
	}
	if err != nil {
		return 0, err
	}
	if !fi.IsDir() {
		return 0, &OutputError{Kind: OutputOdd, Path: p, Detail: "is not a folder, and kb keeps a folder of the site there; move or remove it"}
	}
	if m, err := os.Lstat(filepath.Join(p, markerFile)); err == nil && m.Mode().IsRegular() {
		return folderKB, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return folderEmpty, nil
	} else if err != nil {
		return 0, err
	}
	return folderForeign, nil
}

// checkOwned refuses a folder that kb would replace but did not write.
// role says what kb keeps there, for the message.
func checkOwned(p, role string) error {
	st, err := folderAt(p)
	if err != nil {
		return err
	}
	if st == folderForeign {
		return foreignError(p, role)
	}
	return nil
}

// foreignError says that kb will not replace the folder p of the user's.
func foreignError(p, role string) error {
	advice := "move or rename that folder (kb does not remove it), or choose another --out"
	if role == roleTarget {
		advice = "choose another --out, or empty that folder"
	}
	return &OutputError{Kind: OutputForeign, Path: p, Detail: fmt.Sprintf(
		"holds files that kb build did not write (there is no %s marker in it), and kb keeps %s there; %s", markerFile, role, advice)}
}

// The roles of kb's folders, for messages.
const (
	roleTarget = "the site"
	roleWork   = "the working folder of the next build"
	roleSwap   = "the old site during a swap"
)

// isCompleteSite says whether p is a folder of kb's holding a whole site.
func isCompleteSite(p string) bool {
	if fi, err := os.Lstat(p); err != nil || !fi.IsDir() {
		return false
	}
	m := filepath.Join(p, markerFile)
	if fi, err := os.Lstat(m); err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(markerComplete)) {
		return false
	}
	data, err := os.ReadFile(m)
	return err == nil && string(data) == markerComplete
}

// removeOwned removes a folder of kb's: one with kb's marker, whose marker
// goes last so that a removal cut short is still known as kb's, or an
// empty one. Any other folder is refused and left as it is.
func removeOwned(p, role string) error {
	st, err := folderAt(p)
	if err != nil {
		return err
	}
	switch st {
	case folderMissing:
		return nil
	case folderEmpty:
		return os.Remove(p)
	case folderForeign:
		return foreignError(p, role)
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != markerFile {
			if err := os.RemoveAll(filepath.Join(p, e.Name())); err != nil {
				return err
			}
		}
	}
	if err := os.Remove(filepath.Join(p, markerFile)); err != nil {
		return err
	}
	return os.Remove(p)
}
