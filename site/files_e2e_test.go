package site

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestImagesLoadInBrowser builds a postmortem that shows a PNG beside it
// and an SVG from the KB root, opens its page in Chromium over http under
// a sub-path and from disk, and checks that both images loaded (a decoded
// image has a natural width).
func TestImagesLoadInBrowser(t *testing.T) {
	ctx := kbtest.Browser(t)
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, `
-- postmortems/2024/db.md --
---
title: Database failover
date: 2024-05-01
---
# Database failover

Replication lag during the failover:

![Replication lag](img/lag.png)

![Architecture](/shared/arch.svg)
-- shared/arch.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#4a8"/></svg>
`)
	writePNG(t, filepath.Join(dir, "postmortems", "2024", "img", "lag.png"))
	out, err := filepath.Abs(buildDir(t, dir, Options{NoGit: true}))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.StripPrefix("/kb", http.FileServer(http.Dir(out))))
	t.Cleanup(srv.Close)
	shots := os.Getenv("KB_SCREENSHOT_DIR")
	for name, page := range map[string]string{
		"http": srv.URL + "/kb/postmortems/db/index.html",
		"file": (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/postmortems/db/index.html"}).String(),
	} {
		t.Run(name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(page),
				chromedp.Poll[chromedp.Void](`[...document.images].every(i => i.complete)`)); err != nil {
				t.Fatal(err)
			}
			widths := kbtest.Eval[[]int](t, ctx, `[...document.querySelectorAll("article img")].map(i => i.naturalWidth)`)
			if len(widths) != 2 || widths[0] != 8 || widths[1] != 120 {
				t.Errorf("natural widths of the page's images %v, want [8 120]: an image did not load", widths)
			}
			if shots != "" {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err == nil {
					err = os.WriteFile(filepath.Join(shots, "images-"+name+".png"), png, 0o644)
				}
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// writePNG writes an 8x4 PNG image at p.
func writePNG(t *testing.T, p string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 4))
	for x := range 8 {
		for y := range 4 {
			img.Set(x, y, color.RGBA{R: uint8(30 * x), G: 120, B: 200, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
