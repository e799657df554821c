package site

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// layoutReport is what layoutScript finds on a page.
type layoutReport struct {
	Over    int      // px the page is wider than the window
	Widest  string   // the element reaching furthest right past the window
	Rows    int      // rows of table.actions
	Badges  []string // status badges and due dates of those rows off the screen
	Current []string // hrefs of the nav links with aria-current="page"
	Classed []string // hrefs of the nav links with class "current"
	Header  int      // px height of the site's header
	Wrapped bool     // the header's search box sits below its nav links
}

// layoutScript measures the page as it is, without scrolling it.
// A phone's browser widens its layout viewport to fit a page wider than
// the screen, so the width is given (layoutAt) rather than read.
const layoutScript = `((w) => {
  const r = {Over: document.documentElement.scrollWidth - w, Widest: "", Rows: 0, Badges: [], Current: [], Classed: []};
  const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
  let right = w;
  if (r.Over > 0) for (const e of document.body.querySelectorAll("*")) {
    const b = e.getBoundingClientRect();
    if (b.right > right) { right = b.right; r.Widest = name(e) + " right edge " + Math.round(b.right) + " px"; }
  }
  const rows = document.querySelectorAll("table.actions tbody tr");
  r.Rows = rows.length;
  for (const tr of rows) for (const e of tr.querySelectorAll(".badge, td.date")) {
    const b = e.getBoundingClientRect();
    if (b.left < 0 || b.right > w) r.Badges.push(name(e) + " " + JSON.stringify(e.innerText) + " from " + Math.round(b.left) + " to " + Math.round(b.right) + " px");
  }
  for (const a of document.querySelectorAll('header.site nav[aria-label="Site"] a')) {
    if (a.getAttribute("aria-current") === "page") r.Current.push(a.href);
    if (a.classList.contains("current")) r.Classed.push(a.href);
  }
  const header = document.querySelector("header.site"), nav = document.querySelector('header.site nav[aria-label="Site"]'), box = document.querySelector("header.site form.search");
  if (header) r.Header = Math.round(header.getBoundingClientRect().height);
  if (nav && box && box.offsetParent !== null) r.Wrapped = box.getBoundingClientRect().top >= nav.getBoundingClientRect().bottom;
  return r;
})`

// layoutAt is layoutScript measuring against a window w px wide.
func layoutAt(w int) string { return layoutScript + "(" + strconv.Itoa(w) + ")" }

// TestEveryPageOnPhoneAndDesktop opens every page of the example site on
// a 390 px phone (in light and dark) and a 1280 px desktop: no page scrolls
// sideways, the status badges and due dates of action rows stay on the
// phone's screen, the header marks the page's section, takes at most a
// fifth of the phone's screen and, on the desktop, holds its search box
// on the line of its links.
func TestEveryPageOnPhoneAndDesktop(t *testing.T) {
	ctx := kbtest.Browser(t)
	base, out := serveBuilt(t)
	pages := slices.DeleteFunc(htmlPages(t, out), func(rel string) bool {
		// An alert's page with one runbook sends the browser on to it,
		// which is measured as itself.
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		return err == nil && strings.HasPrefix(rel, "alerts/") && bytes.Contains(data, []byte(`http-equiv="refresh"`))
	})
	t.Logf("%d pages", len(pages))
	phone := []chromedp.EmulateViewportOption{chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch}
	rows := 0
	for _, rel := range pages {
		// One load a page: the scheme and the viewport change in place.
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, phone...), colorScheme("light"), chromedp.Navigate(base+rel)); err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			name string
			view chromedp.Action[chromedp.Void]
		}{
			{"phone light", colorScheme("light")},
			{"phone dark", colorScheme("dark")},
			{"desktop", chromedp.EmulateViewport(1280, 844)},
		} {
			if err := chromedp.Do(ctx, v.view); err != nil {
				t.Fatal(err)
			}
			width := 390
			if v.name == "desktop" {
				width = 1280
			}
			r := kbtest.Eval[layoutReport](t, ctx, layoutAt(width))
			if r.Over > 0 {
				t.Errorf("%s, %s: %d px wider than the window; widest: %s", v.name, rel, r.Over, r.Widest)
			}
			if v.name == "desktop" {
				checkNav(t, rel, base+rel, r)
				if r.Wrapped {
					t.Errorf("desktop, %s: the search box wraps below the header's links", rel)
				}
				continue
			}
			if r.Header > 844/5 {
				t.Errorf("%s, %s: the header is %d px high, more than a fifth of the screen", v.name, rel, r.Header)
			}
			rows += r.Rows
			for _, b := range r.Badges {
				t.Errorf("%s, %s: action row badge off the screen: %s", v.name, rel, b)
			}
		}
	}
	if rows == 0 {
		t.Error("no page had action rows")
	}
}

// checkNav checks the header of the page at rel (served at url): an index
// of the header is its only aria-current link; a postmortem or runbook has
// its section's link classed "current" and no aria-current link.
func checkNav(t *testing.T, rel, url string, r layoutReport) {
	t.Helper()
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 2 && parts[1] == "index.html" && isNavSection(parts[0]):
		if len(r.Current) != 1 || r.Current[0] != url {
			t.Errorf("%s: aria-current links %v, want only %s", rel, r.Current, url)
		}
	case len(parts) == 3 && parts[2] == "index.html" && (parts[0] == "postmortems" || parts[0] == "runbooks") && !isYear(parts[1]):
		want := strings.TrimSuffix(url, strings.Join(parts[1:], "/")) + "index.html"
		if len(r.Current) != 0 {
			t.Errorf("%s: aria-current links %v, want none on a document", rel, r.Current)
		}
		if len(r.Classed) != 1 || r.Classed[0] != want {
			t.Errorf("%s: links classed current %v, want only %s", rel, r.Classed, want)
		}
	}
}

// isNavSection says the header links the section (see NavLinks).
func isNavSection(s string) bool {
	switch s {
	case "postmortems", "runbooks", "services", "owners", "tags", "actions", "lessons", "trends", "pages":
		return true
	}
	return false
}

// isYear says a path segment is a year's list (postmortems/2025/).
func isYear(s string) bool {
	return len(s) == 4 && strings.Trim(s, "0123456789") == ""
}
