package site

import (
	"html/template"
	"strings"
)

// htmlWriter builds HTML in Go for the rows of long lists, where a template
// would pay a reflective call per value. It escapes as html/template does
// in the same places (text and quoted attributes, links), so a row written
// here reads the same as one written by a template.
type htmlWriter struct{ b strings.Builder }

// newHTMLWriter returns a writer with room for about size bytes.
func newHTMLWriter(size int) *htmlWriter {
	w := &htmlWriter{}
	w.b.Grow(size)
	return w
}

// html returns what was written.
func (w *htmlWriter) html() template.HTML { return template.HTML(w.b.String()) }

// raw appends markup as it is.
func (w *htmlWriter) raw(s string) { w.b.WriteString(s) }

// text appends s escaped for element text or a quoted attribute value.
func (w *htmlWriter) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := htmlEscapes[s[i]]
		if esc == "" {
			continue
		}
		w.b.WriteString(s[last:i])
		w.b.WriteString(esc)
		last = i + 1
	}
	w.b.WriteString(s[last:])
}

// htmlEscapes are html/template's replacements in text and attributes.
var htmlEscapes = [256]string{
	0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
}

// link appends a link destination for a quoted href: a scheme other than
// http, https or mailto becomes "#ZgotmplZ" (html/template's marker for a
// refused value), bytes outside RFC 3986 are percent-encoded, and the
// result is escaped for the attribute.
func (w *htmlWriter) link(s string) {
	if plainPath(s) {
		w.raw(s)
		return
	}
	if !isSafeURL(s) {
		w.raw("#ZgotmplZ")
		return
	}
	w.text(normalizeURL(s))
}

// plainPath reports whether s is a relative path of letters, digits and
// -._~/ only, as the links between kb's own pages are: such a link needs
// no checking, encoding or escaping.
func plainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '/' || c == '.' || c == '_' || c == '~' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// isSafeURL reports whether a link has no scheme or a harmless one.
func isSafeURL(s string) bool {
	scheme, _, found := strings.Cut(s, ":")
	if !found || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// normalizeURL percent-encodes the bytes of s that may not appear in a URL
// as they are, keeping those that may and existing escapes (a '%' before
// two hex digits).
func normalizeURL(s string) string {
	const hex = "0123456789abcdef"
	var out []byte
	for i := 0; i < len(s); i++ {
		if c := s[i]; !urlByte(c) || c == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			if out == nil {
				out = append(make([]byte, 0, len(s)+8), s[:i]...)
			}
			out = append(out, '%', hex[c>>4], hex[c&15])
		} else if out != nil {
			out = append(out, c)
		}
	}
	if out == nil {
		return s
	}
	return string(out)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// urlByte reports whether c may stand in a URL unencoded: the unreserved
// and reserved characters of RFC 3986 and '%', but not the quote and the
// parentheses, so the URL is safe in any attribute.
func urlByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!#$&*+,/:;=?@[]%", c) >= 0
}

// fragment appends s as html/template writes a value after the '#' of a
// quoted href: every byte but the unreserved characters of RFC 3986
// (letters, digits, '-', '.', '_', '~') percent-encoded.
func (w *htmlWriter) fragment(s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			w.b.WriteByte(c)
			continue
		}
		w.b.WriteByte('%')
		w.b.WriteByte(hex[c>>4])
		w.b.WriteByte(hex[c&15])
	}
}
