package serve

import (
	"net/http"
	"path"
	"strconv"
	"strings"
)

// serveSite answers a request for a file of the site, from the current
// snapshot's pages.
func (s *server) serveSite(w http.ResponseWriter, r *http.Request) {
	name, status := siteName(r.URL.EscapedPath(), r.URL.Path)
	if status != 0 {
		plainError(w, status)
		return
	}
	snap := s.current()
	if data, ok := snap.Site.File(name); ok {
		s.writeFile(w, r, snap, name, http.StatusOK, data)
		return
	}
	if !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		if _, ok := snap.Site.File(name + "/index.html"); ok {
			redirectToFolder(w, r)
			return
		}
	}
	if data, ok := snap.Site.File("404.html"); ok {
		s.writeFile(w, r, snap, "404.html", http.StatusNotFound, data)
		return
	}
	plainError(w, http.StatusNotFound)
}

// redirectToFolder sends "/x" on to "/x/", keeping the query. The path
// was checked by siteName: it has no empty segment, so the location
// cannot name another host ("//host").
func redirectToFolder(w http.ResponseWriter, r *http.Request) {
	loc := r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusFound)
}

// writeFile answers with the site file name of snap: an HTML page with
// the preview added and never cached, any other file as it is, checked
// again by the browser before it is used from its cache.
func (s *server) writeFile(w http.ResponseWriter, r *http.Request, snap *Snapshot, name string, status int, data []byte) {
	ctype := contentType(name)
	if !isHTML(name) {
		w.Header().Set("Cache-Control", "no-cache")
		writeBody(w, r, status, ctype, data)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, r, status, ctype, s.inject(snap, name, data))
}

// writeBody writes a whole response; a HEAD request gets its header only.
func writeBody(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// contentTypes are the media types of the files a site holds, by
// extension; others are sent as application/octet-stream. The table is
// kb's own rather than the system's, so the answer is the same on every
// machine.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8", ".json": "application/json",
	".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".md": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
	".pdf": "application/pdf", ".woff": "font/woff", ".woff2": "font/woff2",
	".wasm": "application/wasm", ".gz": "application/gzip",
}

// contentType returns the media type of a site file by its extension.
func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// isHTML reports a page the preview is added to.
func isHTML(name string) bool {
	return strings.HasPrefix(contentType(name), "text/html")
}
