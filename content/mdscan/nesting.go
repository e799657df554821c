package mdscan

// nestingMeter follows how deep block quotes and list items nest, line by
// line, the way the renderer opens them, closely enough to keep the depth
// under maxNesting: it may count a container that is already closed, but
// it does not miss one that is open.
type nestingMeter struct {
	quotes int
	// items are the content columns of the list items open at the current
	// quote depth, innermost last.
	items     []int
	prevBlank bool
}

// line reads line l (outside code and HTML blocks) and returns the index
// in l of the marker that nests deeper than maxNesting, or -1.
func (m *nestingMeter) line(l []byte) int {
	if isBlankLine(l) {
		m.prevBlank = true
		return -1
	}
	i, q := 0, 0
	for {
		w, j := indentOf(l[i:])
		if w > 3 || i+j >= len(l) || l[i+j] != '>' {
			break
		}
		if q++; q > maxNesting {
			return i + j
		}
		i += j + 1
		if i < len(l) && l[i] == ' ' {
			i++
		}
	}
	if q != m.quotes {
		m.items, m.quotes = m.items[:0], q
	}
	rest := l[i:]
	w, j := indentOf(rest)
	// A line that is not a list item may be a lazy continuation, which
	// closes nothing; so only a new item, or a line after a blank, does.
	if m.prevBlank || listMarker(rest[j:]) > 0 {
		for len(m.items) > 0 && m.items[len(m.items)-1] > w {
			m.items = m.items[:len(m.items)-1]
		}
	}
	m.prevBlank = false
	if at := m.markers(rest, w, j); at >= 0 {
		return i + at
	}
	return -1
}

// markers reads the container markers that open rest (of indent w, its
// first other byte at j): list items, and quotes inside them, and returns
// the index of the one that nests too deep, or -1.
func (m *nestingMeter) markers(rest []byte, w, j int) int {
	base := 0
	if len(m.items) > 0 {
		base = m.items[len(m.items)-1]
	}
	depth := m.quotes + len(m.items)
	inherit := true // items on this line before any quote are remembered
	for j < len(rest) && w <= base+3 {
		at := j
		switch n := listMarker(rest[j:]); {
		case rest[j] == '>':
			inherit = false
			depth++
			j++
			w++
			if j < len(rest) && rest[j] == ' ' {
				j++
				w++
			}
			base = w
		case n > 0 && !isThematicBreak(rest[j:]):
			sw, sk := indentOf(rest[j+n:])
			content := w + n + sw
			if sw > 4 || j+n+sk == len(rest) {
				content = w + n + 1
			}
			if inherit {
				m.items = append(m.items, content)
			}
			depth++
			j += n + sk
			w, base = content, content
			if sw > 4 {
				j = len(rest)
			}
		default:
			return -1
		}
		if depth > maxNesting {
			return at
		}
		if j < len(rest) {
			dw, dj := indentOf(rest[j:])
			w, j = w+dw, j+dj
		}
	}
	return -1
}
