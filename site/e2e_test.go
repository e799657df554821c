package site

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// serveSite builds the example KB and serves it under /kb/ on loopback.
func serveSite(t *testing.T) string {
	base, _ := serveBuilt(t)
	return base
}

// serveBuilt is serveSite that also returns the folder it serves.
func serveBuilt(t *testing.T) (base, out string) {
	out = buildDir(t, "../examples/acme", Options{BaseURL: "http://127.0.0.1/kb/", NoGit: true})
	srv := httptest.NewServer(http.StripPrefix("/kb", http.FileServer(http.Dir(out))))
	t.Cleanup(srv.Close)
	return srv.URL + "/kb/", out
}

// TestPagesInBrowser opens the home, postmortem, runbook, actions and
// trends pages of the example in Chromium, checks what a reader sees and
// keeps a screenshot of each (in $KB_SCREENSHOT_DIR when set).
func TestPagesInBrowser(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	shots := os.Getenv("KB_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	for _, tc := range []struct {
		name, path, title string
		check             string // a script that must be true on the page
	}{
		{"home", "", "Acme Engineering Knowledge Base",
			`document.querySelectorAll(".stats a").length === 5 && document.querySelector("tr.overdue") !== null`},
		{"postmortem", "postmortems/2026-03-14-checkout-latency-after-cache-ttl-change/", "Checkout latency spike after a product cache TTL change",
			`document.querySelector("dl.meta").innerText.includes("Time to detect") && document.querySelectorAll("article table.actions tbody tr").length > 1 && [...document.querySelectorAll("article h2")].filter(h => h.innerText === "Action items").length === 1`},
		{"runbook", "runbooks/cache-stampede/", "Product cache stampede",
			`document.querySelector(".backlinks") !== null && document.querySelector(".badge[class*=fresh-]") !== null`},
		{"actions", "actions/", "Action items",
			`document.querySelector("section.group h2").innerText.startsWith("Overdue")`},
		{"trends", "trends/", "Trends",
			`[...document.querySelectorAll("svg.chart")].filter(s => s.getBoundingClientRect().height > 50).length >= 5`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(base+tc.path)); err != nil {
				t.Fatal(err)
			}
			if title := kbtest.Eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, tc.title) {
				t.Errorf("title %q, want %q", title, tc.title)
			}
			// The stylesheet loaded through its relative link under /kb/.
			if d := kbtest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("header.site")).display`); d != "flex" {
				t.Errorf("header display %q: the stylesheet did not load", d)
			}
			if !kbtest.Eval[bool](t, ctx, tc.check) {
				t.Errorf("check failed: %s", tc.check)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, tc.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestRunbooksOnPhoneAndPaper checks that every runbook of the example
// reads on a phone without sideways scrolling, with its contents in two
// columns, and prints on one A4 page.
func TestRunbooksOnPhoneAndPaper(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	paths, err := filepath.Glob("../examples/acme/runbooks/*/*.md")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no runbooks: %v", err)
	}
	for _, p := range paths {
		id := strings.TrimSuffix(filepath.Base(p), ".md")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"runbooks/"+id+"/")); err != nil {
			t.Fatal(err)
		}
		if w := kbtest.Eval[int](t, ctx, `document.documentElement.scrollWidth - 390`); w > 0 {
			t.Errorf("%s is %d px wider than a phone screen", id, w)
		}
		// Its contents list, when it has one, runs in two columns, so that
		// the trigger is near the top of the screen.
		if cols := kbtest.Eval[int](t, ctx, `new Set([...document.querySelectorAll("nav.contents li")].map(li => Math.round(li.getBoundingClientRect().left))).size`); cols == 1 {
			t.Errorf("%s: its contents list is one column on a phone", id)
		}
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatal(err)
		}
		if pages := bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages")); pages != 1 {
			t.Errorf("%s prints on %d A4 pages, want 1", id, pages)
		}
	}
}

// TestDarkTheme checks that the site follows prefers-color-scheme.
func TestDarkTheme(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	if err := chromedp.Do(ctx, colorScheme("dark"), chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	bg := kbtest.Eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	if bg != "rgb(20, 24, 28)" {
		t.Errorf("dark background %q, want rgb(20, 24, 28)", bg)
	}
}

// colorScheme makes the page report prefers-color-scheme as scheme
// ("light" or "dark").
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}
