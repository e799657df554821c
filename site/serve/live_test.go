package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// sseMessage is one block of an event stream, up to its blank line.
type sseMessage struct {
	lines []string // as sent, without the newlines
}

func (m sseMessage) field(name string) string {
	for _, l := range m.lines {
		if v, ok := strings.CutPrefix(l, name+": "); ok {
			return v
		}
	}
	return ""
}

// stream is a test's client of /_kb/events.
type stream struct {
	res *http.Response
	r   *bufio.Reader
}

// openStream connects to the event stream of the server at base.
func openStream(t *testing.T, base string) *stream {
	t.Helper()
	res, err := http.Get(base + "/_kb/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return &stream{res: res, r: bufio.NewReader(res.Body)}
}

// next reads the next message; err is io.EOF when the server ended the
// stream.
func (s *stream) next() (sseMessage, error) {
	var m sseMessage
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return m, err
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			return m, nil
		}
		m.lines = append(m.lines, line)
	}
}

// nextEvent reads messages up to the next one that is not a heartbeat.
func (s *stream) nextEvent(t *testing.T) sseMessage {
	t.Helper()
	for {
		m, err := s.next()
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		if len(m.lines) > 0 && !strings.HasPrefix(m.lines[0], ":") {
			return m
		}
	}
}

// startServer serves s on loopback with limits l.
func startServer(t *testing.T, s *server, l limits) string {
	t.Helper()
	ts := httptest.NewUnstartedServer(s)
	ts.Config = newHTTPServerWith(s, l)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts.URL
}

func TestEventsFraming(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 7), serverOptions{})
	base := startServer(t, s, limits{})
	st := openStream(t, base)
	if ct := st.res.Header.Get("Content-Type"); ct != "text/event-stream" || st.res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Content-Type %q, Cache-Control %q", ct, st.res.Header.Get("Cache-Control"))
	}
	hello := st.nextEvent(t)
	want := []string{"retry: 1000", "event: gen", `data: {"gen":7,"server":"` + s.id + `"}`}
	if !reflect.DeepEqual(hello.lines, want) {
		t.Errorf("first message %q, want %q", hello.lines, want)
	}
	s.Notify(Event{Gen: 8, Pages: []string{pmPage, "index.html"}})
	s.Notify(Event{Gen: 9, CSS: true})
	for _, want := range [][]string{
		{"event: reload", `data: {"gen":8,"pages":["postmortems/checkout/index.html","index.html"],"css":false}`},
		{"event: reload", `data: {"gen":9,"pages":[],"css":true}`},
	} {
		if got := st.nextEvent(t); !reflect.DeepEqual(got.lines, want) {
			t.Errorf("message %q, want %q", got.lines, want)
		}
	}
}

// TestGenOnConnect checks that a stream starts with the gen of the
// snapshot current when it connects, whatever was notified before.
func TestGenOnConnect(t *testing.T) {
	s, h := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{})
	base := startServer(t, s, limits{})
	s.Notify(Event{Gen: 2})
	h.set(newSnapshot(testSite(), 3))
	var d genData
	if err := json.Unmarshal([]byte(openStream(t, base).nextEvent(t).field("data")), &d); err != nil {
		t.Fatal(err)
	}
	if d.Gen != 3 || d.Server != s.id || len(s.id) != 16 {
		t.Errorf("gen message %+v, want gen 3 of server %q", d, s.id)
	}
}

func TestFanOut(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{})
	base := startServer(t, s, limits{})
	a, b := openStream(t, base), openStream(t, base)
	a.nextEvent(t)
	b.nextEvent(t)
	for gen := uint64(2); gen < 5; gen++ {
		s.Notify(Event{Gen: gen, Pages: []string{"index.html"}})
	}
	for _, c := range []*stream{a, b} {
		for gen := 2; gen < 5; gen++ {
			var d reloadData
			m := c.nextEvent(t)
			if err := json.Unmarshal([]byte(m.field("data")), &d); err != nil || m.field("event") != "reload" || d.Gen != uint64(gen) {
				t.Errorf("message %q (%v), want the reload of gen %d", m.lines, err, gen)
			}
		}
	}
}

func TestHeartbeat(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Limits: limits{Heartbeat: 20 * time.Millisecond}})
	base := startServer(t, s, limits{})
	st := openStream(t, base)
	st.nextEvent(t)
	m, err := st.next()
	if err != nil || !reflect.DeepEqual(m.lines, []string{": heartbeat"}) {
		t.Errorf("after the gen: %q, %v; want a heartbeat comment", m.lines, err)
	}
}

// TestStreamOutlivesTimeouts checks that an event stream stays open past
// the server's read and write timeouts, which end ordinary requests.
func TestStreamOutlivesTimeouts(t *testing.T) {
	short := limits{ReadTimeout: 50 * time.Millisecond, WriteTimeout: 50 * time.Millisecond, Heartbeat: 10 * time.Millisecond}
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Limits: short})
	base := startServer(t, s, short)
	st := openStream(t, base)
	st.nextEvent(t)
	// Forty heartbeats take at least eight times the timeouts.
	for i := 0; i < 40; i++ {
		if _, err := st.next(); err != nil {
			t.Fatalf("heartbeat %d: %v", i, err)
		}
	}
	s.Notify(Event{Gen: 2})
	if m := st.nextEvent(t); m.field("event") != "reload" {
		t.Errorf("after the timeouts: %q, want a reload", m.lines)
	}
}

func TestStreamCap(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Limits: limits{MaxStreams: 2}})
	base := startServer(t, s, limits{})
	a := openStream(t, base)
	a.nextEvent(t)
	openStream(t, base).nextEvent(t)
	res, err := http.Get(base + "/_kb/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("third stream: %d, Retry-After %q; want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// Once a client goes, its place is free again.
	a.res.Body.Close()
	deadline := time.Now().Add(20 * time.Second) // a guard, not a bound
	for s.streams.open() > 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the closed stream is still counted: %d open", s.streams.open())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if m := openStream(t, base).nextEvent(t); m.field("event") != "gen" {
		t.Errorf("a stream after one went: %q", m.lines)
	}
}

func TestHubDropsLaggingStream(t *testing.T) {
	h := newHub(4)
	fast, _ := h.subscribe(10)
	slow, _ := h.subscribe(10)
	var got []uint64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ev := range fast.events {
			got = append(got, ev.Gen)
			if ev.Gen == 100 {
				return
			}
		}
	}()
	for gen := uint64(1); gen <= 100; gen++ {
		h.publish(Event{Gen: gen})
		// Let the fast reader drain, so that only the slow one lags.
		for len(fast.events) > 0 {
			time.Sleep(time.Microsecond)
		}
	}
	wg.Wait()
	if len(got) != 100 || got[99] != 100 {
		t.Errorf("the fast stream got %d events, want 100", len(got))
	}
	select {
	case <-slow.gone:
	default:
		t.Errorf("the lagging stream was not dropped")
	}
	select {
	case <-fast.gone:
		t.Errorf("the fast stream was dropped")
	default:
	}
	if h.open() != 1 || len(slow.events) != 4 {
		t.Errorf("%d streams open, the slow one holds %d events; want 1 and its 4", h.open(), len(slow.events))
	}
}

// blockedWriter is a stream's ResponseWriter whose writes after the first
// wait until it is released, as a client that stopped reading makes them.
type blockedWriter struct {
	header  http.Header
	writes  chan string
	release chan struct{}
	n       int
}

func (w *blockedWriter) Header() http.Header { return w.header }
func (w *blockedWriter) WriteHeader(int)     {}
func (w *blockedWriter) Flush()              {}
func (w *blockedWriter) Write(b []byte) (int, error) {
	w.n++
	if w.n > 1 {
		<-w.release
		return 0, errors.New("client gone")
	}
	w.writes <- string(b)
	return len(b), nil
}

// TestNotifyNeverWaits checks that Notify returns while a stream's
// handler is stuck writing to its client, that the stream is dropped
// once it lags behind, and that the others still get every event.
func TestNotifyNeverWaits(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Limits: limits{StreamBuffer: 2}})
	stuck := &blockedWriter{header: http.Header{}, writes: make(chan string, 1), release: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		s.ServeHTTP(stuck, httptest.NewRequest(http.MethodGet, "/_kb/events", nil))
		close(done)
	}()
	<-stuck.writes // the gen message
	base := startServer(t, s, limits{})
	other := openStream(t, base)
	other.nextEvent(t)
	const n = 50
	for gen := uint64(2); gen < 2+n; gen++ {
		s.Notify(Event{Gen: gen})
		if m := other.nextEvent(t); !strings.Contains(m.field("data"), `"gen":`) {
			t.Fatalf("the other stream got %q", m.lines)
		}
	}
	if s.streams.open() != 1 {
		t.Errorf("%d streams open, want the reading one only", s.streams.open())
	}
	close(stuck.release)
	<-done
}

func TestCloseEndsStreams(t *testing.T) {
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{})
	base := startServer(t, s, limits{})
	a, b := openStream(t, base), openStream(t, base)
	a.nextEvent(t)
	b.nextEvent(t)
	s.Close()
	for _, c := range []*stream{a, b} {
		if _, err := c.next(); err != io.EOF {
			t.Errorf("after Close the stream reads %v, want EOF", err)
		}
	}
	res, err := http.Get(base + "/_kb/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a stream after Close: %d, want 503", res.StatusCode)
	}
	if res, _ := get(t, s, http.MethodGet, "/"); res.StatusCode != 200 {
		t.Errorf("pages after Close: %d, want 200", res.StatusCode)
	}
}

// TestShutdownWithOpenStream checks that http.Server.Shutdown returns
// while a page holds its event stream open: Shutdown closes the server,
// which ends the streams. Without that, Shutdown waits for its context.
func TestShutdownWithOpenStream(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler func(*server) http.Handler
		wait    time.Duration
		want    error
	}{
		{"preview server", func(s *server) http.Handler { return s }, 20 * time.Second, nil},
		// The same server behind a handler that hides its Close: the
		// stream stays open and Shutdown gives up when told to.
		{"without Close", func(s *server) http.Handler { return http.HandlerFunc(s.ServeHTTP) }, 200 * time.Millisecond, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{})
			ln, warning, err := listen("127.0.0.1:0")
			if err != nil || warning != "" {
				t.Fatalf("listen: %v %q", err, warning)
			}
			srv := newHTTPServer(tc.handler(s))
			served := make(chan error, 1)
			go func() { served <- srv.Serve(ln) }()
			st := openStream(t, "http://"+ln.Addr().String())
			st.nextEvent(t)
			ctx, cancel := context.WithTimeout(context.Background(), tc.wait)
			defer cancel()
			start := time.Now()
			err = srv.Shutdown(ctx)
			t.Logf("Shutdown returned %v after %v", err, time.Since(start))
			if !errors.Is(err, tc.want) && err != tc.want {
				t.Errorf("Shutdown: %v, want %v", err, tc.want)
			}
			if err := <-served; err != http.ErrServerClosed {
				t.Errorf("Serve: %v", err)
			}
			if tc.want == nil {
				if _, err := st.next(); err != io.EOF {
					t.Errorf("the stream reads %v, want EOF", err)
				}
			}
			_ = srv.Close()
		})
	}
}
