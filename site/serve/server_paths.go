package serve

import (
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxNameBytes bounds the site name a request may ask for; the site's
// own names are far shorter (site cuts long URL segments).
const maxNameBytes = 1024

// siteName returns the name of the site file a request's path asks for,
// as Pages.File takes it: "/" is "index.html", "/x/" is "x/index.html",
// "/x" is "x". status is not 0 when the path is refused: 400 for a path
// that could only be an attempt to leave the site (dot segments, encoded
// slashes or backslashes, control characters, empty segments), 414 for
// one too long. The name it returns is always an fs.ValidPath.
func siteName(rawPath, path string) (name string, status int) {
	if len(path) > maxNameBytes {
		return "", http.StatusRequestURITooLong
	}
	if refusedEscapes(rawPath) || !strings.HasPrefix(path, "/") || !utf8.ValidString(path) {
		return "", http.StatusBadRequest
	}
	name = path[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !safeName(name) {
		return "", http.StatusBadRequest
	}
	return name, 0
}

// refusedEscapes reports an escaped path that encodes a slash, a
// backslash or a NUL, which would make one segment look like several.
func refusedEscapes(raw string) bool {
	lower := strings.ToLower(raw)
	for _, esc := range []string{"%2f", "%5c", "%00"} {
		if strings.Contains(lower, esc) {
			return true
		}
	}
	return false
}

// safeName reports a name with nothing a path outside the site could be
// made of: no backslash or control character, no colon in its first
// segment (a drive letter, a scheme), no "." or ".." segment and no empty
// one.
func safeName(name string) bool {
	for _, r := range name {
		if r == '\\' || r < 0x20 || r == 0x7f {
			return false
		}
	}
	first, _, _ := strings.Cut(name, "/")
	return !strings.Contains(first, ":") && fs.ValidPath(name)
}
