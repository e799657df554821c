package mdscan

import (
	"bytes"
	"strings"
)

// Refs are a document's link reference definitions: destinations by
// normalized label (see NormalizeLabel).
type Refs map[string]string

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
	return NormalizeLabel(t[1:end]), strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">"), true
}

// NormalizeLabel folds a reference label the way CommonMark matches them.
func NormalizeLabel(l string) string { return strings.ToLower(strings.Join(strings.Fields(l), " ")) }

// ReadRefs reads the link reference definitions of a body, outside
// fenced code; the first definition of a label wins. It returns nil when
// there are none.
func ReadRefs(body []byte) Refs {
	if !bytes.Contains(body, []byte("]:")) {
		return nil
	}
	refs := Refs{}
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
func parseRefLink(text string, i int, refs Refs) (label, dest string, next int, ok bool) {
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
	dest, ok = refs[NormalizeLabel(key)]
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

// IsRefDefinition reports whether a line is a link reference definition
// ("[label]: dest"), which holds no text of its own.
func IsRefDefinition(line string) bool {
	_, _, ok := refDefinition(line)
	return ok
}

// FirstRefLink returns the destination of the first reference link of
// text ("[text][label]", "[label][]" or "[label]") that refs defines, or
// "".
func FirstRefLink(text string, refs Refs) string {
	for i := strings.IndexByte(text, '['); i >= 0 && i < len(text); {
		if _, dest, _, ok := parseRefLink(text, i, refs); ok {
			return dest
		}
		j := strings.IndexByte(text[i+1:], '[')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return ""
}
