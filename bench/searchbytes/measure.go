package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// watchJS installs window.__searchbytes in the page: the time of the last
// keydown and the times of the frames after each change of the results'
// text (the elements matching a selector), on the page's clock.
//
//go:embed watch.js
var watchJS string

// config is what to measure: where the search is and how to search.
type config struct {
	page     string        // URL path of the search page, such as /search/
	input    string        // CSS selector of the search box
	results  string        // CSS selector of the result elements
	js       string        // a JS function of the query to call instead of typing, or ""
	keyDelay time.Duration // time between two keys typed, 0 for as fast as the browser takes them
	quiet    time.Duration // how long the network and the results stay still before a phase ends
	timeout  time.Duration // bound on each phase
}

// phase is what one phase of a run cost.
type phase struct {
	Name     string
	Query    string
	Requests []request
	Server   int64   // bytes the server wrote in the phase, headers included
	FirstMS  float64 // last keystroke (or the call) to the first change of the results
	LastMS   float64 // last keystroke (or the call) to the last change of the results
}

// run measures one search page in a fresh browser tab: its load, then each
// query in turn.
func run(tab context.Context, srv *server, cfg config, queries []string) ([]phase, error) {
	rec := newRecorder("load")
	if err := listen(tab, rec); err != nil {
		return nil, err
	}
	load, err := loadPage(tab, srv, rec, cfg)
	if err != nil {
		return nil, err
	}
	phases := []phase{load}
	for i, q := range queries {
		p, err := search(tab, srv, rec, cfg, i, q)
		if err != nil {
			return nil, err
		}
		phases = append(phases, p)
	}
	return phases, nil
}

// listen records the network events of the tab and of every target it
// starts, such as a web worker, so that a search that fetches from a worker
// is counted. New targets wait at their start until their listener is in
// place.
func listen(tab context.Context, rec *recorder) error {
	pageEvents := rec.listener("page")
	err := chromedp.Listen(tab, func(ev any) {
		if a, ok := ev.(*target.EventAttachedToTarget); ok {
			go listenChild(tab, rec, a.TargetInfo)
			return
		}
		pageEvents(ev)
	})
	if err != nil {
		return err
	}
	flat := true
	_, err = chromedp.Call(tab, target.SetAutoAttach, target.SetAutoAttachParams{AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: &flat})
	return err
}

// listenChild records the network events of a target the tab started
// (its type names the source of the requests), then lets it run.
func listenChild(tab context.Context, rec *recorder, info *target.Info) {
	child, _ := chromedp.NewContext(tab, chromedp.WithTargetID(info.TargetID)) // ends with the tab
	_ = chromedp.Listen(child, rec.listener(info.Type))
	_, _ = chromedp.Call(child, runtime.RunIfWaitingForDebugger, cdp.Empty{})
}

// loadPage opens the search page and waits until the network is quiet.
func loadPage(tab context.Context, srv *server, rec *recorder, cfg config) (phase, error) {
	ctx, cancel := context.WithTimeout(tab, cfg.timeout)
	defer cancel()
	before := srv.written.Load()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+cfg.page)); err != nil {
		return phase{}, fmt.Errorf("opening %s: %w", cfg.page, err)
	}
	if err := rec.waitQuiet(ctx, cfg.quiet); err != nil {
		return phase{}, fmt.Errorf("waiting for %s to load: %w", cfg.page, err)
	}
	install := "(" + watchJS + ")(" + jsString(cfg.results) + ")"
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](install)); err != nil {
		return phase{}, fmt.Errorf("installing the results watcher: %w", err)
	}
	return phase{Name: "load", Requests: rec.requests("load"), Server: srv.written.Load() - before}, nil
}

// search runs query number i (from 0) by typing it, or by calling cfg.js,
// and waits until the results and the network are still.
func search(tab context.Context, srv *server, rec *recorder, cfg config, i int, query string) (phase, error) {
	ctx, cancel := context.WithTimeout(tab, cfg.timeout)
	defer cancel()
	name := "query " + strconv.Itoa(i+1)
	rec.setPhase(name)
	before := srv.written.Load()
	p := phase{Name: name, Query: query}
	var err error
	if cfg.js != "" {
		p.FirstMS, err = callSearch(ctx, cfg.js, query)
		p.LastMS = p.FirstMS
		if err == nil {
			err = rec.waitQuiet(ctx, cfg.quiet)
		}
	} else {
		p.FirstMS, p.LastMS, err = typeSearch(ctx, rec, cfg, i > 0, query)
	}
	if err != nil {
		return phase{}, fmt.Errorf("%s %q: %w", name, query, err)
	}
	p.Requests, p.Server = rec.requests(name), srv.written.Load()-before
	return p, nil
}

// callSearch calls the JS function js with the query and waits for the
// promise it returns; it gives the milliseconds the call took.
func callSearch(ctx context.Context, js, query string) (float64, error) {
	expr := "(async () => { const t0 = performance.now(); await (" + js + ")(" + jsString(query) + "); return performance.now() - t0; })()"
	return chromedp.Run(ctx, chromedp.Evaluate[float64](expr, chromedp.EvalAwaitPromise))
}

// typeSearch types the query into the search box (over the text already
// there when replace is set, as after Ctrl+A) and waits until the results
// have changed and then stayed still, with the network quiet, for
// cfg.quiet. It gives the milliseconds from the last keystroke to the first
// and to the last change of the results.
func typeSearch(ctx context.Context, rec *recorder, cfg config, replace bool, query string) (float64, float64, error) {
	box := chromedp.CSS(cfg.input)
	steps := []chromedp.Action[chromedp.Void]{chromedp.Evaluate[chromedp.Void]("__searchbytes.arm()")}
	if replace {
		steps = append(steps, chromedp.Evaluate[chromedp.Void]("document.querySelector("+jsString(cfg.input)+").select()"))
	}
	steps = append(steps, typing(box, query, cfg.keyDelay)...)
	if err := chromedp.Do(ctx, steps...); err != nil {
		return 0, 0, err
	}
	return waitResults(ctx, rec, cfg)
}

// typing is the steps that type text into the box: at once, as fast as
// the browser takes key events, or one key every delay.
func typing(box chromedp.CSS, text string, delay time.Duration) []chromedp.Action[chromedp.Void] {
	if delay <= 0 {
		return []chromedp.Action[chromedp.Void]{chromedp.SendKeys(box, text)}
	}
	steps := []chromedp.Action[chromedp.Void]{chromedp.Focus(box)}
	for i, r := range text {
		if i > 0 {
			steps = append(steps, chromedp.Sleep(delay))
		}
		steps = append(steps, chromedp.KeyEvent(string(r)))
	}
	return steps
}

// watchState is the watcher's record of the last keystroke and the changes
// of the results, in milliseconds on the page's clock.
type watchState struct {
	LastKey float64   `json:"lastKey"`
	Changes []float64 `json:"changes"`
}

// waitResults polls the watcher until the results have changed after the
// last keystroke and nothing has moved, on screen or on the network, for
// cfg.quiet.
func waitResults(ctx context.Context, rec *recorder, cfg config) (float64, float64, error) {
	seen, still := 0, time.Now()
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[watchState]("__searchbytes.state()"))
		if err != nil {
			return 0, 0, fmt.Errorf("no results matching %s: %w", cfg.results, err)
		}
		after := changesAfter(st)
		if len(after) != seen {
			seen, still = len(after), time.Now()
		}
		if seen > 0 && time.Since(still) >= cfg.quiet && rec.quiet(cfg.quiet) {
			return after[0] - st.LastKey, after[len(after)-1] - st.LastKey, nil
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(10*time.Millisecond)); err != nil {
			return 0, 0, fmt.Errorf("results matching %s changed %d times after the last keystroke (%d in all), requests in flight %q: %w", cfg.results, seen, len(st.Changes), rec.pending(), err)
		}
	}
}

// changesAfter is the changes of the results after the last keystroke.
func changesAfter(st watchState) []float64 {
	var out []float64
	for _, t := range st.Changes {
		if t > st.LastKey {
			out = append(out, t)
		}
	}
	return out
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}
