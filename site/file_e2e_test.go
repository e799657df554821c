package site

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestBrowseFromDisk opens the built example from disk (file://), as the
// README says a reader may, and clicks from the home page to a postmortem,
// from there to one of its services, and back home through the site's
// header: each click must land on a page of the site, styled, not on a
// folder's listing.
func TestBrowseFromDisk(t *testing.T) {
	ctx := kbtest.Browser(t)
	out, err := filepath.Abs(buildDir(t, "../examples/acme", Options{NoGit: true}))
	if err != nil {
		t.Fatal(err)
	}
	home := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/index.html"}).String()
	if err := chromedp.Do(ctx, chromedp.Navigate(home)); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name, click, landed string // a selector to click, one of the page reached
	}{
		{"home to a postmortem", `section table.list tbody tr:first-child a`, `article.postmortem h1`},
		{"postmortem to its service", `dl.meta a[href*="services/"]`, `body.layout-term h1`},
		{"service back home", `header.site a.brand`, `body.layout-home .stats`},
	} {
		t.Run(step.name, func(t *testing.T) {
			// A click that leads to a folder's listing finds no page: wait
			// for it a while, not for ever.
			sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			if err := chromedp.Do(sctx, chromedp.Click(step.click, chromedp.NodeVisible), chromedp.WaitVisible(step.landed)); err != nil {
				t.Fatalf("%v (on %s)", err, kbtest.Eval[string](t, ctx, `location.href`))
			}
			href := kbtest.Eval[string](t, ctx, `location.href`)
			if !strings.HasPrefix(href, "file://") || !strings.HasSuffix(href, "/index.html") {
				t.Errorf("landed on %s, want a page's index.html from disk", href)
			}
			if d := kbtest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("header.site")).display`); d != "flex" {
				t.Errorf("%s: header display %q, the stylesheet did not load", href, d)
			}
		})
	}
}
