package content

import (
	"bytes"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastYAML parses the front matter most files hold: a mapping of keys to
// plain or quoted values, flow lists ("[a, b]"), and block lists of values
// or of small mappings (action items). It builds the same nodes, with the
// same lines and columns, as yaml.v3, several times faster. Anything
// outside that form (anchors, tags, block scalars, nested mappings, escapes,
// tabs, anything malformed) makes it give up, ok false, and the caller
// parses the block with yaml.v3. A differential test and a fuzz target
// check that the two agree whenever fastYAML answers.
//
// block starts with an empty line that stands for line firstLine.
func fastYAML(block []byte, firstLine int) (root *yaml.Node, ok bool) {
	return fastYAMLIn(block, firstLine, nil)
}

// nodeArena is the room a Parser keeps for the nodes of one front matter
// block at a time: a document's nodes are read within Parse, and the next
// document's are made over them, so that reading a KB's front matter does
// not allocate its nodes anew for every file.
type nodeArena struct {
	nodes []yaml.Node
}

// fastYAMLIn is fastYAML making its nodes in arena (nil: in new memory),
// which it first makes as large as the block's estimate (see room) when
// it is not; nodes past the estimate go to new memory. The nodes are
// valid until the next call with the same arena.
func fastYAMLIn(block []byte, firstLine int, arena *nodeArena) (root *yaml.Node, ok bool) {
	if !plainBlock(block) {
		return nil, false
	}
	p := newFastParser(block, firstLine)
	if arena != nil {
		if cap(arena.nodes) < p.room {
			arena.nodes = make([]yaml.Node, 0, p.room)
		}
		p.nodes, p.room = arena.nodes[:0], 16 // the chunks after the first are small
	}
	root = p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	root.Content = make([]*yaml.Node, 0, 2*topLevelLines(p.lines))
	for p.i = 1; p.i < len(p.lines); {
		l := p.lines[p.i]
		if isBlankOrComment(l) {
			p.i++
			continue
		}
		if l[0] == ' ' || l[0] == '\t' {
			return nil, false
		}
		key, valueAt, ok := splitKey(l, 0)
		if !ok {
			return nil, false
		}
		keyNode := p.scalarNode(key, p.i, 0, 0)
		value, ok := p.value(valueAt, 0)
		if !ok {
			return nil, false
		}
		if len(root.Content) == 0 {
			root.Line, root.Column = keyNode.Line, keyNode.Column
		}
		root.Content = append(root.Content, keyNode, value)
	}
	if len(root.Content) == 0 {
		return nil, true
	}
	return root, true
}

// plainBlock reports text without the characters YAML treats specially
// beyond the fast path: control characters, Unicode line breaks, byte-order
// marks, and invalid UTF-8.
func plainBlock(block []byte) bool {
	for i, c := range block {
		if c < 0x20 && c != '\n' || c == 0x7f || c == 0xc2 && i+1 < len(block) && block[i+1] < 0xa0 {
			return false // C0 and C1 controls, NEL among them
		}
	}
	return utf8.Valid(block) && !bytes.Contains(block, []byte("\u2028")) && !bytes.Contains(block, []byte("\u2029")) &&
		!bytes.Contains(block, []byte("\ufeff")) && !bytes.Contains(block, []byte("\ufffe")) && !bytes.Contains(block, []byte("\uffff"))
}

type fastParser struct {
	lines [][]byte
	// text is the block as one string, and starts the offset of each line
	// in it: the nodes' values are cut from it, not copied one by one.
	text   string
	starts []int
	first  int // the file line of lines[0]
	i      int // the line being read
	// The last column found, on line colLine at index colAt, so that the
	// items of a long flow list cost their line once.
	colLine, colAt, colN int
	// nodes is the free room of the chunk the nodes are made in, so that a
	// block's nodes cost a few allocations rather than one each.
	nodes []yaml.Node
	// room is the number of nodes the first chunk holds: two a line and
	// one an item of a flow list, which is enough for most blocks; the
	// chunks after it are small.
	room int
}

func newFastParser(block []byte, firstLine int) *fastParser {
	p := &fastParser{lines: bytes.Split(block, []byte{'\n'}), text: string(block), first: firstLine}
	p.room = 2*len(p.lines) + bytes.Count(block, []byte{','}) + 8
	p.starts = make([]int, len(p.lines))
	off := 0
	for i, l := range p.lines {
		p.starts[i] = off
		off += len(l) + 1
	}
	return p
}

// topLevelLines counts the lines that may start a top-level key, for the
// root mapping's room.
func topLevelLines(lines [][]byte) int {
	n := 0
	for _, l := range lines {
		if len(l) > 0 && l[0] != ' ' && l[0] != '#' {
			n++
		}
	}
	return n
}

// node returns a pointer to a copy of n, made in the parser's chunk.
func (p *fastParser) node(n yaml.Node) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, p.room)
		p.room = 16
	}
	p.nodes = append(p.nodes, n)
	return &p.nodes[len(p.nodes)-1]
}

// str returns lines[i][from:end] as a string cut from the block's text.
func (p *fastParser) str(i, from, end int) string {
	return p.text[p.starts[i]+from : p.starts[i]+end]
}

func (p *fastParser) line(i int) int { return p.first + i }

// col returns the character column of index at of line i.
func (p *fastParser) col(i, at int) int {
	from, n := 0, 1
	if p.colLine == i && p.colAt <= at {
		from, n = p.colAt, p.colN
	}
	n += utf8.RuneCount(p.lines[i][from:at])
	p.colLine, p.colAt, p.colN = i, at, n
	return n
}

func isBlankOrComment(l []byte) bool {
	t := bytes.TrimLeft(l, " ")
	return len(t) == 0 || t[0] == '#'
}

// splitKey reads "key:" at index from of l, returning the key's end and
// the index of the value after it.
func splitKey(l []byte, from int) (keyEnd, valueAt int, ok bool) {
	i := from
	for i < len(l) && isKeyByte(l[i]) {
		i++
	}
	// YAML limits implicit keys to 1024 characters.
	if i == from || i-from > 1000 || i >= len(l) || l[i] != ':' || (i+1 < len(l) && l[i+1] != ' ') {
		return 0, 0, false
	}
	return i, i + 1, true
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// scalarNode makes the node of a plain scalar text lines[i][from:end]. It
// is left untagged: ShortTag resolves it as yaml.v3 would, when asked.
func (p *fastParser) scalarNode(end, i, from int, style yaml.Style) *yaml.Node {
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Value: p.str(i, from, end), Line: p.line(i), Column: p.col(i, from), Style: style})
}

// value reads the value that starts at index at of the current line, whose
// key stands at column indent, and moves past the lines it takes.
func (p *fastParser) value(colon, indent int) (*yaml.Node, bool) {
	l := p.lines[p.i]
	at := colon
	for at < len(l) && l[at] == ' ' {
		at++
	}
	if at == len(l) || l[at] == '#' {
		return p.emptyValue(colon, indent)
	}
	n, ok := p.inlineValue(p.i, at)
	p.i++
	return n, ok
}

// emptyValue reads what follows "key:" with nothing after it: a block list
// on the lines below, or a null, which yaml.v3 places right after the colon
// (at).
func (p *fastParser) emptyValue(at, indent int) (*yaml.Node, bool) {
	i := p.i + 1
	for i < len(p.lines) && isBlankOrComment(p.lines[i]) {
		i++
	}
	if i < len(p.lines) {
		l := p.lines[i]
		w := leadingSpaces(l)
		if w > indent || w == indent && isDashItem(l[w:]) {
			if !isDashItem(l[w:]) {
				return nil, false // a nested mapping
			}
			p.i = i
			return p.blockList(w)
		}
	}
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: p.line(p.i), Column: p.col(p.i, at)})
	p.i++
	return n, true
}

func leadingSpaces(l []byte) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

func isDashItem(l []byte) bool { return len(l) > 0 && l[0] == '-' && (len(l) == 1 || l[1] == ' ') }

// blockList reads "- item" lines at column indent.
func (p *fastParser) blockList(indent int) (*yaml.Node, bool) {
	list := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.line(p.i), Column: indent + 1})
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if isBlankOrComment(l) {
			p.i++
			continue
		}
		w := leadingSpaces(l)
		if w < indent || w == indent && !isDashItem(l[w:]) {
			break
		}
		if w > indent || bytes.IndexByte(l, '\t') >= 0 {
			return nil, false
		}
		at := w + 1
		for at < len(l) && l[at] == ' ' {
			at++
		}
		if at == len(l) || l[at] == '#' {
			return nil, false // an item on the lines below
		}
		var item *yaml.Node
		var ok bool
		if _, _, isKey := splitKey(l, at); isKey {
			item, ok = p.listMapping(at)
		} else {
			item, ok = p.inlineValue(p.i, at)
			p.i++
		}
		if !ok {
			return nil, false
		}
		list.Content = append(list.Content, item)
	}
	return list, true
}

// listMapping reads a mapping that is a list item: "- key: value" and the
// "key: value" lines below it at the same column.
func (p *fastParser) listMapping(col int) (*yaml.Node, bool) {
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.line(p.i), Column: p.col(p.i, col)})
	first := true
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if isBlankOrComment(l) {
			p.i++
			continue
		}
		if !first {
			if leadingSpaces(l) != col {
				break
			}
		}
		first = false
		end, valueAt, ok := splitKey(l, col)
		if !ok {
			return nil, false
		}
		key := p.scalarNode(end, p.i, col, 0)
		rest := valueAt
		for rest < len(l) && l[rest] == ' ' {
			rest++
		}
		var value *yaml.Node
		if rest == len(l) || l[rest] == '#' {
			// Only a null: nested blocks are left to yaml.v3.
			next := p.i + 1
			for next < len(p.lines) && isBlankOrComment(p.lines[next]) {
				next++
			}
			if next < len(p.lines) && leadingSpaces(p.lines[next]) > col {
				return nil, false
			}
			value = p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: p.line(p.i), Column: p.col(p.i, valueAt)})
			p.i++
		} else {
			value, ok = p.inlineValue(p.i, rest)
			p.i++
			if !ok {
				return nil, false
			}
		}
		m.Content = append(m.Content, key, value)
	}
	return m, true
}

// inlineValue reads a value that fits on line i from index at: a plain or
// quoted scalar or a flow list, and nothing but a comment after it.
func (p *fastParser) inlineValue(i, at int) (*yaml.Node, bool) {
	l := p.lines[i]
	if bytes.IndexByte(l, '\t') >= 0 {
		return nil, false
	}
	var n *yaml.Node
	var end int
	var ok bool
	switch l[at] {
	case '[':
		n, end, ok = p.flowList(i, at)
	case '"', '\'':
		n, end, ok = p.quoted(i, at)
	default:
		n, end, ok = p.plain(i, at, false)
	}
	if !ok || !restIsComment(l, end) {
		return nil, false
	}
	return n, true
}

// restIsComment reports nothing after index end of l but spaces and a
// comment, which must follow a space.
func restIsComment(l []byte, end int) bool {
	i := end
	for i < len(l) && l[i] == ' ' {
		i++
	}
	return i == len(l) || l[i] == '#' && i > 0 && l[i-1] == ' '
}

// plain reads a plain scalar; in a flow list it ends at "," or "]".
func (p *fastParser) plain(i, at int, flow bool) (*yaml.Node, int, bool) {
	l := p.lines[i]
	switch l[at] {
	case '&', '*', '!', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '#', '"', '\'':
		return nil, 0, false
	case '-', '?', ':':
		if at+1 == len(l) || l[at+1] == ' ' || flow && (l[at] != '-' || bytes.IndexByte([]byte(",[]{}"), l[at+1]) >= 0) {
			return nil, 0, false
		}
	}
	end := at
	for end < len(l) {
		c := l[end]
		if c == '#' && l[end-1] == ' ' {
			break
		}
		if c == ':' && (end+1 == len(l) || l[end+1] == ' ' || flow) {
			return nil, 0, false
		}
		if flow && (c == ',' || c == ']') {
			break
		}
		if flow && !isFlowSafe(c) {
			return nil, 0, false // punctuation YAML may read as syntax in a flow list
		}
		end++
	}
	stop := end
	for stop > at && l[stop-1] == ' ' {
		stop--
	}
	if stop == at || string(l[at:stop]) == "<<" { // "<<" is a merge key
		return nil, 0, false
	}
	return p.scalarNode(stop, i, at, 0), end, true
}

// isFlowSafe reports the bytes a plain item of a flow list may hold on
// the fast path: letters, digits, spaces and "_./@+-".
func isFlowSafe(c byte) bool {
	return isKeyByte(c) || c == ' ' || c == '/' || c == '@' || c == '+' || c >= 0x80
}

// quoted reads a quoted scalar without escapes.
func (p *fastParser) quoted(i, at int) (*yaml.Node, int, bool) {
	l := p.lines[i]
	q := l[at]
	end := bytes.IndexByte(l[at+1:], q)
	if end < 0 {
		return nil, 0, false
	}
	end += at + 1
	value := l[at+1 : end]
	if q == '"' && bytes.IndexByte(value, '\\') >= 0 || q == '\'' && end+1 < len(l) && l[end+1] == '\'' {
		return nil, 0, false // escapes
	}
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p.str(i, at+1, end), Style: style, Line: p.line(i), Column: p.col(i, at)})
	return n, end + 1, true
}

// flowList reads "[a, b, 'c']" on one line.
func (p *fastParser) flowList(i, at int) (*yaml.Node, int, bool) {
	l := p.lines[i]
	list := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: p.line(i), Column: p.col(i, at)})
	list.Content = make([]*yaml.Node, 0, bytes.Count(l[at:], []byte{','})+1)
	j := at + 1
	for {
		for j < len(l) && l[j] == ' ' {
			j++
		}
		if j == len(l) {
			return nil, 0, false
		}
		if l[j] == ']' {
			return list, j + 1, true // "[]", or a trailing comma
		}
		var item *yaml.Node
		var ok bool
		if l[j] == '"' || l[j] == '\'' {
			item, j, ok = p.quoted(i, j)
		} else {
			item, j, ok = p.plain(i, j, true)
		}
		if !ok {
			return nil, 0, false
		}
		list.Content = append(list.Content, item)
		for j < len(l) && l[j] == ' ' {
			j++
		}
		if j < len(l) && l[j] == ',' {
			j++
			continue
		}
		if j < len(l) && l[j] == ']' {
			return list, j + 1, true
		}
		return nil, 0, false
	}
}
