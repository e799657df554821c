package serve

import (
	"errors"
	"hash/maphash"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/kb-tools/kb/content"
)

// handoff carries paths from the goroutine that watches (or polls) to the
// reporter without ever making it wait: paths handed on while the
// reporter is busy are merged with those waiting.
type handoff struct {
	mu sync.Mutex
	// paths are the paths waiting; true marks a folder that went away.
	paths map[string]bool
	// rescan is the walk of a rescan waiting, or nil.
	rescan *tree
	wake   chan struct{}
}

func newHandoff() *handoff { return &handoff{wake: make(chan struct{}, 1)} }

// put adds paths, and a rescan's walk when rescan is not nil; it owns
// paths from then on.
func (h *handoff) put(paths map[string]bool, rescan *tree) {
	h.mu.Lock()
	if rescan != nil {
		h.rescan = rescan
	}
	if h.paths == nil {
		h.paths = paths
	} else {
		for rel, dir := range paths {
			h.paths[rel] = h.paths[rel] || dir
		}
	}
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// take returns what is waiting and empties the handoff.
func (h *handoff) take() (map[string]bool, *tree) {
	h.mu.Lock()
	defer h.mu.Unlock()
	paths, rescan := h.paths, h.rescan
	h.paths, h.rescan = nil, nil
	return paths, rescan
}

// hashState says what a known file's hash is worth.
type hashState uint8

const (
	// hashed: sum is the hash of the content last read.
	hashed hashState = iota
	// unsettled: the file exists, but its content is not known: it is
	// still to be hashed, or it changed while its first hash was taken.
	unsettled
	// unreadable: the file exists but cannot be read.
	unreadable
)

// fileHash is what the reporter keeps of a file: 16 bytes and its path.
type fileHash struct {
	sum   uint64
	state hashState
}

// reporter decides which of the paths handed to it changed, by their
// content's hash, and sends the batches. It alone holds the hashes. While
// the files found by a walk are not all hashed, it hashes them a few at a
// time between the batches.
type reporter struct {
	w     *Watcher
	seed  maphash.Seed
	known map[string]fileHash
	// walked holds, for the files still to be hashed since the last walk,
	// their stat at the walk; todo lists them.
	walked map[string]statKey
	todo   []string
	// hashedOnce says w.hashed is closed.
	hashedOnce bool
}

// hashStep is how many files the reporter hashes between two looks at
// the handoff.
const hashStep = 64

func newReporter(w *Watcher, start tree) *reporter {
	r := &reporter{w: w, seed: maphash.MakeSeed()}
	r.reset(start)
	return r
}

// reset starts again from a walk: every file it found is unsettled until
// it is hashed.
func (r *reporter) reset(t tree) {
	r.known = make(map[string]fileHash, len(t.files))
	r.walked = make(map[string]statKey, len(t.files))
	r.todo = make([]string, 0, len(t.files))
	for _, f := range t.files {
		r.known[f.rel] = fileHash{state: unsettled}
		r.walked[f.rel] = f.key
		r.todo = append(r.todo, f.rel)
	}
}

// run sends batches until the watcher is closed.
func (r *reporter) run() {
	for {
		if len(r.todo) == 0 {
			r.doneHashing()
			select {
			case <-r.w.done:
				return
			case <-r.w.handoff.wake:
			}
		} else {
			select {
			case <-r.w.done:
				return
			case <-r.w.handoff.wake:
			default:
				r.hashSome(hashStep)
				continue
			}
		}
		if !r.report() {
			return
		}
	}
}

// doneHashing frees the walk's stat once every file is hashed.
func (r *reporter) doneHashing() {
	r.walked = nil
	r.todo = nil
	if !r.hashedOnce {
		r.hashedOnce = true
		close(r.w.hashed)
	}
}

// report takes the paths waiting and sends the batch of those that
// changed; false means the watcher was closed meanwhile.
func (r *reporter) report() bool {
	paths, rescan := r.w.handoff.take()
	if rescan != nil {
		r.reset(*rescan)
	}
	changed := map[string]bool{}
	for rel, dir := range paths {
		r.check(rel, dir, changed)
	}
	if rescan == nil && len(changed) == 0 {
		return true
	}
	b := Batch{Paths: make([]string, 0, len(changed)), Rescan: rescan != nil}
	for rel := range changed {
		b.Paths = append(b.Paths, rel)
	}
	slices.Sort(b.Paths)
	select {
	case r.w.batches <- b:
		return true
	case <-r.w.done:
		return false
	}
}

// readResult says what reading a path found.
type readResult uint8

const (
	present readResult = iota
	absent             // no file there (a folder is not a file)
	unread             // a file that cannot be read
)

// check reads rel, which had an event, and adds it to changed when its
// content is not the one known; dir says rel was a watched folder, whose
// known files went away with it unless they are still there.
func (r *reporter) check(rel string, dir bool, changed map[string]bool) {
	sum, res := r.read(rel)
	prev, had := r.known[rel]
	key, waiting := r.walked[rel]
	delete(r.walked, rel)
	switch res {
	case absent:
		delete(r.known, rel)
		if had {
			changed[rel] = true
		}
		if dir {
			r.checkUnder(rel, changed)
		}
	case unread:
		r.known[rel] = fileHash{state: unreadable}
		changed[rel] = true
	case present:
		r.known[rel] = fileHash{sum: sum}
		switch {
		case waiting:
			// Not hashed since the walk: its stat tells whether it changed.
			if r.w.lstatKey(rel) != key {
				changed[rel] = true
			}
		case !had || prev.state != hashed || prev.sum != sum:
			changed[rel] = true
		}
	}
}

// checkUnder checks the known files under the folder rel.
func (r *reporter) checkUnder(rel string, changed map[string]bool) {
	prefix := rel + "/"
	var under []string
	for k := range r.known {
		if strings.HasPrefix(k, prefix) {
			under = append(under, k)
		}
	}
	for _, k := range under {
		r.check(k, false, changed)
	}
}

// hashSome takes the first hashes of up to n files found by the last
// walk. A file whose stat is no longer the walk's changed since: it stays
// unsettled, and its event reports it.
func (r *reporter) hashSome(n int) {
	for ; n > 0 && len(r.todo) > 0; n-- {
		rel := r.todo[len(r.todo)-1]
		r.todo = r.todo[:len(r.todo)-1]
		key, waiting := r.walked[rel]
		if !waiting {
			continue // an event came first
		}
		delete(r.walked, rel)
		sum, res := r.read(rel)
		switch {
		case res == unread:
			r.known[rel] = fileHash{state: unreadable}
		case res == present && r.w.lstatKey(rel) == key:
			r.known[rel] = fileHash{sum: sum}
		}
	}
}

// read hashes the content of the KB file rel, read through content.Files
// (which reads no link out of the KB, no FIFO, no device).
func (r *reporter) read(rel string) (uint64, readResult) {
	data, err := r.w.files.ReadFile(rel, content.Limit{Bytes: hashLimit})
	if err == nil {
		return maphash.Bytes(r.seed, data), present
	}
	var fe *content.FileError
	if errors.Is(err, fs.ErrNotExist) || errors.As(err, &fe) && fe.Problem == content.FileMissing {
		return 0, absent
	}
	if info, serr := r.w.files.Stat(rel); serr == nil && info.IsDir() {
		return 0, absent
	}
	return 0, unread
}
