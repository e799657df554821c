package serve

import "sync"

// hub hands every event to every open stream without waiting on any: a
// stream whose buffer is full is dropped, and its handler ends it.
type hub struct {
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
	buffer int
}

// subscriber is one open event stream's end of the hub.
type subscriber struct {
	events chan Event
	// gone is closed when the hub drops the stream: it lagged behind,
	// or the hub was closed.
	gone chan struct{}
}

func newHub(buffer int) *hub {
	return &hub{subs: map[*subscriber]struct{}{}, buffer: buffer}
}

// subscribe adds a stream; ok is false when the hub is closed or holds
// max streams already.
func (h *hub) subscribe(max int) (sub *subscriber, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed || len(h.subs) >= max {
		return nil, false
	}
	sub = &subscriber{events: make(chan Event, h.buffer), gone: make(chan struct{})}
	h.subs[sub] = struct{}{}
	return sub, true
}

// unsubscribe removes a stream that ended; it may have been dropped
// already.
func (h *hub) unsubscribe(sub *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.dropLocked(sub)
}

// publish gives ev to every stream, dropping those that lag behind.
func (h *hub) publish(ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for sub := range h.subs {
		select {
		case sub.events <- ev:
		default:
			h.dropLocked(sub)
		}
	}
}

// close drops every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for sub := range h.subs {
		h.dropLocked(sub)
	}
}

// open returns the number of streams the hub holds.
func (h *hub) open() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

func (h *hub) dropLocked(sub *subscriber) {
	if _, ok := h.subs[sub]; ok {
		delete(h.subs, sub)
		close(sub.gone)
	}
}
