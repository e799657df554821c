package site

import (
	"bytes"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/work"
	"github.com/kb-tools/kb/templates"
)

// Live is a site built in memory and brought up to date one change at a
// time, as kb serve needs: an update renders again only the pages the
// change touches. Its methods are called from one goroutine at a time;
// the LiveFiles they return may be read by any number at once.
type Live struct {
	opts    Options
	tpl     *layouts
	history map[string]*gitInfo
	// head is the commit the history was read at (History.Head).
	head  string
	model *model
	mem   *memory
	// sigs holds the signature of each page by file name, and byDoc the
	// page of each document by KB path, for the model of mem.
	sigs  map[string]uint64
	byDoc map[string]*page
	// siteSig is the signature of what every page showed of the site.
	siteSig uint64
	signer  *signer
	lessons *lessonCache
	renders int
	// updates counts the updates; searchUpdate is the count the static
	// search index was written at (noSearchYet before the first), and
	// searchFiles its files.
	updates, searchUpdate int
	searchFiles           map[string]bool
}

// LiveChange says what an update did.
type LiveChange struct {
	// Files names the files of the site that changed, appeared or went
	// away, sorted.
	Files []string
	// Rendered counts the pages rendered.
	Rendered int
	// Whole says every page was rendered: the layouts, or something every
	// page shows, changed.
	Whole bool
}

// NewLive builds kb's site in memory, but for its static search index,
// which SearchJob writes. opts.Out and the options of the output folder
// are not used. It returns once the home page is rendered: the other
// pages are rendered after, on a goroutine of its own, or when read
// (LiveFiles); Wait waits for them.
func NewLive(kb *content.KB, opts Options) (*Live, error) {
	tpl, err := loadLayouts(kb.Files.Templates)
	if err != nil {
		return nil, err
	}
	l := &Live{opts: opts, tpl: tpl, signer: newSigner(), lessons: newLessonCache(), mem: newMemory(), searchUpdate: noSearchYet}
	if !opts.NoGit {
		h := ReadHistory(kb.Root)
		l.history, l.head = h.info, h.head
	}
	if _, err := l.rebuildBy(l.renderFirst, kb, true, nil, nil); err != nil {
		return nil, err
	}
	go l.mem.first.run()
	return l, nil
}

// noSearchYet is Live.searchUpdate until a search job's index is put in:
// a new site has no static search index, which SearchStale reports.
const noSearchYet = -1

// Files returns the site as the last update left it.
func (l *Live) Files() LiveFiles { return LiveFiles{mem: l.mem} }

// Renders counts the pages rendered since the site was made.
func (l *Live) Renders() int { return l.renders }

// Update brings the site up to date with kb, the KB after the files at
// changed (KB-relative slash paths) changed, appeared or went away. On an
// error the site stays as it was.
func (l *Live) Update(kb *content.KB, changed []string) (LiveChange, error) {
	failed := l.settle()
	l.updates++
	// What partials rendered once for every page showed of the site
	// before may have changed.
	l.tpl.cached.reset()
	whole, style := failed, false
	for _, p := range changed {
		switch {
		case p == stylesheetOverride:
			style = true
		case strings.HasPrefix(p, "templates/") || p == content.ConfigFile:
			whole = true
		}
	}
	if whole {
		return l.rebuildWithLayouts(kb)
	}
	if style {
		// No page changes with the stylesheet: it is read again alone.
		css, err := templates.Read(kb.Files.Templates, "static/style.css")
		if err != nil {
			return LiveChange{}, err
		}
		l.tpl.css = css.Data
	}
	forced := l.linkersOf(kb, changed)
	if pages, ok := l.bodiesOnly(kb, changed, forced); ok {
		return l.renderBodies(kb, pages, changed)
	}
	return l.rebuild(kb, false, changed, forced)
}

// stylesheetOverride is the KB's own stylesheet, which replaces kb's.
const stylesheetOverride = "templates/static/style.css"

// Rebuild renders the whole site again from kb, with its layouts read
// again: for changes of which kb serve does not know the files (events
// were lost), and for new layouts or settings.
func (l *Live) Rebuild(kb *content.KB) (LiveChange, error) {
	l.settle()
	l.updates++
	return l.rebuildWithLayouts(kb)
}

// rebuildWithLayouts reads the layouts again and renders every page.
func (l *Live) rebuildWithLayouts(kb *content.KB) (LiveChange, error) {
	tpl, err := loadLayouts(kb.Files.Templates)
	if err != nil {
		return LiveChange{}, err
	}
	l.tpl = tpl
	return l.rebuild(kb, true, nil, nil)
}

// bodiesOnly returns the pages of the changed documents when nothing but
// their own pages can show the change: each was there before and is
// there still, and what other pages show of it is the same.
func (l *Live) bodiesOnly(kb *content.KB, changed []string, forced map[string]bool) (map[*page]*content.Doc, bool) {
	if len(kb.Docs) != len(l.model.docs) {
		return nil, false
	}
	newDocs := docsByPath(kb.Docs)
	out := map[*page]*content.Doc{}
	for _, p := range changed {
		old, was := l.byDoc[p]
		d, is := newDocs[p]
		switch {
		case !was && !is:
			continue // not a document: a linked file, or a file kb does not read
		case was != is:
			return nil, false
		case l.signer.doc(old.Doc).meta != l.signer.doc(d).meta:
			return nil, false
		}
		out[old] = d
	}
	for p := range forced {
		if old, ok := l.byDoc[p]; ok {
			out[old] = newDocs[p]
		}
	}
	return out, true
}

// renderBodies renders again the pages of documents whose bodies alone
// changed, each with its new document.
func (l *Live) renderBodies(kb *content.KB, pages map[*page]*content.Doc, changed []string) (LiveChange, error) {
	mem := l.mem.clone()
	l.model.kb = kb
	l.model.files.out = mem
	urls := maps.Clone(l.model.urls)
	var todo []*page
	for p, d := range pages {
		delete(urls, p.Doc)
		urls[d] = p.URL
		p.Doc, p.Durations, p.Content, p.bodyDone, p.bodyErr = d, durations(d), "", false, nil
		todo = append(todo, p)
	}
	var ch LiveChange
	if err := l.refreshFiles(kb, mem, changed, &ch); err != nil {
		return LiveChange{}, err
	}
	if !bytes.Equal(mem.files["style.css"], l.tpl.css) {
		mem.files["style.css"] = l.tpl.css
		ch.Files = append(ch.Files, "style.css")
	}
	if err := l.render(l.model, todo, mem, &ch); err != nil {
		return LiveChange{}, err
	}
	for _, p := range todo {
		l.sigs[pageFile(p.Path)] = l.signer.pageSig(p, l.signer.siteSig(l.model.sd), 0)
	}
	ch.Files = changedFiles(l.mem, mem, ch.Files)
	l.mem, l.model.urls = mem, urls
	l.signer.keepOnly(kb.Docs)
	return ch, nil
}

// rebuild works out the whole model again and renders the pages whose
// signature changed, or every page when whole; also the pages of the
// documents in forced, and the files among changed that the site copied.
func (l *Live) rebuild(kb *content.KB, whole bool, changed []string, forced map[string]bool) (LiveChange, error) {
	return l.rebuildBy(l.render, kb, whole, changed, forced)
}

// pageRender renders pages of a model into a memory, recording them in a
// LiveChange.
type pageRender func(m *model, pages []*page, mem *memory, ch *LiveChange) error

// rebuildBy is rebuild with the pages rendered by render.
func (l *Live) rebuildBy(render pageRender, kb *content.KB, whole bool, changed []string, forced map[string]bool) (LiveChange, error) {
	mem := newMemory()
	if !whole {
		mem = l.mem.clone()
	}
	for name := range l.searchFiles {
		mem.files[name] = l.mem.files[name] // the index stays until the next is written
	}
	var prev map[string]*page
	if !whole {
		prev = l.byDoc
	}
	m := newModel(kb, l.opts, l.history, mem, prev)
	var carry *similarCarry
	var trendsFrom *trendsCarry
	if !whole && l.model != nil {
		now := docsByPath(kb.Docs)
		carry = newSimilarCarry(l.model.docs, changed, now)
		trendsFrom = newTrendsCarry(l.model, changed, now)
	}
	m.finish(l.lessons, carry, trendsFrom)
	siteSig := l.signer.siteSig(m.sd)
	pages := m.all()
	names, pageSigs := l.pageSigs(m, pages, siteSig, whole)
	sigs := make(map[string]uint64, len(pages))
	var todo []*page
	for i, p := range pages {
		name, sig := names[i], pageSigs[i]
		sigs[name] = sig
		if old, ok := l.sigs[name]; whole || !ok || old != sig || (p.Doc != nil && forced[p.Doc.Path]) {
			todo = append(todo, p)
		}
	}
	ch := LiveChange{Whole: whole}
	if err := l.refreshFiles(kb, mem, changed, &ch); err != nil {
		return LiveChange{}, err
	}
	for name := range l.sigs {
		if _, ok := sigs[name]; !ok {
			delete(mem.files, name)
			ch.Files = append(ch.Files, name)
		}
	}
	if err := render(m, todo, mem, &ch); err != nil {
		return LiveChange{}, err
	}
	if err := l.writeRest(m, mem, &ch); err != nil {
		return LiveChange{}, err
	}
	mem.docOf = make(map[string]string, len(m.docs))
	mem.pageOf = make(map[string]string, len(m.docs))
	byDoc := make(map[string]*page, len(m.docs))
	for _, p := range m.docs {
		mem.docOf[pageFile(p.Path)] = p.Doc.Path
		mem.pageOf[p.Doc.Path] = pageFile(p.Path)
		byDoc[p.Doc.Path] = p
	}
	ch.Files = changedFiles(l.mem, mem, ch.Files)
	l.model, l.mem, l.sigs, l.byDoc, l.siteSig = m, mem, sigs, byDoc, siteSig
	l.signer.keepOnly(kb.Docs)
	live := make(map[string]bool, len(kb.Docs))
	for _, d := range kb.Docs {
		live[d.Path] = true
	}
	l.lessons.keepOnly(live)
	return ch, nil
}

// changedFiles returns those of names whose bytes differ between the site
// before (old) and after (cur), or that are in one of them only, sorted
// and once each: a page rendered again to the same bytes has not changed,
// and an open page need not reload for it.
func changedFiles(old, cur *memory, names []string) []string {
	seen := make(map[string]bool, len(names))
	out := names[:0]
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		was, inOld := old.files[name]
		is, inCur := cur.files[name]
		if inOld != inCur || !bytes.Equal(was, is) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// render renders pages into mem, recording them in ch.
func (l *Live) render(m *model, pages []*page, mem *memory, ch *LiveChange) error {
	hintSizes(pages, mem)
	if err := renderPages(pages, m.newRenderer, l.tpl, mem); err != nil {
		return err
	}
	l.renders += len(pages)
	ch.Rendered += len(pages)
	for _, p := range pages {
		ch.Files = append(ch.Files, fileOf(p))
	}
	return nil
}

// writeRest writes the stylesheet, scripts, feed and sitemap of m into
// mem, recording those that changed.
func (l *Live) writeRest(m *model, mem *memory, ch *LiveChange) error {
	rest := newMemory()
	if _, err := m.writeRest(l.tpl, rest); err != nil {
		return err
	}
	for name, data := range rest.files {
		if old, ok := mem.files[name]; !ok || !bytes.Equal(old, data) {
			mem.files[name] = data
			ch.Files = append(ch.Files, name)
		}
	}
	return nil
}

// refreshFiles copies again the linked files among changed that the site
// holds, or drops those that went away.
func (l *Live) refreshFiles(kb *content.KB, mem *memory, changed []string, ch *LiveChange) error {
	for _, rel := range changed {
		name := filesPrefix + rel
		if _, ok := mem.files[name]; !ok {
			continue
		}
		data, err := kb.Files.ReadFile(rel, kb.Config.Limits.File())
		if err != nil {
			delete(mem.files, name)
		} else {
			mem.files[name] = data
		}
		ch.Files = append(ch.Files, name)
	}
	return nil
}

// linkersOf returns the documents that link to a file among changed that
// is not a document and that appeared or went away: their pages link to
// its copy only while it is there.
func (l *Live) linkersOf(kb *content.KB, changed []string) map[string]bool {
	var targets map[string]bool
	for _, rel := range changed {
		if content.IsMarkdown(rel) || !kb.Config.PublishesFile(rel) {
			continue
		}
		_, held := l.mem.files[filesPrefix+rel]
		_, err := kb.Files.Stat(rel)
		if held != (err == nil) {
			if targets == nil {
				targets = map[string]bool{}
			}
			targets[rel] = true
		}
	}
	out := map[string]bool{}
	if targets == nil {
		return out
	}
	for _, d := range kb.Docs {
		for _, link := range d.Links {
			u, err := url.Parse(link.Dest)
			if err != nil {
				continue
			}
			if to, ok := content.LinkTarget(d.Path, u); ok && targets[to] {
				out[d.Path] = true
			}
		}
	}
	return out
}

func docsByPath(docs []*content.Doc) map[string]*content.Doc {
	out := make(map[string]*content.Doc, len(docs))
	for _, d := range docs {
		out[d.Path] = d
	}
	return out
}

// LiveSearch is the static search index of a live site, as a search job
// wrote it.
type LiveSearch struct {
	files map[string][]byte
	// update is the count of updates of the site the job saw.
	update int
}

// SearchStale reports whether the static search index lags behind the
// pages: updates since the last index put in with SetSearch.
func (l *Live) SearchStale() bool {
	return l.model.sd.Search && l.searchUpdate != l.updates
}

// SearchJob returns the work of writing the static search index of the
// site as it is now, which may run on any goroutine (it costs about a
// second on a KB of 10,000 documents); SetSearch puts its result in.
func (l *Live) SearchJob() func() (*LiveSearch, error) {
	kb, urls, update := l.model.kb, l.model.urls, l.updates
	return func() (*LiveSearch, error) {
		mem := newMemory()
		if err := searchIndex(kb, urls, mem)(); err != nil {
			return nil, err
		}
		return &LiveSearch{files: mem.files, update: update}, nil
	}
}

// SetSearch puts in the static search index a job wrote, in place of the
// one before, and returns the files that changed.
func (l *Live) SetSearch(s *LiveSearch) LiveChange {
	l.settle()
	mem := l.mem.clone()
	var ch LiveChange
	for name := range l.searchFiles {
		if _, ok := s.files[name]; !ok {
			delete(mem.files, name)
			ch.Files = append(ch.Files, name)
		}
	}
	names := make(map[string]bool, len(s.files))
	for name, data := range s.files {
		names[name] = true
		if old, ok := mem.files[name]; !ok || !bytes.Equal(old, data) {
			mem.files[name] = data
			ch.Files = append(ch.Files, name)
		}
	}
	l.mem, l.searchFiles, l.searchUpdate = mem, names, s.update
	sort.Strings(ch.Files)
	return ch
}

// pageSigs returns the file name and the signature of each of the pages
// of m, signed on all processors. The signatures of every document and of
// every postmortem's action rows are worked out first, one at a time, so
// that the signer is only read while the pages are signed.
func (l *Live) pageSigs(m *model, pages []*page, siteSig uint64, whole bool) ([]string, []uint64) {
	allSig := l.signer.allSig(m.docs)
	for _, p := range m.sd.Postmortems {
		l.signer.actions(p)
	}
	same := !whole && siteSig == l.siteSig
	names, sigs := make([]string, len(pages)), make([]uint64, len(pages))
	l.signer.frozen = true
	defer func() { l.signer.frozen = false }()
	work.Each(len(pages), func() func(int) bool {
		return func(i int) bool {
			p := pages[i]
			names[i] = fileOf(p)
			sig, ok := uint64(0), false
			if same {
				sig, ok = l.sameDocPage(p, names[i])
			}
			if !ok {
				sig = l.signer.pageSig(p, siteSig, allSig)
			}
			sigs[i] = sig
			return true
		}
	})
	return names, sigs
}

// sameDocPage returns the signature the document page p had in the last
// model, when it is sure to be the same: the same document (the very
// value: documents that did not change are shared between models) and
// the same related pages, each of the same document, with the same
// freshness and history. Comparing values costs far less than signing the
// page again.
func (l *Live) sameDocPage(p *page, name string) (uint64, bool) {
	if p.Doc == nil {
		return 0, false
	}
	old := l.byDoc[p.Doc.Path]
	sig, signed := l.sigs[name]
	if old == nil || !signed || old.Doc != p.Doc || old.URL != p.URL || old.Fresh != p.Fresh || old.Git != p.Git ||
		!slices.Equal(old.Missing, p.Missing) || !sameDocs(old.Runbooks, p.Runbooks) || !sameDocs(old.Similar, p.Similar) || !sameDocs(old.UsedBy, p.UsedBy) {
		return 0, false
	}
	return sig, true
}

// sameDocs reports whether two lists of pages are of the same documents
// at the same addresses, in order.
func sameDocs(a, b []*page) bool {
	return slices.EqualFunc(a, b, func(x, y *page) bool { return x.Doc == y.Doc && x.URL == y.URL })
}
