package serve

import (
	"time"

	"github.com/kb-tools/kb/site"
)

// historyPoll is how often the preview asks git whether HEAD moved: a
// commit changes no file the watcher sees, but it changes the last change
// each page shows.
const historyPoll = time.Second

// historyWatch tells the rebuild loop when the git history the pages show
// is no longer the work tree's (a commit, a branch checked out): it asks
// git for HEAD every historyPoll, and at once when poked, and reads the
// history again, on a goroutine of its own, when HEAD moved.
type historyWatch struct {
	root    string
	poke    chan struct{}
	changed chan *site.History
	done    chan struct{}
	exited  chan struct{}
}

// startHistoryWatch watches the history of the KB at root, whose pages
// show the history read at head.
func startHistoryWatch(root, head string) *historyWatch {
	h := &historyWatch{root: root, poke: make(chan struct{}, 1), changed: make(chan *site.History),
		done: make(chan struct{}), exited: make(chan struct{})}
	go h.run(head)
	return h
}

func (h *historyWatch) run(head string) {
	defer close(h.exited)
	tick := time.NewTicker(historyPoll)
	defer tick.Stop()
	for {
		select {
		case <-h.done:
			return
		case <-tick.C:
		case <-h.poke:
		}
		if site.GitHead(h.root) == head {
			continue
		}
		next := site.ReadHistory(h.root)
		select {
		case h.changed <- next:
			head = next.Head()
		case <-h.done:
			return
		}
	}
}

// check asks for a look at HEAD now, without waiting: a batch of changes
// may come of a checkout.
func (h *historyWatch) check() {
	if h == nil {
		return
	}
	select {
	case h.poke <- struct{}{}:
	default:
	}
}

// changes returns the histories read since HEAD moved; nil (never ready)
// when the preview shows no history.
func (h *historyWatch) changes() <-chan *site.History {
	if h == nil {
		return nil
	}
	return h.changed
}

// close stops the goroutine.
func (h *historyWatch) close() {
	if h == nil {
		return
	}
	close(h.done)
	<-h.exited
}
