package serve

import (
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
	"github.com/kb-tools/kb/site"
)

// session is the state of one kb serve: the KB as last read, its site, its
// findings and its search index. Only the rebuild loop changes it; the
// handlers read the snapshot it publishes.
type session struct {
	opts    Options
	kb      *content.KB
	live    *site.Live
	checker *lint.Checker
	// good holds the last readable version of each document whose latest
	// version cannot be read: the site shows that one, under the error.
	good map[string]*content.Doc
	// docFindings are the findings of each document's own rules, and
	// kbFindings those of the rules over the whole KB.
	docFindings map[string][]lint.Diagnostic
	kbFindings  []lint.Diagnostic
	// templateErr is the error of layouts that do not render, shown on
	// every page until they do.
	templateErr error

	snap    atomic.Pointer[Snapshot]
	notify  func(Event)
	watcher *Watcher
	index   *searchIndex
	// history says when the git history the pages show is no longer
	// the work tree's; nil with Options.NoGit.
	history *historyWatch
	// searchDone brings back the static search index a job wrote; a job
	// runs while searching.
	searchDone chan *site.LiveSearch
	searching  bool
	// indexStale says the search index has not been asked for the
	// latest KB yet.
	indexStale bool
	// unreadable names the documents of kb that cannot be read
	// (unreadableDocs).
	unreadable map[string]bool
}

// newSession loads the KB of opts.Dir, builds its site's model and home
// page and starts watching it; start then checks it and starts indexing
// it, once the site is served, while the other pages are rendered.
func newSession(opts Options) (*session, error) {
	files, err := content.OpenFiles(opts.Dir)
	if err != nil {
		return nil, err
	}
	// The watcher starts first: every change made once it has walked the
	// KB is reported, even while the KB is loaded.
	watch := opts.Watch
	watch.Ignore = ignoreOutput(watch.Ignore)
	watcher, err := NewWatcher(files, watch)
	if err != nil {
		return nil, err
	}
	kb, err := content.Load(opts.Dir)
	if err != nil {
		watcher.Close()
		return nil, err
	}
	p := &session{opts: opts, kb: kb, watcher: watcher, good: map[string]*content.Doc{}, docFindings: map[string][]lint.Diagnostic{}, unreadable: unreadableDocs(kb),
		searchDone: make(chan *site.LiveSearch, 1), notify: func(Event) {}, index: newSearchIndex()}
	if p.live, err = site.NewLive(kb, p.siteOptions()); err != nil {
		watcher.Close()
		return nil, err
	}
	if !opts.NoGit {
		p.history = startHistoryWatch(opts.Dir, p.live.Head())
	}
	p.publish()
	return p, nil
}

// start does what the first page served need not wait for, while the
// site's pages are rendered: it lints the KB, shows the findings, and
// starts building the search index. The loop takes changes once every
// page is rendered.
func (p *session) start() error {
	if err := p.checkAll(p.kb); err != nil {
		return err
	}
	p.notify(Event{Gen: p.publish()})
	p.index.start(p.opts.Dir, p.kb)
	return nil
}

func (p *session) siteOptions() site.Options {
	return site.Options{Today: p.opts.Today, NoGit: p.opts.NoGit, SourceLines: true}
}

// ignoreOutput adds kb build's default output folder to what the watcher
// leaves out.
func ignoreOutput(also func(rel string, dir bool) bool) func(rel string, dir bool) bool {
	return func(rel string, dir bool) bool {
		if rel == "public" || len(rel) > len("public/") && rel[:len("public/")] == "public/" {
			return true
		}
		return also != nil && also(rel, dir)
	}
}

// checkAll lints every document of kb with a new checker.
func (p *session) checkAll(kb *content.KB) error {
	c, err := lint.NewChecker(kb, lint.Options{Today: p.opts.Today})
	if err != nil {
		return err
	}
	p.checker = c
	p.docFindings = c.Docs(kb.Docs)
	p.kbFindings = c.KB(kb)
	return nil
}

func (p *session) current() *Snapshot { return p.snap.Load() }

func (p *session) close() {
	p.history.close()
	if p.watcher != nil {
		p.watcher.Close()
	}
	if p.index != nil {
		p.index.close()
	}
}

// apply brings the preview up to date after a batch of changes, publishes
// the new snapshot and tells the open pages. It returns what it did, for
// the log.
func (p *session) apply(b Batch) (string, error) {
	start := time.Now()
	var next *content.KB
	var err error
	// A change of many files (a branch checked out) is read like one of a
	// few: only the files named are read again, and only the pages they
	// touch rendered, while the last site is still served. Lost events
	// leave nothing to go by but the whole KB.
	whole := b.Rescan
	if whole {
		next, err = content.Load(p.opts.Dir)
	} else {
		next, err = p.kb.Reload(b.Paths)
	}
	if err != nil {
		return "", err
	}
	config := whole || touchesConfig(b.Paths)
	if config {
		err = p.checkAll(next)
	} else {
		p.checkDocs(next, b.Paths)
	}
	if err != nil {
		return "", err
	}
	p.keepGood(next, b.Paths, whole)
	shown := p.shownKB(next)
	var ch site.LiveChange
	if b.Rescan {
		ch, err = p.live.Rebuild(shown)
	} else {
		ch, err = p.live.Update(shown, b.Paths)
	}
	p.templateErr = err
	p.kb = next
	gen := p.publish()
	if err == nil {
		p.notify(Event{Gen: gen, Pages: ch.Files, CSS: onlyStylesheet(ch.Files)})
	} else {
		p.notify(Event{Gen: gen})
	}
	took := time.Since(start)
	if !config {
		p.recheckKB()
	}
	// The search index is brought up to date by the loop a little later
	// (indexDelay): the pages that reload now come first.
	p.indexStale = true
	what := fmt.Sprintf("%d %s changed, %d %s rendered in %s", len(b.Paths), plural(len(b.Paths), "file", "files"),
		ch.Rendered, plural(ch.Rendered, "page", "pages"), took.Round(100*time.Microsecond))
	if b.Rescan {
		what = "files were read again (events were lost): " + what
	}
	return what, err
}

// historyChanged makes the pages show the git history h, read since HEAD
// moved, publishes the new snapshot and tells the open pages.
func (p *session) historyChanged(h *site.History) {
	ch, err := p.live.SetHistory(h)
	if err != nil {
		p.templateErr = err
	} else if len(ch.Files) == 0 {
		return // no page shows what moved
	}
	gen := p.publish()
	p.notify(Event{Gen: gen, Pages: ch.Files, CSS: onlyStylesheet(ch.Files)})
}

// checkDocs lints the documents among paths again with the rules that
// look at one document at a time.
func (p *session) checkDocs(kb *content.KB, paths []string) {
	byPath := make(map[string]*content.Doc, len(paths))
	for _, d := range kb.Docs {
		byPath[d.Path] = d
	}
	var docs []*content.Doc
	var gone []string
	for _, path := range paths {
		if d, ok := byPath[path]; ok {
			docs = append(docs, d)
		} else if _, was := p.docFindings[path]; was {
			gone = append(gone, path)
		}
	}
	for path, ds := range p.checker.Docs(docs) {
		p.docFindings[path] = ds
	}
	for _, path := range gone {
		delete(p.docFindings, path)
	}
	p.checker.Forget(gone)
}

// recheckKB runs the rules over the whole KB again, after the pages of a
// change were shown: they cost tens of milliseconds on a large KB, and
// what they find seldom changes with an edit. When it does, the pages of
// the documents whose findings changed are told again.
func (p *session) recheckKB() {
	before := groupByFile(p.kbFindings)
	p.kbFindings = p.checker.KB(p.kb)
	after := groupByFile(p.kbFindings)
	var pages []string
	for path := range unionKeys(before, after) {
		if !slices.EqualFunc(before[path], after[path], sameFinding) {
			if name, ok := p.live.Files().PageOf(path); ok {
				pages = append(pages, name)
			}
		}
	}
	if len(pages) > 0 {
		sort.Strings(pages)
		p.notify(Event{Gen: p.publish(), Pages: pages})
	}
}

func groupByFile(ds []lint.Diagnostic) map[string][]lint.Diagnostic {
	out := map[string][]lint.Diagnostic{}
	for _, d := range ds {
		out[d.Pos.File] = append(out[d.Pos.File], d)
	}
	return out
}

func unionKeys(a, b map[string][]lint.Diagnostic) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// sameFinding reports two findings that a page shows alike.
func sameFinding(a, b lint.Diagnostic) bool {
	return a.Pos == b.Pos && a.Rule == b.Rule && a.Severity == b.Severity && a.Message == b.Message && a.Suggestion == b.Suggestion
}

func touchesConfig(paths []string) bool {
	for _, path := range paths {
		if path == content.ConfigFile {
			return true
		}
	}
	return false
}

// keepGood records, for each changed document that cannot be read now,
// the last version that could, and forgets those that can be read again.
func (p *session) keepGood(next *content.KB, paths []string, whole bool) {
	unreadable, wasUnreadable := unreadableDocs(next), p.unreadable
	p.unreadable = unreadable
	if whole {
		paths = paths[:0:0]
		for _, d := range next.Docs {
			paths = append(paths, d.Path)
		}
	}
	for _, path := range paths {
		switch {
		case !unreadable[path]:
			delete(p.good, path)
		case p.good[path] != nil:
			// the last good version stays
		case !wasUnreadable[path]:
			if d := p.kb.DocAt(path); d != nil {
				p.good[path] = d
			}
		}
	}
	for path := range p.good {
		if !unreadable[path] {
			delete(p.good, path)
		}
	}
}

// unreadableDocs names the documents of kb whose front matter, or whole
// file, could not be read.
func unreadableDocs(kb *content.KB) map[string]bool {
	out := map[string]bool{}
	for _, d := range kb.Docs {
		if d.FrontMatterBroken {
			out[d.Path] = true
		}
	}
	for _, e := range kb.Errors {
		if e.Kind == content.ErrorUnreadable && content.IsMarkdown(e.Pos.File) {
			out[e.Pos.File] = true
		}
	}
	return out
}

// shownKB is kb with the last good version of each unreadable document in
// place of its latest.
func (p *session) shownKB(kb *content.KB) *content.KB {
	if len(p.good) == 0 {
		return kb
	}
	shown := *kb
	shown.Docs = append([]*content.Doc(nil), kb.Docs...)
	seen := map[string]bool{}
	for i, d := range shown.Docs {
		if g := p.good[d.Path]; g != nil {
			shown.Docs[i] = g
			seen[d.Path] = true
		}
	}
	for path, g := range p.good {
		if !seen[path] {
			shown.Docs = append(shown.Docs, g) // a file no longer read at all
		}
	}
	sort.Slice(shown.Docs, func(i, j int) bool { return shown.Docs[i].Path < shown.Docs[j].Path })
	return &shown
}

// publish makes the snapshot of the preview as it is now the one served,
// and returns its generation.
func (p *session) publish() uint64 {
	var gen uint64 = 1
	if old := p.snap.Load(); old != nil {
		gen = old.Gen + 1
	}
	p.publishAs(gen)
	return gen
}

// publishAs makes the snapshot of the preview as it is now the one
// served, as build gen.
func (p *session) publishAs(gen uint64) {
	s := &Snapshot{Gen: gen, Site: p.live.Files(), Findings: p.findings(), Errors: map[string][]*content.Error{}, Stale: map[string]bool{}}
	for _, e := range p.kb.Errors {
		if e.Kind == content.ErrorUnreadable || e.Kind == content.ErrorConfig {
			s.Errors[e.Pos.File] = append(s.Errors[e.Pos.File], e)
		}
	}
	for path := range p.unreadable {
		s.Stale[path] = true
	}
	if p.templateErr != nil {
		s.Errors["templates/"] = append(s.Errors["templates/"], &content.Error{Pos: content.Pos{File: "templates/"}, Kind: content.ErrorConfig, Msg: p.templateErr.Error()})
	}
	p.snap.Store(s)
}

// findings merges each document's findings with those of the rules over
// the whole KB, by document.
func (p *session) findings() map[string][]lint.Diagnostic {
	out := make(map[string][]lint.Diagnostic, len(p.docFindings))
	for path, ds := range p.docFindings {
		out[path] = ds
	}
	extra := map[string]bool{}
	for _, d := range p.kbFindings {
		out[d.Pos.File] = append(out[d.Pos.File][:len(out[d.Pos.File]):len(out[d.Pos.File])], d)
		extra[d.Pos.File] = true
	}
	for path := range extra {
		ds := out[path]
		sort.SliceStable(ds, func(i, j int) bool {
			if ds[i].Pos.Line != ds[j].Pos.Line {
				return ds[i].Pos.Line < ds[j].Pos.Line
			}
			return ds[i].Pos.Col < ds[j].Pos.Col
		})
	}
	return out
}

// onlyStylesheet reports a change of the stylesheet and nothing else,
// which pages take without a reload.
func onlyStylesheet(files []string) bool {
	return len(files) == 1 && files[0] == "style.css"
}

// startSearchJob starts writing the static search index again when it
// lags behind the pages and no job is running.
func (p *session) startSearchJob() {
	if p.searching || !p.live.SearchStale() {
		return
	}
	p.searching = true
	job := p.live.SearchJob()
	go func() {
		s, err := job()
		if err != nil {
			s = nil
		}
		p.searchDone <- s
	}()
}

// searchWritten puts in the static search index a job wrote.
func (p *session) searchWritten(s *site.LiveSearch) {
	p.searching = false
	if s != nil {
		// The same build, with its search index: open pages, which
		// show that build, have no reason to reload (a page whose
		// events start with a newer gen reloads).
		p.live.SetSearch(s)
		p.publishAs(p.snap.Load().Gen)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
