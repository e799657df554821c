package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

const handlerSite = `
-- index.html --
<!DOCTYPE html><title>home</title>
-- search/index.html --
<!DOCTYPE html><title>search</title>
-- search/client.js --
console.log("client");
-- search/chunk.pf_index --
binary-ish
`

func TestSiteHandler(t *testing.T) {
	outside := t.TempDir()
	dir := filepath.Join(outside, "site")
	kbtest.WriteTree(t, dir, handlerSite)
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../secret.txt", filepath.Join(dir, "search", "out.txt")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	h := siteHandler{root: root}
	tests := []struct {
		name, path, accept string
		status             int
		ctype, encoding    string
		body               string // decoded
		location           string
	}{
		{"root folder", "/", "gzip", 200, "text/html; charset=utf-8", "gzip", "<!DOCTYPE html><title>home</title>\n", ""},
		{"folder with slash", "/search/", "gzip, deflate, br", 200, "text/html; charset=utf-8", "gzip", "<!DOCTYPE html><title>search</title>\n", ""},
		{"folder without slash", "/search", "gzip", 301, "", "", "", "/search/"},
		{"javascript", "/search/client.js", "gzip", 200, "text/javascript; charset=utf-8", "gzip", "console.log(\"client\");\n", ""},
		{"no gzip asked", "/search/client.js", "", 200, "text/javascript; charset=utf-8", "", "console.log(\"client\");\n", ""},
		{"unknown type", "/search/chunk.pf_index", "gzip", 200, "application/octet-stream", "", "binary-ish\n", ""},
		{"missing", "/nothing.js", "gzip", 404, "", "", "", ""},
		{"symlink out of the site", "/search/out.txt", "", 404, "", "", "", ""},
		{"dot-dot stays inside", "/../../search/client.js", "", 200, "text/javascript; charset=utf-8", "", "console.log(\"client\");\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.location != "" && res.Header.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", res.Header.Get("Location"), tt.location)
			}
			if tt.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.encoding)
			}
			raw := rec.Body.Bytes()
			if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(raw)) {
				t.Errorf("Content-Length %s, body %d bytes", got, len(raw))
			}
			if got := decoded(t, raw, tt.encoding); got != tt.body {
				t.Errorf("body %q, want %q", got, tt.body)
			}
		})
	}
}

func decoded(t *testing.T, raw []byte, encoding string) string {
	t.Helper()
	if encoding != "gzip" {
		return string(raw)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCompressible(t *testing.T) {
	tests := []struct {
		ctype string
		want  bool
	}{
		{"text/html; charset=utf-8", true},
		{"text/css; charset=utf-8", true},
		{"text/javascript; charset=utf-8", true},
		{"application/json", true},
		{"application/manifest+json", true},
		{"image/svg+xml", true},
		{"application/wasm", true},
		{"application/octet-stream", false},
		{"image/png", false},
		{"font/woff2", false},
	}
	for _, tt := range tests {
		if got := compressible(tt.ctype); got != tt.want {
			t.Errorf("compressible(%q) = %v, want %v", tt.ctype, got, tt.want)
		}
	}
}
