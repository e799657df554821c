package mdscan

import (
	"bytes"
	"strings"
)

// blockTags are the HTML elements that start an HTML block that ends at a
// blank line (CommonMark's kind 6).
var blockTags = wordSet(`address article aside base basefont blockquote body caption center col colgroup
	dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head
	header hr html iframe legend li link main menu menuitem meta nav noframes ol optgroup option p param search
	section summary table tbody td tfoot th thead title tr track ul`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// htmlStart returns the kind (1-7) of HTML block that line l (without
// indentation) starts, or 0. A lone tag (kind 7) cannot interrupt a
// paragraph: it counts only when alone, no paragraph being open.
func htmlStart(l []byte, alone bool) int {
	if len(l) < 2 || l[0] != '<' {
		return 0
	}
	lower := strings.ToLower(string(l))
	switch {
	case hasTagPrefix(lower[1:], "script", "pre", "style", "textarea"):
		return 1
	case strings.HasPrefix(lower, "<!--"):
		return 2
	case strings.HasPrefix(lower, "<?"):
		return 3
	case strings.HasPrefix(lower, "<![cdata["):
		return 5
	case len(l) > 2 && l[1] == '!' && l[2] >= 'A' && l[2] <= 'Z':
		return 4
	}
	name := strings.TrimPrefix(lower[1:], "/")
	end := 0
	for end < len(name) && (name[end] >= 'a' && name[end] <= 'z' || name[end] >= '0' && name[end] <= '9' || name[end] == '-') {
		end++
	}
	if end == 0 {
		return 0
	}
	after := name[end:]
	if blockTags[name[:end]] && (after == "" || after[0] == ' ' || after[0] == '\t' || after[0] == '>' || strings.HasPrefix(after, "/>")) {
		return 6
	}
	if alone && isCompleteTagLine(lower) {
		return 7
	}
	return 0
}

func hasTagPrefix(s string, names ...string) bool {
	for _, n := range names {
		if strings.HasPrefix(s, n) {
			rest := s[len(n):]
			if rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '>' {
				return true
			}
		}
	}
	return false
}

// isCompleteTagLine reports a line holding one complete opening or closing
// tag, with well-formed attributes, and nothing else.
func isCompleteTagLine(l string) bool {
	t := strings.TrimRight(l, " \t")
	if !strings.HasSuffix(t, ">") {
		return false
	}
	inner := strings.TrimSuffix(t[1:], ">")
	closing := strings.HasPrefix(inner, "/")
	inner = strings.TrimPrefix(inner, "/")
	i := 0
	for i < len(inner) && (isWordChar(inner[i]) && inner[i] < 0x80 || i > 0 && inner[i] == '-') {
		i++
	}
	if i == 0 || !(inner[0] >= 'a' && inner[0] <= 'z') {
		return false
	}
	rest := inner[i:]
	if closing {
		return strings.TrimSpace(rest) == ""
	}
	return validAttributes(strings.TrimSuffix(strings.TrimRight(rest, " \t"), "/"))
}

// validAttributes reports whether s is a run of HTML attributes: each
// after white space, a name, and optionally = and a value.
func validAttributes(s string) bool {
	for s != "" {
		t := strings.TrimLeft(s, " \t")
		if t == "" {
			return true
		}
		if len(t) == len(s) {
			return false // attributes are separated by white space
		}
		n := 0
		for n < len(t) && (isWordChar(t[n]) && t[n] < 0x80 || t[n] == '_' || t[n] == ':' || n > 0 && (t[n] == '.' || t[n] == '-')) {
			n++
		}
		if n == 0 {
			return false
		}
		s = t[n:]
		v := strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(v, "=") {
			continue
		}
		v = strings.TrimLeft(v[1:], " \t")
		switch {
		case v == "":
			return false
		case v[0] == '"' || v[0] == '\'':
			end := strings.IndexByte(v[1:], v[0])
			if end < 0 {
				return false
			}
			s = v[end+2:]
		default:
			end := strings.IndexAny(v, " \t\"'=<>`")
			if end == 0 {
				return false
			}
			if end < 0 {
				end = len(v)
			}
			s = v[end:]
		}
	}
	return true
}

func (s *scanner) startHTML(n int, l []byte, kind int) {
	s.endList()
	s.flushRun()
	s.html, s.htmlFirst = kind, n
	s.htmlLine(n, l)
}

// htmlLine reads a line of the open HTML block, ending it where its kind
// ends: a closing marker (kinds 1-5, that line included) or a blank line.
func (s *scanner) htmlLine(n int, l []byte) {
	var closer string
	switch s.html {
	case 1:
		lower := strings.ToLower(string(l))
		if strings.Contains(lower, "</script>") || strings.Contains(lower, "</pre>") || strings.Contains(lower, "</style>") || strings.Contains(lower, "</textarea>") {
			s.htmlLast(n)
			return
		}
	case 2:
		closer = "-->"
	case 3:
		closer = "?>"
	case 4:
		closer = ">"
	case 5:
		closer = "]]>"
	default:
		if isBlankLine(l) {
			s.endHTML()
			s.blankLine(n)
			return
		}
	}
	if closer != "" && bytes.Contains(l, []byte(closer)) && !(n == s.htmlFirst && s.html == 2 && !bytes.Contains(l[bytes.Index(l, []byte("<!--"))+4:], []byte(closer))) {
		s.htmlLast(n)
		return
	}
	s.htmlEndLine = n
}

// htmlLast ends the open HTML block with line n.
func (s *scanner) htmlLast(n int) {
	s.htmlEndLine = n
	s.endHTML()
}

func (s *scanner) endHTML() {
	if s.html != 0 {
		e := s.event(HTMLBlock, s.htmlFirst, 0)
		e.First, e.Last = s.htmlFirst, max(s.htmlFirst, s.htmlEndLine)
		s.send()
	}
	s.html = 0
}
