package serve

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"

	"github.com/kb-tools/kb/templates"
)

// serverOptions configure the preview's HTTP handler.
type serverOptions struct {
	// Current returns the latest snapshot; it is never nil once the
	// server runs.
	Current func() *Snapshot
	// Search answers /_kb/search; nil answers it with 404.
	Search http.Handler
	// Templates reads the KB's templates/ folder, for its overrides of
	// the preview's files (templates.PreviewPath and the others).
	Templates templates.Overrides
	// Limits bound requests and event streams; zero fields take the
	// defaults of defaultLimits.
	Limits limits
}

// server is the preview's HTTP handler. It serves the site of the current
// snapshot from memory, kb's own files under /_kb/, and the event streams
// that tell open pages to reload. It holds no file system: what it
// serves is Snapshot.Site, the embedded files, and the KB's overrides of
// the embedded files, read by their fixed names.
type server struct {
	current func() *Snapshot
	search  http.Handler
	limits  limits
	assets  *assetCache
	streams *hub
	// id names this run of the server, so that a page served by an
	// earlier run (whose gens counted from 1 as well) reloads.
	id string
}

// kbPrefix is the URL path of kb's own namespace, which no site page
// takes.
const kbPrefix = "/_kb/"

// newServer returns the preview's handler.
func newServer(opts serverOptions) (*server, error) {
	if opts.Current == nil {
		return nil, errors.New("serve: serverOptions.Current is nil")
	}
	id, err := runID()
	if err != nil {
		return nil, err
	}
	assets, err := newAssetCache(opts.Templates)
	if err != nil {
		return nil, err
	}
	l := opts.Limits.withDefaults()
	return &server{current: opts.Current, search: opts.Search, limits: l,
		assets: assets, streams: newHub(l.StreamBuffer), id: id}, nil
}

// runID returns a random name for a run of the server.
func runID() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// ServeHTTP answers GET and HEAD requests for the site's files and kb's
// own under /_kb/.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		plainError(w, http.StatusMethodNotAllowed)
		return
	}
	if len(r.RequestURI) > s.limits.MaxURLBytes {
		plainError(w, http.StatusRequestURITooLong)
		return
	}
	if strings.HasPrefix(r.URL.Path, kbPrefix) {
		s.serveKB(w, r)
		return
	}
	s.serveSite(w, r)
}

// serveKB answers kb's own namespace: the live script, the preview's
// stylesheet, the event stream and the search API.
func (s *server) serveKB(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case kbPrefix + "events":
		s.serveEvents(w, r)
	case kbPrefix + "live.js":
		s.serveAsset(w, r, "live.js")
	case kbPrefix + "preview.css":
		s.serveAsset(w, r, "preview.css")
	case kbPrefix + "search":
		if s.search == nil {
			plainError(w, http.StatusNotFound)
			return
		}
		s.search.ServeHTTP(w, r)
	default:
		plainError(w, http.StatusNotFound)
	}
}

// serveAsset answers one of the preview's own files, name being its name
// under /_kb/.
func (s *server) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a := s.assets.get(s.current().Gen)
	data := a.css
	if name == "live.js" {
		data = a.js
	}
	writeBody(w, r, http.StatusOK, contentType(name), data)
}

// Notify tells every open page about a new build, over its event stream.
// It never waits on a client: one that lags behind is dropped, and the
// gen its browser gets when it reconnects makes it reload.
func (s *server) Notify(ev Event) { s.streams.publish(ev) }

// Close ends every event stream and refuses new ones, so that
// http.Server.Shutdown, which waits for handlers to return, returns.
func (s *server) Close() { s.streams.close() }

// plainError answers with the status's text, never cached.
func plainError(w http.ResponseWriter, status int) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(http.StatusText(status) + "\n"))
}
