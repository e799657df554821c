package site

import (
	"errors"
	"os"
	"path/filepath"
)

// swapStep names a point of the swap, where a test may stop the process.
type swapStep string

const (
	// stepSwapStart: the working folder is marked complete; nothing is
	// renamed yet.
	stepSwapStart swapStep = "swap-start"
	// stepExchanged: the working folder and the target were exchanged.
	stepExchanged swapStep = "exchanged"
	// stepTargetAside: the fallback moved the old site to the swap folder.
	stepTargetAside swapStep = "target-aside"
	// stepWorkIn: the fallback moved the new site to the target.
	stepWorkIn swapStep = "work-in"
	// stepSwapDone: the swap is over, by whichever path.
	stepSwapDone swapStep = "swap-done"
)

// outputHooks are set by tests only: atStep is called at each step of the
// swap (a test kills the process there), and noExchange makes the swap
// take the fallback rename pair where the exchange would work.
type outputHooks struct {
	atStep     func(swapStep)
	noExchange bool
}

func (o *output) step(s swapStep) {
	if o.hooks.atStep != nil {
		o.hooks.atStep(s)
	}
}

// commit removes what the previous site had and this one does not, marks
// the working folder complete and swaps the new site in; the old one
// becomes the next working folder.
func (o *output) commit() error {
	if !o.fresh {
		if err := o.removeStale(); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(o.work, markerFile), []byte(markerComplete), 0o644); err != nil {
		return err
	}
	o.step(stepSwapStart)
	if err := o.swapIn(); err != nil {
		return err
	}
	o.step(stepSwapDone)
	return nil
}

// swapIn puts the working folder in the target's place in one step where
// the file system can exchange two names, else by the rename pair, which
// recoverSite completes when a build stops between its renames.
func (o *output) swapIn() error {
	st, err := folderAt(o.target)
	if err != nil {
		return err
	}
	if st == folderMissing {
		return os.Rename(o.work, o.target)
	}
	if !o.hooks.noExchange {
		err := exchange(o.work, o.target)
		if err == nil {
			o.step(stepExchanged)
			return nil
		}
		if !errors.Is(err, errNoExchange) {
			return err
		}
	}
	return o.renamePair()
}

// renamePair swaps by three renames: the old site aside, the new one in,
// the old one to the working folder.
func (o *output) renamePair() error {
	if err := removeOwned(o.swap, roleSwap); err != nil {
		return err
	}
	if err := os.Rename(o.target, o.swap); err != nil {
		return err
	}
	o.step(stepTargetAside)
	if err := os.Rename(o.work, o.target); err != nil {
		_ = os.Rename(o.swap, o.target) // the old site back; recoverSite would do it too
		return err
	}
	o.step(stepWorkIn)
	// The new site is in. Should this rename fail, the next build's
	// recoverSite moves the old site to the working folder.
	_ = os.Rename(o.swap, o.work)
	return nil
}

// recoverSite finishes the swap of a build that stopped part way. With
// the target missing (stopped between the renames of the fallback, or
// before the first build's rename), the last complete site is put back:
// the working folder's when it is complete (the new site), else the swap
// folder's (the old one). An old site left in the swap folder then goes
// back to be the working folder.
func recoverSite(pl place) error {
	st, err := folderAt(pl.target)
	if err != nil {
		return err
	}
	if st == folderMissing {
		for _, from := range []string{pl.work, pl.swap} {
			if isCompleteSite(from) {
				if err := os.Rename(from, pl.target); err != nil {
					return err
				}
				break
			}
		}
	}
	work, err := folderAt(pl.work)
	if err != nil {
		return err
	}
	swap, err := folderAt(pl.swap)
	if err != nil {
		return err
	}
	if work == folderMissing && (swap == folderKB || swap == folderEmpty) {
		return os.Rename(pl.swap, pl.work)
	}
	return nil
}

// errNoExchange says the file system cannot exchange two names in one
// step; the swap then takes the rename pair.
var errNoExchange = errors.New("exchanging two names is not supported here")
