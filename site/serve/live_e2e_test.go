package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/lint"
)

const (
	e2eDoc  = "docs/a.md"
	e2ePage = "docs/a/index.html"
)

// e2ePageHTML is a page taller than the window, whose elements carry
// the source lines of e2eDoc.
func e2ePageHTML(title string) string {
	return `<!DOCTYPE html><html><head><title>` + title + `</title><link rel="stylesheet" href="../../style.css"></head><body>` +
		`<h1 data-kb-line="5">` + title + `</h1><p data-kb-line="7" style="height:3000px">tall</p>` +
		`<p data-kb-line="20" id="late">late</p><ul data-kb-line="30"><li data-kb-line="30">item</li></ul></body></html>`
}

// hookedPages calls onFile after each File of the page it watches.
type hookedPages struct {
	*fakePages
	onFile func(name string)
}

func (p hookedPages) File(name string) ([]byte, bool) {
	b, ok := p.fakePages.File(name)
	if p.onFile != nil {
		p.onFile(name)
	}
	return b, ok
}

// browserPage is a page of a preview server open in Chromium.
type browserPage struct {
	t       *testing.T
	ctx     context.Context
	s       *server
	snaps   *snapHolder
	streams atomic.Int32 // requests for /_kb/events
	base    string
}

func openPreview(t *testing.T, snap *Snapshot) *browserPage {
	ctx := kbtest.Browser(t)
	s, h := newTestServer(t, snap, serverOptions{})
	b := &browserPage{t: t, ctx: ctx, s: s, snaps: h}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_kb/events" {
			b.streams.Add(1)
		}
		s.ServeHTTP(w, r)
	}))
	// The streams end first, or Close waits for them.
	t.Cleanup(func() { s.Close(); ts.Close() })
	b.base = ts.URL
	return b
}

// waitFor evaluates expr until it is true, through reloads.
func (b *browserPage) waitFor(expr string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second) // a guard, not a bound
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.t.Fatalf("never true: %s", expr)
}

// waitStreams waits until the page's stream number n is the one open.
func (b *browserPage) waitStreams(n int32) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for b.streams.Load() < n || b.s.streams.open() != 1 {
		if time.Now().After(deadline) {
			b.t.Fatalf("%d streams asked for, %d open; want stream %d alone", b.streams.Load(), b.s.streams.open(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func e2eSnapshot(site Pages, gen uint64) *Snapshot {
	snap := newSnapshot(site, gen)
	snap.Findings[e2eDoc] = []lint.Diagnostic{
		{Pos: content.Pos{File: e2eDoc, Line: 3}, Rule: "schema/a", Severity: lint.Error, Message: "in front matter"},
		{Pos: content.Pos{File: e2eDoc, Line: 8}, Rule: "blameless/b", Severity: lint.Warning, Message: "in the tall paragraph"},
		{Pos: content.Pos{File: e2eDoc, Line: 25}, Rule: "actions/c", Severity: lint.Info, Message: "after the late paragraph"},
		{Pos: content.Pos{File: e2eDoc, Line: 31}, Rule: "actions/d", Severity: lint.Error, Message: "in the list item"},
	}
	return snap
}

func e2eSite(title, css string) *fakePages {
	return &fakePages{files: map[string]string{e2ePage: e2ePageHTML(title), "style.css": css},
		docs: map[string]string{e2ePage: e2eDoc}}
}

// TestLiveReloadInBrowser opens a page of the preview in Chromium: its
// findings link to their elements; a reload event reloads it at the same
// scroll position; a stylesheet-only event swaps the stylesheet without
// a reload.
func TestLiveReloadInBrowser(t *testing.T) {
	b := openPreview(t, e2eSnapshot(e2eSite("One", "h1 { color: rgb(200, 0, 0) }"), 1))
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(b.base+"/docs/a/")); err != nil {
		t.Fatal(err)
	}
	b.waitStreams(1)

	links := kbtest.Eval[string](t, b.ctx, `[...document.querySelectorAll("a.kb-preview-goto")].map(a => a.getAttribute("href")).join(" ")`)
	if links != "# #kb-preview-line-7 #late #kb-preview-line-30" {
		t.Errorf("finding links %q", links)
	}
	flags := kbtest.Eval[string](t, b.ctx, `[...document.querySelectorAll(".kb-preview-flagged")].map(e => e.tagName + ":" + e.className).join(" ")`)
	if flags != "P:kb-preview-flagged kb-preview-flag-warning P:kb-preview-flagged kb-preview-flag-info LI:kb-preview-flagged kb-preview-flag-error" {
		t.Errorf("flagged elements %q", flags)
	}

	// A reload event: the new page, at the same scroll position. The
	// browser's own restoring is turned off: the script restores it.
	kbtest.Eval[bool](t, b.ctx, `history.scrollRestoration = "manual", window.scrollTo(0, 1200), window.kbMarker = true`)
	b.snaps.set(e2eSnapshot(e2eSite("Two", "h1 { color: rgb(200, 0, 0) }"), 2))
	start := time.Now()
	b.s.Notify(Event{Gen: 2, Pages: []string{e2ePage}})
	b.waitFor(`document.readyState === "complete" && document.querySelector("h1").textContent === "Two" && window.kbMarker === undefined`)
	t.Logf("from Notify to the reloaded page: %v", time.Since(start))
	b.waitFor(`window.scrollY === 1200`)
	if gen := kbtest.Eval[string](t, b.ctx, `document.querySelector('meta[name="kb-gen"]').content`); gen != "2" {
		t.Errorf("reloaded page of gen %q, want 2", gen)
	}
	b.waitStreams(2)

	// A stylesheet-only event: the style changes, the page stays.
	kbtest.Eval[bool](t, b.ctx, `window.kbMarker = true`)
	b.snaps.set(e2eSnapshot(e2eSite("Two", "h1 { color: rgb(1, 2, 3) }"), 3))
	start = time.Now()
	b.s.Notify(Event{Gen: 3, CSS: true})
	b.waitFor(`getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`)
	t.Logf("from Notify to the new style: %v", time.Since(start))
	if !kbtest.Eval[bool](t, b.ctx, `window.kbMarker === true && window.scrollY === 1200`) {
		t.Errorf("the page reloaded or moved on a stylesheet change")
	}
	// Both links were swapped at once; each old one goes when its new
	// one has loaded, so wait for the second to go too.
	b.waitFor(`document.querySelectorAll('link[rel="stylesheet"]').length === 2`)
	hrefs := kbtest.Eval[string](t, b.ctx, `[...document.querySelectorAll('link[rel="stylesheet"]')].map(l => l.getAttribute("href")).join(" ")`)
	if !strings.Contains(hrefs, "/style.css?kb-reload=") || strings.Count(hrefs, "style.css") != 1 || strings.Count(hrefs, "preview.css") != 1 {
		t.Errorf("stylesheet links %q, want each once, under a new query", hrefs)
	}
}

// TestStalePageReloadsOnConnect checks that a page built before the gen
// its stream starts with reloads, once.
func TestStalePageReloadsOnConnect(t *testing.T) {
	site := e2eSite("Old", "")
	var b *browserPage
	var loads atomic.Int32
	pages := hookedPages{fakePages: site, onFile: func(name string) {
		// A rebuild lands between the page and its stream, once.
		if name == e2ePage && loads.Add(1) == 1 {
			b.snaps.set(e2eSnapshot(e2eSite("New", ""), 5))
		}
	}}
	b = openPreview(t, e2eSnapshot(pages, 4))
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+"/docs/a/")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(`document.readyState === "complete" && document.querySelector("h1").textContent === "New"`)
	b.waitStreams(2)
	if gen := kbtest.Eval[string](t, b.ctx, `document.querySelector('meta[name="kb-gen"]').content`); gen != "5" || loads.Load() != 1 {
		t.Errorf("page of gen %q after %d loads of the old site, want gen 5 after 1", gen, loads.Load())
	}
}

// TestOverlayInBrowser checks that the overlay covers the page and that
// its button hides it.
func TestOverlayInBrowser(t *testing.T) {
	snap := e2eSnapshot(e2eSite("Last good", ""), 1)
	snap.Stale[e2eDoc] = true
	snap.Errors[e2eDoc] = []*content.Error{{Pos: content.Pos{File: e2eDoc, Line: 2, Col: 8}, Msg: "not YAML",
		Context: []string{"---", "title: [x", "---"}, ContextStart: 1, ContextCol: 8}}
	b := openPreview(t, snap)
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(b.base+"/docs/a/")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(`document.readyState === "complete"`)
	covers := `(() => { const e = document.elementFromPoint(500, 350); return e !== null && e.closest(".kb-preview-overlay") !== null; })()`
	if !kbtest.Eval[bool](t, b.ctx, covers) {
		t.Errorf("the overlay does not cover the page")
	}
	if title := kbtest.Eval[string](t, b.ctx, `document.querySelector("h1").textContent`); title != "Last good" {
		t.Errorf("the page under the overlay is %q", title)
	}
	kbtest.Eval[bool](t, b.ctx, `document.querySelector("[data-kb-preview-close]").click(), true`)
	if kbtest.Eval[bool](t, b.ctx, covers) {
		t.Errorf("the overlay still covers the page after Hide")
	}
}
