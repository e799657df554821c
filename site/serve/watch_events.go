package serve

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// errEventsEnded is fsnotify's event channel closing while kb watches.
var errEventsEnded = errors.New("fsnotify stopped sending events")

// eventLoop turns fsnotify's events into groups of paths for the
// reporter. It watches every folder of the KB itself, as inotify watches
// are not recursive: a folder that appears is walked, its folders watched
// and its files taken as changed (a file written into a folder just made
// sends no event of its own).
type eventLoop struct {
	w   *Watcher
	fsw *fsnotify.Watcher
	// dirs are the folders watched.
	dirs map[string]bool
	// pending are the paths with events not handed on yet; true marks a
	// folder that went away, whose files the reporter looks at.
	pending     map[string]bool
	first, last time.Time
	timer       *time.Timer
	armed       bool
}

// newEventLoop makes an event loop with an fsnotify watcher of its own.
func newEventLoop(w *Watcher) (*eventLoop, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	return &eventLoop{w: w, fsw: fsw, dirs: map[string]bool{}, pending: map[string]bool{}, timer: timer}, nil
}

// close ends the fsnotify watcher.
func (l *eventLoop) close() error {
	l.timer.Stop()
	return l.fsw.Close()
}

// watchDir watches the folder rel.
func (l *eventLoop) watchDir(rel string) error {
	var err error
	if l.w.hooks.add != nil {
		err = l.w.hooks.add(l.fsw, l.w.abs(rel))
	} else {
		err = l.fsw.Add(l.w.abs(rel))
	}
	if err == nil {
		l.dirs[rel] = true
	}
	return err
}

// run takes events until the watcher is closed (nil) or watching fails
// (the reason).
func (l *eventLoop) run() error {
	for {
		var err error
		select {
		case <-l.w.done:
			return nil
		case ev, ok := <-l.fsw.Events:
			if !ok {
				return errEventsEnded
			}
			err = l.handle(ev)
		case ferr, ok := <-l.fsw.Errors:
			if !ok {
				return errEventsEnded
			}
			err = l.lost(ferr)
		case ferr := <-l.w.hooks.errs:
			err = l.lost(ferr)
		case <-l.w.hooks.hold:
			select {
			case <-l.w.hooks.hold:
			case <-l.w.done:
				return nil
			}
		case <-l.timer.C:
			l.armed = false
			l.flushIfDue()
		}
		if err != nil {
			return err
		}
	}
}

// handle takes one event.
func (l *eventLoop) handle(ev fsnotify.Event) error {
	rel := l.w.relOf(ev.Name)
	if rel == "" || rel == "." || ignoredName(path.Base(rel)) {
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			return l.addFolder(rel)
		}
	}
	if l.dirs[rel] {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			l.forget(rel)
			l.mark(rel, true)
		}
		return nil
	}
	if !l.w.ignored(rel, false) {
		l.mark(rel, false)
	}
	return nil
}

// addFolder watches a folder that appeared (made, moved in, checked out),
// with the folders inside it, and takes its files as changed.
func (l *eventLoop) addFolder(rel string) error {
	if l.w.ignored(rel, true) {
		return nil
	}
	t, err := l.w.walk(rel, l.watchDir)
	for _, f := range t.files {
		l.mark(f.rel, false)
	}
	return err
}

// forget stops watching the folder rel, which went away, and the folders
// inside it: a folder moved elsewhere keeps its inotify watches, which
// would name its files by their old paths.
func (l *eventLoop) forget(rel string) {
	prefix := rel + "/"
	for d := range l.dirs {
		if d == rel || strings.HasPrefix(d, prefix) {
			delete(l.dirs, d)
			_ = l.fsw.Remove(l.w.abs(d)) // already gone with the folder, mostly
		}
	}
}

// lost handles an error of fsnotify's: events may have been lost (an
// overflow of inotify's queue is the usual one), so every folder is
// watched again from a new walk and the reporter told to rescan.
func (l *eventLoop) lost(err error) error {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		l.w.note(fmt.Sprintf("watching the KB's files: %v; reading them all again", err))
	}
	for _, d := range l.fsw.WatchList() {
		_ = l.fsw.Remove(d)
	}
	l.dirs = map[string]bool{}
	l.pending = map[string]bool{}
	t, err := l.w.walk(".", l.watchDir)
	if err != nil {
		return err
	}
	l.w.handoff.put(nil, &t)
	return nil
}

// mark records an event of rel; dir says it is a folder that went away.
func (l *eventLoop) mark(rel string, dir bool) {
	now := time.Now()
	if len(l.pending) == 0 {
		l.first = now
	}
	l.pending[rel] = l.pending[rel] || dir
	l.last = now
	if !l.armed {
		l.armed = true
		l.timer.Reset(min(l.w.opts.Quiet, l.w.opts.MaxDelay))
	}
}

// flushIfDue hands the pending paths on once no event came for Quiet, or
// MaxDelay after the first; otherwise it waits again.
func (l *eventLoop) flushIfDue() {
	if len(l.pending) == 0 {
		return
	}
	due := l.last.Add(l.w.opts.Quiet)
	if limit := l.first.Add(l.w.opts.MaxDelay); limit.Before(due) {
		due = limit
	}
	if wait := time.Until(due); wait > 0 {
		l.armed = true
		l.timer.Reset(wait)
		return
	}
	l.w.handoff.put(l.pending, nil)
	l.pending = map[string]bool{}
}
