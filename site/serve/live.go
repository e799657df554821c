package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Event tells open pages about a new build.
type Event struct {
	// Gen is the snapshot's Gen.
	Gen uint64
	// Pages are the site names that changed (as Pages.File takes them).
	Pages []string
	// CSS says only the stylesheet changed: pages swap it, without a
	// reload.
	CSS bool
}

// reloadData is the JSON of a reload event.
type reloadData struct {
	Gen   uint64   `json:"gen"`
	Pages []string `json:"pages"`
	CSS   bool     `json:"css"`
}

// genData is the JSON of the message a stream starts with: the current
// build and the run of the server that made it.
type genData struct {
	Gen    uint64 `json:"gen"`
	Server string `json:"server"`
}

// serveEvents answers /_kb/events with a stream of server-sent events: a
// "gen" message at once, a "reload" message for every Notify, and a
// comment every Heartbeat, until the client goes, lags behind, or the
// server closes.
func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	sub, ok := s.streams.subscribe(s.limits.MaxStreams)
	if !ok {
		w.Header().Set("Retry-After", "5")
		plainError(w, http.StatusServiceUnavailable)
		return
	}
	defer s.streams.unsubscribe(sub)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	out := eventWriter{w: w, rc: rc, timeout: s.limits.StreamWriteTimeout}
	// Subscribed first, then the gen read: a build between the two is
	// both in the gen and in an event, never in neither.
	hello := "retry: " + strconv.FormatInt(s.limits.Retry.Milliseconds(), 10) + "\n" +
		message("gen", genData{Gen: s.current().Gen, Server: s.id})
	if out.send(hello) != nil {
		return
	}
	s.pump(r, sub, out)
}

// pump writes the stream's events and heartbeats until it ends.
func (s *server) pump(r *http.Request, sub *subscriber, out eventWriter) {
	beat := time.NewTicker(s.limits.Heartbeat)
	defer beat.Stop()
	for {
		// A dropped stream ends now, whatever else is pending.
		select {
		case <-sub.gone:
			return
		default:
		}
		var text string
		select {
		case <-r.Context().Done():
			return
		case <-sub.gone:
			return
		case ev := <-sub.events:
			text = reloadMessage(ev)
		case <-beat.C:
			text = ": heartbeat\n\n"
		}
		if out.send(text) != nil {
			return
		}
	}
}

// reloadMessage is the "reload" message of ev.
func reloadMessage(ev Event) string {
	pages := ev.Pages
	if pages == nil {
		pages = []string{}
	}
	return message("reload", reloadData{Gen: ev.Gen, Pages: pages, CSS: ev.CSS})
}

// message frames one server-sent event. JSON holds no raw newline, so
// the data is one line.
func message(event string, data any) string {
	b, _ := json.Marshal(data) // numbers, strings and bools: it cannot fail
	return "event: " + event + "\ndata: " + string(b) + "\n\n"
}

// eventWriter writes to one stream, each write with its own deadline.
type eventWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

// send writes text and flushes it to the client.
func (e eventWriter) send(text string) error {
	err := e.rc.SetWriteDeadline(time.Now().Add(e.timeout))
	if err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	if _, err := e.w.Write([]byte(text)); err != nil {
		return err
	}
	return e.rc.Flush()
}
