package content

import (
	"bytes"
	"strings"
)

// text adds the text from..end, on line n, to the current run of text
// lines, starting a new run when it does not follow the last line.
func (s *blockScanner) text(n, from, end int) {
	if s.runStart >= 0 && n == s.runLast+1 {
		s.runEnd, s.runLast = end, n
		return
	}
	s.flushRun()
	s.runStart, s.runEnd, s.runLine, s.runLast = from, end, n, n
}

// flushRun scans the current run of text lines for links.
// A run whose inline markup would cost the renderer work out of
// proportion to its size stops the scan instead.
func (s *blockScanner) flushRun() {
	if s.runStart >= 0 && s.halt == nil {
		text := s.src[s.runStart:s.runEnd]
		if at, why, over := inlineOverBudget(text); over {
			s.stop(s.runPos(s.runStart+at), why)
		} else if hasLinkSyntax(text) {
			s.links(s.runStart, text)
		}
	}
	s.runStart, s.runEnd = -1, -1
}

// links records the links, images and autolinks of text, which starts at
// offset from of the source and may run over several lines. Code spans are
// skipped; reference links take their destination from the document's
// definitions.
func (s *blockScanner) links(from int, l []byte) {
	if !hasLinkSyntax(l) {
		return
	}
	text := string(l)
	var gt nextByte
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '`':
			i = codeSpanEnd(text, i)
		case '!':
			if i+1 < len(text) && text[i+1] == '[' {
				if label, dest, next, ok := s.parseLink(text, i+1); ok {
					s.addLink(dest, true, s.runPos(from+i+2+markupLen(label)))
					i = next - 1
				}
			}
		case '[':
			if label, dest, next, ok := s.parseLink(text, i); ok {
				s.addLink(dest, false, s.runPos(from+i+1+markupLen(label)))
				s.nestedImages(from+i+1, label)
				i = next - 1
			}
		case '<':
			if end := gt.after(text, i, '>'); end > 0 {
				inner := text[i+1 : i+end]
				if isAutolink(inner) {
					s.addLink(autolinkURL(inner), false, s.runPos(from+i))
					i += end
				}
			}
		}
	}
}

// parseLink reads an inline link, or a reference link whose label the
// document defines, starting at the "[" at i.
func (s *blockScanner) parseLink(text string, i int) (label, dest string, next int, ok bool) {
	if label, dest, next, ok = parseInlineLink(text, i); ok {
		return label, dest, next, ok
	}
	if len(s.refs) == 0 {
		return "", "", 0, false
	}
	return parseRefLink(text, i, s.refs)
}

// nestedImages records images inside a link's text: [![badge](img)](url).
func (s *blockScanner) nestedImages(from int, label string) {
	for i := 0; i+1 < len(label); i++ {
		if label[i] == '!' && label[i+1] == '[' {
			if _, dest, next, ok := s.parseLink(label, i+1); ok {
				s.addLink(dest, true, s.runPos(from+i+2))
				i = next - 1
			}
		}
	}
}

func (s *blockScanner) addLink(dest string, image bool, pos Pos) {
	s.doc.Links = append(s.doc.Links, Link{Dest: dest, Image: image, Pos: pos})
}

// markupLen returns the length of the emphasis or code markers that open a
// link's text: a link's position is that of its first word.
func markupLen(label string) int {
	n := 0
	for n < len(label) && (label[n] == '`' || label[n] == '*' || label[n] == '_' || label[n] == '~') {
		n++
	}
	if n < len(label) && n > 0 && label[n-1] == '`' && label[n] == ' ' {
		n++
	}
	return n
}

func hasLinkSyntax(l []byte) bool {
	return bytes.IndexByte(l, '[') >= 0 || bytes.IndexByte(l, '<') >= 0
}

// autolinkURL returns an autolink's destination: an e-mail address gets
// its mailto: scheme.
func autolinkURL(inner string) string {
	if !strings.Contains(inner, ":") && strings.Contains(inner, "@") {
		return "mailto:" + inner
	}
	return inner
}

// refDefinition reads a link reference definition, "[label]: dest".
func refDefinition(line string) (label, dest string, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[^") {
		return "", "", false
	}
	end := strings.Index(t, "]:")
	if end < 2 {
		return "", "", false
	}
	rest := strings.TrimSpace(t[end+2:])
	if rest == "" {
		return "", "", false
	}
	dest = rest
	if i := strings.IndexAny(rest, " \t"); i >= 0 {
		dest = rest[:i]
	}
	return normalizeLabel(t[1:end]), strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">"), true
}

// normalizeLabel folds a reference label the way CommonMark matches them.
func normalizeLabel(l string) string { return strings.ToLower(strings.Join(strings.Fields(l), " ")) }

// collectRefs reads a body's link reference definitions, outside fenced
// code.
func collectRefs(body []byte) map[string]string {
	if !bytes.Contains(body, []byte("]:")) {
		return nil
	}
	refs := map[string]string{}
	var fenceChar byte
	lines := bytes.Split(body, []byte{'\n'})
	for k, line := range lines {
		t := bytes.TrimLeft(line, " ")
		if c := fenceOpen(t); c != 0 && (fenceChar == 0 || c == fenceChar) {
			if fenceChar == 0 {
				fenceChar = c
			} else {
				fenceChar = 0
			}
			continue
		}
		if fenceChar != 0 {
			continue
		}
		def := string(line)
		if strings.HasSuffix(strings.TrimRight(def, " \t"), "]:") && k+1 < len(lines) {
			def += " " + strings.TrimSpace(string(lines[k+1])) // the destination on the next line
		}
		if label, dest, ok := refDefinition(def); ok {
			if _, seen := refs[label]; !seen {
				refs[label] = dest
			}
		}
	}
	return refs
}

// parseRefLink reads a full ("[text][label]"), collapsed ("[label][]") or
// shortcut ("[label]") reference link at i whose label refs defines.
func parseRefLink(text string, i int, refs map[string]string) (label, dest string, next int, ok bool) {
	end := matchingBracket(text, i)
	if end < 0 {
		return "", "", 0, false
	}
	label = text[i+1 : end]
	key := label
	next = end + 1
	if next < len(text) && text[next] == '[' {
		if end2 := matchingBracket(text, next); end2 >= 0 {
			if inner := text[next+1 : end2]; inner != "" {
				key = inner
			}
			next = end2 + 1
		}
	} else if next < len(text) && (text[next] == '(' || text[next] == ':') {
		return "", "", 0, false
	}
	dest, ok = refs[normalizeLabel(key)]
	return label, dest, next, ok
}

// matchingBracket returns the index of the "]" that closes the "[" at i;
// code spans bind tighter than brackets, as in an inline link.
func matchingBracket(text string, i int) int {
	depth := 0
	for j := i; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '`':
			j = codeSpanEnd(text, j)
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}
