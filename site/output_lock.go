package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/kb-tools/kb/internal/filelock"
)

// outputLock is the advisory lock on the lock file beside an output, held
// by one build from before it touches the working folder to after its
// swap, so that two builds of one output never mix their sites. The
// operating system drops it when the process ends, however it ends: a lock
// left by a crash is no lock.
type outputLock struct {
	f *os.File
}

// lockOutput takes the lock of pl. When another build holds it, it fails
// at once with an OutputBusy error if noWait is set; else it calls onWait
// (when set) once and waits for that build to end.
func lockOutput(pl place, noWait bool, onWait func()) (*outputLock, error) {
	if fi, err := os.Lstat(pl.lock); err == nil && !fi.Mode().IsRegular() {
		return nil, &OutputError{Kind: OutputOdd, Path: pl.lock, Detail: "is not a regular file, and kb keeps the lock of its builds there; remove it"}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f, err := filelock.Open(pl.lock)
	if err != nil {
		return nil, err
	}
	locked, err := filelock.TryLock(f)
	if err == nil && !locked {
		if noWait {
			f.Close()
			return nil, &OutputError{Kind: OutputBusy, Path: pl.target, Detail: fmt.Sprintf(
				"another build of this output is running (it holds %s); try again when it has finished", pl.lock)}
		}
		if onWait != nil {
			onWait()
		}
		err = filelock.Wait(f)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", pl.lock, err)
	}
	return &outputLock{f: f}, nil
}

// release lets the next build of the output go on.
func (l *outputLock) release() {
	if l != nil {
		l.f.Close()
	}
}
