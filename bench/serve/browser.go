package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// startBrowser starts headless Chromium with an empty profile; stop ends
// it and removes the profile.
func startBrowser(chromium string) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "bench-serve-profile-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("no-first-run", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	stop := func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(browser); err != nil {
		stop()
		return nil, nil, err
	}
	return browser, stop, nil
}

// The scripts that subscribe a page to a server's reload messages. Each
// keeps the page's clock (Date.now()) at every reload message's arrival
// in window.__arrivals, and leaves window.__subscribed a promise of the
// server's first message.
const (
	kbSubscribe = `window.__arrivals = [];
window.__subscribed = new Promise((ok) => {
  const es = new EventSource('/_kb/events');
  es.addEventListener('gen', () => ok(true));
  es.addEventListener('reload', () => window.__arrivals.push(Date.now()));
});`
	hugoSubscribe = `window.__arrivals = [];
window.__subscribed = new Promise((ok) => {
  const ws = new WebSocket('ws://' + location.host + '/livereload');
  ws.onopen = () => ws.send(JSON.stringify({command: 'hello', protocols: ['http://livereload.com/protocols/official-7']}));
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.command === 'hello') ok(true);
    if (m.command === 'reload') window.__arrivals.push(Date.now());
  };
});`
	// waitArrivals(n, quiet, max) resolves with the arrivals after the
	// first n once one has come and none for quiet ms since, or max ms
	// after the call.
	waitJS = `window.__waitArrivals = (n, quiet, max) => new Promise((ok) => {
  const start = Date.now();
  const check = () => {
    const a = window.__arrivals, now = Date.now();
    if (now - start > max || (a.length > n && now - a[a.length - 1] >= quiet)) return ok(a.slice(n));
    setTimeout(check, 5);
  };
  check();
});`
)

// listener is a tab subscribed to one server's reload messages.
type listener struct {
	tab  context.Context
	seen int // the arrivals taken so far
}

// A page to subscribe from, on each server: small, and without the
// server's own live-reload script, which would reload it. (A large XML
// file such as the sitemap will not do: Chromium replaces its document
// with a view of it a while after the load.)
const (
	kbPage   = "/_kb/preview.css"
	hugoPage = "/bench-no-such-page" // Hugo's 24-byte "Page Not Found"
)

// listen opens a tab on page of srv and subscribes it with script.
func listen(browser context.Context, srv *server, page, script string) (*listener, func(), error) {
	tab, cancel := chromedp.NewContext(browser)
	err := chromedp.Do(tab, chromedp.Navigate(srv.url+page),
		chromedp.Evaluate[chromedp.Void](script+"\n"+waitJS))
	if err == nil {
		var ok bool
		ok, err = chromedp.Run(tab, chromedp.Evaluate[bool]("Promise.race([window.__subscribed, new Promise((ok) => setTimeout(() => ok(false), 10000))])", chromedp.EvalAwaitPromise))
		if err == nil && !ok {
			err = fmt.Errorf("no first message in 10 s")
		}
	}
	if err != nil {
		cancel()
		return nil, nil, fmt.Errorf("%s: subscribing the page: %w", srv.name, err)
	}
	return &listener{tab: tab}, cancel, nil
}

// next waits for the reload messages after the last ones taken: the first,
// then until quiet passes without another, or max in all. It returns
// their arrival times (Unix ms); none when max passed first.
func (l *listener) next(quiet, max time.Duration) ([]int64, error) {
	expr := fmt.Sprintf("window.__waitArrivals(%d, %d, %d)", l.seen, quiet.Milliseconds(), max.Milliseconds())
	got, err := chromedp.Run(l.tab, chromedp.Evaluate[[]int64](expr, chromedp.EvalAwaitPromise))
	l.seen += len(got)
	return got, err
}
