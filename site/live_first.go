package site

import (
	"bytes"
	"strings"
	"sync"

	"github.com/kb-tools/kb/internal/work"
)

// firstRender is the rendering of a new live site's pages, all but the
// home page, which goes on after NewLive returns: a goroutine of its own
// renders them in turn, on all processors, and a page asked for before
// it gets there is rendered at once by the goroutine that asks. Each page
// is rendered once, into the memory of the site, whoever asks first.
type firstRender struct {
	mem *memory
	tpl *layouts
	// pages holds the pages to render by file name, and order the same
	// in the order the goroutine takes them; neither changes once made.
	pages map[string]*pendingPage
	order []*pendingPage
	// kits holds renderers for the pages rendered on request.
	kits sync.Pool
	// done is closed once every page is rendered; err is then the error
	// of the first page in order that could not be.
	done chan struct{}
	err  error
}

// pendingPage is one page of a first render.
type pendingPage struct {
	p    *page
	once sync.Once
	err  error
}

// renderKit is what one goroutine renders pages with.
type renderKit struct {
	r   *bodyRenderer
	buf bytes.Buffer
}

// newFirstRender returns the rendering of pages of m into mem, not yet
// started.
func newFirstRender(m *model, tpl *layouts, mem *memory, pages []*page) *firstRender {
	f := &firstRender{mem: mem, tpl: tpl, pages: make(map[string]*pendingPage, len(pages)), done: make(chan struct{})}
	f.kits.New = func() any { return &renderKit{r: m.newRenderer()} }
	for _, p := range pages {
		e := &pendingPage{p: p}
		f.pages[fileOf(p)] = e
		f.order = append(f.order, e)
	}
	return f
}

// run renders every page not rendered yet, then closes done.
func (f *firstRender) run() {
	work.Each(len(f.order), func() func(int) bool {
		kit := f.kits.New().(*renderKit)
		return func(i int) bool {
			f.render(f.order[i], kit)
			return true
		}
	})
	for _, e := range f.order {
		if e.err != nil {
			f.err = e.err
			break
		}
	}
	close(f.done)
}

// render renders the page of e, unless it was rendered already, and
// returns the error rendering it. Once it returns the page is written.
func (f *firstRender) render(e *pendingPage, kit *renderKit) error {
	e.once.Do(func() { e.err = renderPage(kit.r, f.tpl, f.mem, e.p, &kit.buf) })
	return e.err
}

// finished reports whether every page is rendered.
func (f *firstRender) finished() bool {
	select {
	case <-f.done:
		return true
	default:
		return false
	}
}

// wait waits until every page is rendered and returns the error of the
// first that could not be.
func (f *firstRender) wait() error {
	<-f.done
	return f.err
}

// file returns the file name of the site while pages are still to
// render: a page not rendered yet is rendered now, and a linked file,
// which the page linking to it copies when it is rendered, is waited for
// unless already there.
func (f *firstRender) file(name string) ([]byte, bool) {
	if e, ok := f.pages[name]; ok {
		kit := f.kits.Get().(*renderKit)
		err := f.render(e, kit)
		f.kits.Put(kit)
		if err != nil {
			return nil, false
		}
	}
	data, ok := f.mem.read(name)
	if !ok && strings.HasPrefix(name, filesPrefix) {
		f.wait()
		data, ok = f.mem.files[name]
	}
	return data, ok
}

// renderFirst renders the home page among pages into mem and leaves the
// others to a first render of mem, which NewLive starts.
func (l *Live) renderFirst(m *model, pages []*page, mem *memory, ch *LiveChange) error {
	var home, rest []*page
	for _, p := range pages {
		if fileOf(p) == "index.html" {
			home = append(home, p)
		} else {
			rest = append(rest, p)
		}
	}
	if err := l.render(m, home, mem, ch); err != nil {
		return err
	}
	mem.first = newFirstRender(m, l.tpl, mem, rest)
	l.renders += len(rest)
	ch.Rendered += len(rest)
	for _, p := range rest {
		ch.Files = append(ch.Files, fileOf(p))
	}
	return nil
}

// Wait waits until every page of the site is rendered (NewLive leaves
// all but the home page to render after it returns) and returns the
// error of the first page that could not be. The next update renders
// every page again when one could not.
func (l *Live) Wait() error {
	if l.mem.first == nil {
		return nil
	}
	return l.mem.first.wait()
}

// Rendered returns a channel closed once every page of the site is
// rendered (at once on a site made whole, which has no pages to come).
func (l *Live) Rendered() <-chan struct{} {
	if l.mem.first == nil {
		done := make(chan struct{})
		close(done)
		return done
	}
	return l.mem.first.done
}

// settle waits until every page of the site is rendered, before the
// site is changed, and reports whether a page could not be.
func (l *Live) settle() bool { return l.Wait() != nil }
