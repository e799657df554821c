package main

import (
	"bytes"
	"compress/gzip"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// siteHandler serves a built site folder as a typical static host does:
// index.html for a folder, a redirect to the slash for a folder named
// without it, Content-Type by file extension (application/octet-stream when
// unknown), and gzip (Content-Encoding gzip, default level) for text types
// when the browser accepts it. Bodies are compressed whole, so every
// response has a Content-Length and no chunk framing.
type siteHandler struct {
	root *os.Root
}

// ServeHTTP answers GET and HEAD for files under the root.
func (h siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	info, err := h.root.Stat(name)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
	}
	body, err := h.root.ReadFile(name)
	if err != nil { // missing, a folder without index.html, or outside the root
		http.NotFound(w, r)
		return
	}
	h.write(w, r, name, body)
}

// write sends body with the headers a static host would give it.
func (h siteHandler) write(w http.ResponseWriter, r *http.Request, name string, body []byte) {
	ctype := contentType(name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=600")
	if compressible(ctype) {
		w.Header().Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body = gzipped(body)
			w.Header().Set("Content-Encoding", "gzip")
		}
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// contentType is the MIME type of a file name by its extension.
func contentType(name string) string {
	if t := mime.TypeByExtension(filepath.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether a static host would gzip a response of this
// type: text, JavaScript, JSON, XML, SVG and WebAssembly.
func compressible(ctype string) bool {
	base, _, _ := strings.Cut(ctype, ";")
	base = strings.TrimSpace(base)
	switch {
	case strings.HasPrefix(base, "text/"):
		return true
	case strings.HasSuffix(base, "+json"), strings.HasSuffix(base, "+xml"):
		return true
	}
	switch base {
	case "application/javascript", "application/json", "application/xml", "application/wasm", "image/svg+xml":
		return true
	}
	return false
}

// acceptsGzip reports whether the request's Accept-Encoding lists gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, _, _ := strings.Cut(part, ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			return true
		}
	}
	return false
}

// gzipped is body compressed with gzip at the default level.
func gzipped(body []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(body) // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	return buf.Bytes()
}

// countingListener counts the bytes the server writes on all its
// connections: the responses as they go on the wire, headers included.
type countingListener struct {
	net.Listener
	written *atomic.Int64
}

// Accept returns the next connection, wrapped to count what is written.
func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{Conn: c, written: l.written}, nil
}

// countingConn adds the bytes written on it to a shared count.
type countingConn struct {
	net.Conn
	written *atomic.Int64
}

// Write writes p and counts the bytes written.
func (c countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.written.Add(int64(n))
	return n, err
}

// server is a site folder served over HTTP on a loopback port.
type server struct {
	url     string
	root    *os.Root
	http    *http.Server
	written atomic.Int64
}

// serve starts serving dir on a free loopback port.
func serve(dir string) (*server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = root.Close()
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String(), root: root}
	s.http = &http.Server{Handler: siteHandler{root: root}, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(countingListener{Listener: ln, written: &s.written}) }()
	return s, nil
}

// close stops the server and releases the folder.
func (s *server) close() {
	_ = s.http.Close()
	_ = s.root.Close()
}
