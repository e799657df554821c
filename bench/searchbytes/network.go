package main

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
)

// request is one HTTP request of the page or of one of its workers.
type request struct {
	Phase  string // the phase current when the request was sent
	Source string // "page" or "worker"
	URL    string
	Status int64
	Wire   int64 // bytes received: encodedDataLength, headers and body as sent
	Body   int64 // the body as sent (its Content-Length), 0 when cached
	Cached bool  // served from the browser's cache
	Failed bool
	// Added is set when encodedDataLength counted the headers alone, as
	// Chromium does for a worker's main script, and Wire has the body added.
	Added   bool
	id      network.RequestID
	encoded int64 // encodedDataLength of loadingFinished
	length  int64 // the response's Content-Length, -1 when it has none
	done    bool
}

// recorder keeps the requests of a page and its workers from the network
// events of the DevTools protocol, by phase. Its methods are safe for use
// by the event listeners and the measuring code at once.
type recorder struct {
	mu       sync.Mutex
	phase    string
	byID     map[network.RequestID]*request
	headers  map[network.RequestID]int64 // length of the raw response headers
	all      []*request
	activity time.Time
}

// newRecorder is a recorder whose first phase is phase.
func newRecorder(phase string) *recorder {
	return &recorder{phase: phase, byID: map[network.RequestID]*request{}, headers: map[network.RequestID]int64{}, activity: time.Now()}
}

// setPhase makes the requests sent from now on count for phase.
func (r *recorder) setPhase(phase string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.phase = phase
}

// listener is a chromedp.Listen callback that records the network events
// of one target (source names it). A request reported by two targets is
// kept once.
func (r *recorder) listener(source string) func(ev any) {
	return func(ev any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			r.sent(source, ev)
		case *network.EventRequestServedFromCache:
			r.update(ev.RequestID, func(q *request) { q.Cached = true })
		case *network.EventResponseReceived:
			r.update(ev.RequestID, func(q *request) {
				q.Status, q.length = ev.Response.Status, contentLength(ev.Response.Headers)
			})
		case *network.EventResponseReceivedExtraInfo:
			r.headers[ev.RequestID] = int64(len(ev.HeadersText))
		case *network.EventLoadingFinished:
			r.update(ev.RequestID, func(q *request) { q.encoded, q.done = int64(ev.EncodedDataLength), true })
		case *network.EventLoadingFailed:
			r.update(ev.RequestID, func(q *request) { q.Failed, q.done = true, true })
		}
	}
}

// sent records a new request; a redirect ends the request it replaces.
func (r *recorder) sent(source string, ev *network.EventRequestWillBeSent) {
	if !strings.HasPrefix(ev.Request.URL, "http") {
		return
	}
	if old, ok := r.byID[ev.RequestID]; ok {
		if ev.RedirectResponse == nil {
			return // the same request, reported by a second target
		}
		old.Status, old.Wire, old.done = ev.RedirectResponse.Status, int64(ev.RedirectResponse.EncodedDataLength), true
	}
	q := &request{Phase: r.phase, Source: source, URL: ev.Request.URL, id: ev.RequestID, length: -1}
	r.byID[ev.RequestID] = q
	r.all = append(r.all, q)
	r.activity = time.Now()
}

// settled is the request with its bytes: encodedDataLength, or the raw
// headers and the Content-Length when that is more (the browser then
// counted the headers alone). A response from the cache has no bytes.
func (q request) settled(headers int64, known bool) request {
	q.Wire = q.encoded
	if q.Cached || q.encoded == 0 || q.length < 0 {
		return q
	}
	q.Body = q.length
	if known && headers+q.length > q.encoded {
		q.Wire, q.Added = headers+q.length, true
	}
	return q
}

// contentLength is the Content-Length of response headers, or -1.
func contentLength(h network.Headers) int64 {
	for k, v := range h {
		if !strings.EqualFold(k, "Content-Length") {
			continue
		}
		if s, ok := v.(string); ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				return n
			}
		}
	}
	return -1
}

// update applies f to a known request that is not finished yet.
func (r *recorder) update(id network.RequestID, f func(*request)) {
	q, ok := r.byID[id]
	if !ok || q.done {
		return
	}
	f(q)
	r.activity = time.Now()
}

// quiet reports whether no request is in flight and nothing happened on
// the network for d.
func (r *recorder) quiet(d time.Duration) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, q := range r.all {
		if !q.done {
			return false
		}
	}
	return time.Since(r.activity) >= d
}

// waitQuiet waits until the network has been quiet for d.
func (r *recorder) waitQuiet(ctx context.Context, d time.Duration) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !r.quiet(d) {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}

// requests is a copy of the finished requests of a phase, in the order
// they were sent.
func (r *recorder) requests(phase string) []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []request
	for _, q := range r.all {
		if q.Phase == phase && q.done {
			h, known := r.headers[q.id]
			out = append(out, q.settled(h, known))
		}
	}
	return out
}

// pending is the URLs of the requests still in flight.
func (r *recorder) pending() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, q := range r.all {
		if !q.done {
			out = append(out, q.URL)
		}
	}
	return out
}
