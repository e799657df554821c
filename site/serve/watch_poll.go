package serve

import (
	"fmt"
	"time"
)

// poll walks the tree every Poll until the watcher is closed, handing the
// reporter the files whose stat (size, time of change, inode) changed,
// that appeared or that went away since the walk before; prev is the
// stat of the walk that started the polling.
func (w *Watcher) poll(prev map[string]statKey) {
	tick := time.NewTicker(w.opts.Poll)
	defer tick.Stop()
	failing := false
	for {
		select {
		case <-w.done:
			return
		case <-tick.C:
		}
		t, err := w.walk(".", nil)
		if err != nil {
			if !failing {
				w.note(fmt.Sprintf("cannot read the KB folder: %v", err))
			}
			failing = true
			continue
		}
		failing = false
		cur := t.keys()
		if changed := statChanges(prev, cur); len(changed) > 0 {
			w.handoff.put(changed, nil)
		}
		prev = cur
	}
}

// statChanges lists the paths whose stat differs between two walks, or
// that only one of them found.
func statChanges(prev, cur map[string]statKey) map[string]bool {
	changed := map[string]bool{}
	for rel, key := range cur {
		if old, ok := prev[rel]; !ok || old != key {
			changed[rel] = false
		}
	}
	for rel := range prev {
		if _, ok := cur[rel]; !ok {
			changed[rel] = false
		}
	}
	return changed
}
