package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
)

// searchSite builds the KB in dir and serves it under /kb/ on loopback;
// it returns the site's address and its folder.
func searchSite(t *testing.T, dir string) (base, out string) {
	t.Helper()
	out = buildDir(t, dir, Options{BaseURL: "http://127.0.0.1/kb/", NoGit: true})
	srv := httptest.NewServer(http.StripPrefix("/kb", http.FileServer(http.Dir(out))))
	t.Cleanup(srv.Close)
	return srv.URL + "/kb/", out
}

// do runs browser actions, failing the test on an error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// waitFor waits until the script expr is true, through page loads.
func waitFor(t *testing.T, ctx context.Context, expr string) error {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s is not true after 10 s (%v)", expr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// searchShown waits until the search page has shown results after the
// count rendered (see SearchPage.rendered) and nothing is under way.
func searchShown(t *testing.T, ctx context.Context, after int) {
	t.Helper()
	expr := fmt.Sprintf(`!!(globalThis.kbSearch && kbSearch.page && kbSearch.page.rendered > %d && !kbSearch.page.busy())`, after)
	if err := waitFor(t, ctx, expr); err != nil {
		t.Fatalf("no results shown: %v (status %q)", err, kbtest.Eval[string](t, ctx, `(document.getElementById("kb-status")||{}).innerText`))
	}
}

func renderedCount(t *testing.T, ctx context.Context) int {
	return kbtest.Eval[int](t, ctx, `(globalThis.kbSearch && kbSearch.page) ? kbSearch.page.rendered : 0`)
}

// shownHits reads the results on screen: the titles' text.
func shownHits(t *testing.T, ctx context.Context) []string {
	return kbtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#kb-results li.hit a.title")].map(a => a.textContent)`)
}

// facetCounts reads the facet values on screen: "facet=value" → count.
func facetCounts(t *testing.T, ctx context.Context) map[string]int {
	return kbtest.Eval[map[string]int](t, ctx, `Object.fromEntries([...document.querySelectorAll("#kb-facets input[type=checkbox]")].map(i =>
		[i.name + "=" + i.value, Number(i.parentElement.querySelector(".count").textContent)]))`)
}

// shownTotal reads the number of results the status line gives.
func shownTotal(t *testing.T, ctx context.Context) int {
	return kbtest.Eval[int](t, ctx, `Number((document.getElementById("kb-status").innerText.match(/(\d+) results?/) || [0, -1])[1])`)
}

// pressSlash presses "/" as a keyboard does: one keyDown that carries the
// text, which the page may cancel (chromedp's KeyEvent sends the text in a
// separate event that no keydown handler can stop).
func pressSlash() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/",
			UnmodifiedText: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	})
}

// facetOracle works out, from the documents themselves, what a search
// must show: the documents that hold any term of the query, filtered
// (any value within a facet, every facet), and each facet value's count
// among the hits that pass every other facet's filter.
type facetOracle struct {
	docs []index.Document
}

func newFacetOracle(t *testing.T, dir string) facetOracle {
	t.Helper()
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	urls := URLs(kb.Docs)
	var o facetOracle
	for _, d := range kb.Docs {
		o.docs = append(o.docs, index.NewDocument(d, urls[d]))
	}
	return o
}

func (o facetOracle) values(d *index.Document, facet string) []string {
	switch facet {
	case "kind":
		return []string{d.Kind}
	case "severity":
		return []string{d.Severity}
	case "service":
		return d.Services
	case "tag":
		return d.Tags
	}
	return d.Owners
}

func (o facetOracle) has(d *index.Document, facet string, wanted []string) bool {
	for _, v := range o.values(d, facet) {
		for _, w := range wanted {
			if v != "" && strings.EqualFold(v, w) {
				return true
			}
		}
	}
	return false
}

// search returns the number of hits and the count of every facet value.
func (o facetOracle) search(query string, filters map[string][]string) (int, map[string]int) {
	a := index.Analyzer()
	q := index.Terms(a, query)
	total, counts := 0, map[string]int{}
	for i := range o.docs {
		d := &o.docs[i]
		hit := false
		for _, text := range []string{d.Title, d.Names, d.Body} {
			for _, term := range index.Terms(a, text) {
				hit = hit || slices.Contains(q, term)
			}
		}
		if !hit {
			continue
		}
		failed := map[string]bool{}
		for facet, wanted := range filters {
			if !o.has(d, facet, wanted) {
				failed[facet] = true
			}
		}
		if len(failed) == 0 {
			total++
		}
		for _, facet := range []string{"kind", "severity", "service", "tag", "owner"} {
			if len(failed) > 1 || len(failed) == 1 && !failed[facet] {
				continue
			}
			seen := map[string]bool{}
			for _, v := range o.values(d, facet) {
				if v != "" && !seen[strings.ToLower(v)] {
					seen[strings.ToLower(v)] = true
					counts[facet+"="+strings.ToLower(v)]++
				}
			}
		}
	}
	return total, counts
}

// checkFacets compares the counts on screen with the oracle's.
func checkFacets(t *testing.T, ctx context.Context, o facetOracle, query string, filters map[string][]string) {
	t.Helper()
	wantTotal, want := o.search(query, filters)
	if got := shownTotal(t, ctx); got != wantTotal {
		t.Errorf("%q %v: %d results shown, want %d", query, filters, got, wantTotal)
	}
	got := facetCounts(t, ctx)
	if len(got) == 0 {
		t.Fatalf("%q: no facet values on screen", query)
	}
	for key, n := range got {
		facet, value, _ := strings.Cut(key, "=")
		if w := want[facet+"="+strings.ToLower(value)]; n != w {
			t.Errorf("%q %v: %s shows %d, want %d", query, filters, key, n, w)
		}
	}
}

// clickFacet clicks the checkbox of one facet value and waits for the
// results.
func clickFacet(t *testing.T, ctx context.Context, facet, value string) {
	t.Helper()
	before := renderedCount(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#kb-facets input[name=%q][value=%q]`, facet, value))))
	searchShown(t, ctx, before)
}

// TestSearchInBrowser drives the search of the example KB, served under a
// sub-path, in Chromium: / from a document page, a typed query and its
// results, facets against the documents, the URL and a reload of it,
// the keyboard, a typo, and the page opened from a file.
func TestSearchInBrowser(t *testing.T) {
	ctx := kbtest.Browser(t)
	base, out := searchSite(t, "../examples/acme")
	oracle := newFacetOracle(t, "../examples/acme")
	do(t, ctx, chromedp.EmulateViewport(1200, 900))

	t.Run("slash from a document page", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(base+"runbooks/cache-stampede/"), chromedp.WaitVisible(chromedp.CSS("header.site form.search")),
			pressSlash())
		if !kbtest.Eval[bool](t, ctx, `document.activeElement === document.querySelector("header.site form.search input[name=q]")`) {
			t.Fatal("/ did not focus the header's search box")
		}
		do(t, ctx, chromedp.KeyEvent("disk full"), chromedp.KeyEvent(kb.Enter))
		searchShown(t, ctx, 0)
		if loc := kbtest.Eval[string](t, ctx, `location.pathname + location.search`); loc != "/kb/search/?q=disk+full" {
			t.Errorf("the header form led to %s", loc)
		}
		if hits := shownHits(t, ctx); len(hits) == 0 || !strings.Contains(hits[0], "disk") {
			t.Errorf("results for disk full: %q", hits)
		}
	})

	t.Run("typed query", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(base+"search/"), chromedp.WaitVisible(chromedp.CSS("#kb-q")))
		before := renderedCount(t, ctx)
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#kb-q"), "payments database failover"))
		searchShown(t, ctx, before)
		hits := shownHits(t, ctx)
		if len(hits) == 0 || hits[0] != "Payments database failover" {
			t.Errorf("results %q, want the runbook Payments database failover first", hits)
		}
		marks := kbtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#kb-results mark")].map(m => m.textContent.toLowerCase())`)
		if !slices.Contains(marks, "failover") || !slices.Contains(marks, "payments") {
			t.Errorf("marked words %q, want payments and failover among them", marks)
		}
		// The last word is a prefix while typing.
		before = renderedCount(t, ctx)
		kbtest.Eval[string](t, ctx, `document.getElementById("kb-q").value = ""`)
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#kb-q"), "stampe"))
		searchShown(t, ctx, before)
		if hits := shownHits(t, ctx); len(hits) == 0 || !strings.Contains(strings.ToLower(hits[0]), "stampede") {
			t.Errorf("results for the prefix stampe: %q", hits)
		}
	})

	t.Run("facets and the URL", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(base+"search/?q=database+outage"))
		searchShown(t, ctx, 0)
		checkFacets(t, ctx, oracle, "database outage", nil)
		clickFacet(t, ctx, "severity", "SEV1")
		checkFacets(t, ctx, oracle, "database outage", map[string][]string{"severity": {"SEV1"}})
		clickFacet(t, ctx, "severity", "SEV2")
		checkFacets(t, ctx, oracle, "database outage", map[string][]string{"severity": {"SEV1", "SEV2"}})
		clickFacet(t, ctx, "service", "checkout")
		filters := map[string][]string{"severity": {"SEV1", "SEV2"}, "service": {"checkout"}}
		checkFacets(t, ctx, oracle, "database outage", filters)
		if n, _ := oracle.search("database outage", filters); n == 0 {
			t.Fatal("the filters leave no document: the test checks nothing")
		}
		loc := kbtest.Eval[string](t, ctx, `location.search`)
		if loc != "?q=database+outage&severity=SEV1&severity=SEV2&service=checkout" {
			t.Errorf("URL %s does not keep the query and the filters", loc)
		}
		hits := shownHits(t, ctx)
		do(t, ctx, chromedp.Reload())
		searchShown(t, ctx, 0)
		if again := shownHits(t, ctx); !slices.Equal(again, hits) {
			t.Errorf("after a reload: %q, before: %q", again, hits)
		}
		checked := kbtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#kb-facets input:checked")].map(i => i.name + "=" + i.value)`)
		if slices.Sort(checked); !slices.Equal(checked, []string{"service=checkout", "severity=SEV1", "severity=SEV2"}) {
			t.Errorf("after a reload the filters checked are %q", checked)
		}
		checkFacets(t, ctx, oracle, "database outage", filters)
	})

	t.Run("keyboard", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(base+"search/?q=cache"))
		searchShown(t, ctx, 0)
		do(t, ctx, chromedp.Focus(chromedp.CSS("#kb-q")), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
		second := kbtest.Eval[string](t, ctx, `document.querySelectorAll("#kb-results a.title")[1].href`)
		if got := kbtest.Eval[string](t, ctx, `document.activeElement.href || ""`); got != second {
			t.Fatalf("two arrows down focus %q, want the second result %q", got, second)
		}
		do(t, ctx, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
		if !kbtest.Eval[bool](t, ctx, `document.activeElement === document.getElementById("kb-q")`) {
			t.Error("arrows up from the first result do not return to the box")
		}
		do(t, ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		if err := waitFor(t, ctx, fmt.Sprintf(`location.href === %q`, second)); err != nil {
			t.Errorf("Enter on the second result did not open %s: at %s", second, kbtest.Eval[string](t, ctx, `location.href`))
		}
	})

	t.Run("typo", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(base+"search/?q=failovr"))
		searchShown(t, ctx, 0)
		status := kbtest.Eval[string](t, ctx, `document.getElementById("kb-status").innerText`)
		if !strings.Contains(status, "showing results for failover") || len(shownHits(t, ctx)) == 0 {
			t.Errorf("status %q, hits %q: want results for the corrected word", status, shownHits(t, ctx))
		}
	})

	t.Run("file", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/search/index.html?q=disk"))
		searchShown(t, ctx, 0)
		status := kbtest.Eval[string](t, ctx, `document.getElementById("kb-status").innerText`)
		if !strings.Contains(status, "opened from a file") || !strings.Contains(status, "static host") {
			t.Errorf("from file:// the page says %q", status)
		}
	})
}

// TestSearchShowsTextNotHTML checks that a title and a body holding HTML
// are shown as text in the results, with the words marked, and run
// nothing.
func TestSearchShowsTextNotHTML(t *testing.T) {
	ctx := kbtest.Browser(t)
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- runbooks/x.md --
---
title: "Disk <img src=x onerror=window.pwned=1> full"
---
The disk <b onclick=1>filled</b> & <script>window.pwned=2</script> stopped.
`)
	base, _ := searchSite(t, dir)
	do(t, ctx, chromedp.Navigate(base+"search/?q=disk+filled"))
	searchShown(t, ctx, 0)
	if n := kbtest.Eval[int](t, ctx, `document.querySelectorAll("#kb-results img, #kb-results b, #kb-results script").length`); n != 0 {
		t.Errorf("%d elements made from the document's text", n)
	}
	if kbtest.Eval[bool](t, ctx, `"pwned" in window`) {
		t.Error("the document's text ran")
	}
	if title := shownHits(t, ctx); len(title) != 1 || title[0] != "Disk <img src=x onerror=window.pwned=1> full" {
		t.Errorf("title shown as %q", title)
	}
	if marks := kbtest.Eval[int](t, ctx, `document.querySelectorAll("#kb-results mark").length`); marks < 2 {
		t.Errorf("%d words marked", marks)
	}
}

// TestSearchScreens keeps screenshots of the search page with results and
// filters on a desktop and on a phone, light and dark (in
// $KB_SCREENSHOT_DIR when set), and checks that the phone page does not
// scroll sideways.
func TestSearchScreens(t *testing.T) {
	ctx := kbtest.Browser(t)
	base, _ := searchSite(t, "../examples/acme")
	shots := os.Getenv("KB_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	for _, sc := range []struct {
		name          string
		width, height int64
		dark          bool
	}{{"search-desktop", 1200, 900, false}, {"search-phone", 390, 844, false}, {"search-desktop-dark", 1200, 900, true}, {"search-phone-dark", 390, 844, true}} {
		scheme := "light"
		if sc.dark {
			scheme = "dark"
		}
		media := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		})
		do(t, ctx, media, chromedp.EmulateViewport(sc.width, sc.height), chromedp.Navigate(base+"search/?q=payments+database&severity=SEV1&severity=SEV2"))
		searchShown(t, ctx, 0)
		if w := kbtest.Eval[int](t, ctx, fmt.Sprintf(`document.documentElement.scrollWidth - %d`, sc.width)); w > 0 {
			t.Errorf("%s: %d px wider than the screen", sc.name, w)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, sc.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
