package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// frontMatter is the result of splitting a file into front matter and body.
type frontMatter struct {
	present bool
	root    *yaml.Node // the top-level mapping; nil when absent or broken
	// bodyOffset and bodyLine locate the markdown after the block.
	bodyOffset int
	bodyLine   int
}

// delimiter reports whether line is a front matter fence made of c ("---"
// or "+++"), allowing trailing spaces.
func isFence(line []byte, fence string) bool {
	return string(bytes.TrimRight(line, " \t")) == fence
}

// nextLine returns the line starting at offset (without its newline) and
// the offset of the line after it.
func nextLine(src []byte, offset int) ([]byte, int) {
	i := bytes.IndexByte(src[offset:], '\n')
	if i < 0 {
		return src[offset:], len(src)
	}
	return src[offset : offset+i], offset + i + 1
}

// splitFrontMatter finds and parses the YAML block at the top of src (a
// normalized file). Problems come back as positioned errors; the body is
// still located so the rest of the document can be read.
//
// The nodes of the block are made in arena (see fastYAMLIn); nil makes
// them in new memory.
func splitFrontMatter(file string, src []byte, limit int64, arena *nodeArena) (frontMatter, *Error) {
	fm := frontMatter{bodyLine: 1}
	first, after := nextLine(src, 0)
	switch {
	case isFence(first, "+++"):
		fm.present = true
		if end, next, ok := findFence(src, after, "+++"); ok {
			fm.bodyOffset, fm.bodyLine = next, end+1
		}
		return fm, newError(file, src, 1, 1, "TOML front matter (+++) is not supported: write the block as YAML between --- lines")
	case !isFence(first, "---"):
		return fm, nil
	}
	fm.present = true
	end, next, ok := findFence(src, after, "---", "...")
	if !ok {
		fm.bodyOffset, fm.bodyLine = after, 2
		return fm, newError(file, src, 1, 1, "front matter opened here is never closed: add a line with --- after the last key")
	}
	fm.bodyOffset, fm.bodyLine = next, end+1
	if int64(next) > limit {
		return fm, newError(file, nil, 1, 1, "front matter is larger than kb reads (%s); kb.yaml limits.front_matter_bytes raises the limit", formatBytes(limit))
	}
	// The block from the opening fence's newline on: its first line is
	// empty and stands for line 1 of the file.
	block := src[after-1 : lineOffset(src, end)]
	if line, col, ok := findTemplate(block); ok {
		return fm, newError(file, src, line, col, "front matter holds a template expression ({{ … }}): kb reads front matter as plain YAML; write the value itself")
	}
	root, err := parseYAML(file, src, block, 1, arena)
	if err != nil {
		return fm, err
	}
	fm.root = root
	return fm, nil
}

// findFence looks for a closing fence line from offset on and returns its
// 1-based line number and the offset after it.
func findFence(src []byte, offset int, fences ...string) (line, next int, ok bool) {
	line = bytes.Count(src[:offset], []byte{'\n'}) + 1
	for offset < len(src) {
		l, n := nextLine(src, offset)
		for _, f := range fences {
			if isFence(l, f) {
				return line, n, true
			}
		}
		offset, line = n, line+1
	}
	return 0, 0, false
}

// lineOffset returns the offset where 1-based line starts.
func lineOffset(src []byte, line int) int {
	off := 0
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// templateValue matches a value that is a Go template expression, quoted or
// not, as archetype files of other static site generators hold.
var templateValue = regexp.MustCompile(`^\s*[^#\s][^:#]*:\s*["']?\{\{`)

// findTemplate returns the 1-based line (within block) and column of a
// template expression used as a front matter value.
func findTemplate(block []byte) (line, col int, ok bool) {
	if !bytes.Contains(block, []byte("{{")) {
		return 0, 0, false
	}
	for n, l := range bytes.Split(block, []byte{'\n'}) {
		if bytes.Contains(l, []byte("{{")) && templateValue.Match(l) {
			return n + 1, bytes.Index(l, []byte("{{")) + 1, true
		}
	}
	return 0, 0, false
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses block into its top-level mapping node, with node lines
// counted in the whole file src. The first line of block must be empty: it
// stands for line firstLine of src. (yaml.v3 misreports the line of an
// error whose context starts on the first line; the empty line avoids it.)
func parseYAML(file string, src, block []byte, firstLine int, arena *nodeArena) (*yaml.Node, *Error) {
	if root, ok := fastYAMLIn(block, firstLine, arena); ok {
		if root == nil {
			return nil, nil
		}
		if err := duplicateKey(file, src, root); err != nil {
			return nil, err
		}
		return root, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil {
		return nil, yamlSyntaxError(file, yamlPlace(file), src, block, firstLine, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil // empty block
	}
	root := doc.Content[0]
	shiftLines(root, firstLine-1, 0)
	if root.Kind != yaml.MappingNode {
		return nil, newError(file, src, root.Line, root.Column, "%s must be a mapping of keys to values, not a %s", yamlPlace(file), nodeKindName(root))
	}
	if err := duplicateKey(file, src, root); err != nil {
		return nil, err
	}
	return root, nil
}

// yamlSyntaxError is the positioned error of a YAML block that yaml.v3
// could not parse, with lines counted in the whole file src; block and
// firstLine are as parseYAML has them, and place names what the block is
// ("front matter", "kb.yaml").
func yamlSyntaxError(file, place string, src, block []byte, firstLine int, err error) *Error {
	msg := err.Error()
	line, col := firstLine+1, 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line, msg = firstLine+n-1, m[2]
		if strings.HasPrefix(msg, "did not find expected") {
			line++ // yaml.v3 counts parser errors, unlike scanner errors, from 0
		}
	} else {
		// yaml.v3 gives no line for an alias to no anchor, its only
		// error without one: kb finds the alias itself.
		msg = trimYAMLPrefix(msg)
		if l, c, ok := undefinedAlias(block); ok {
			line, col = firstLine+l-1, c
		}
	}
	return newError(file, src, line, col, "invalid YAML in %s: %s", place, msg)
}

func trimYAMLPrefix(msg string) string {
	if len(msg) > 6 && msg[:6] == "yaml: " {
		return msg[6:]
	}
	return msg
}

// shiftLines adds delta to the line of every node under n. Alias targets are
// shifted where they are defined, not through the alias.
func shiftLines(n *yaml.Node, delta, depth int) {
	if n == nil || depth > maxYAMLDepth {
		return
	}
	n.Line += delta
	for _, c := range n.Content {
		shiftLines(c, delta, depth+1)
	}
}

// maxYAMLDepth bounds how deep kb follows nested front matter values.
const maxYAMLDepth = 100

func nodeKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	case yaml.AliasNode:
		return "alias"
	default:
		return "mapping"
	}
}
