package site

import (
	"os"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestSearchLatency measures, in Chromium, the time from the last
// keystroke of a query typed in the search box to its results on screen
// (the first animation frame after the results list changed), on a warm
// page: the KB named by KB_SEARCH_LATENCY (the 10,000-document kbgen KB:
// go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k), served on loopback.
// It logs each query's time and the median; it asserts nothing about
// them, times being the machine's.
func TestSearchLatency(t *testing.T) {
	dir := os.Getenv("KB_SEARCH_LATENCY")
	if dir == "" {
		t.Skip("set KB_SEARCH_LATENCY to a KB to measure the search page's time to results")
	}
	ctx := kbtest.Browser(t)
	base, _ := searchSite(t, dir)
	do(t, ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(base+"search/?q=warm+up"))
	searchShown(t, ctx, 0)
	// lastKey is the time of the last keydown; shown, of the first frame
	// after the results list changed.
	kbtest.Eval[bool](t, ctx, `(() => {
		window.__lat = { lastKey: 0, shown: 0 };
		document.addEventListener("keydown", () => { __lat.lastKey = performance.now(); __lat.shown = 0; }, true);
		new MutationObserver(() => requestAnimationFrame(() => { __lat.shown = performance.now(); }))
			.observe(document.getElementById("kb-results"), { childList: true, subtree: true, characterData: true });
		return true;
	})()`)
	var times []float64
	for _, q := range []string{"disk full database", "certificate expired renewal", "kafka consumer lag", "payments database failover",
		"dns resolution failures", "redis cache stampede", "login failures identity", "disk full replica", "PaymentsLatencyHigh", "pod crash loop"} {
		kbtest.Eval[string](t, ctx, `document.getElementById("kb-q").value = ""`)
		before := renderedCount(t, ctx)
		do(t, ctx, chromedp.Focus(chromedp.CSS("#kb-q")), chromedp.KeyEvent(q))
		searchShown(t, ctx, before)
		if err := waitFor(t, ctx, `__lat.shown > __lat.lastKey`); err != nil {
			t.Fatal(err)
		}
		ms := kbtest.Eval[float64](t, ctx, `__lat.shown - __lat.lastKey`)
		times = append(times, ms)
		t.Logf("%-30q %4.0f ms from the last keystroke to the results on screen", q, ms)
	}
	slices.Sort(times)
	t.Logf("median %.0f ms, slowest %.0f ms, over %d queries", times[len(times)/2], times[len(times)-1], len(times))
}
