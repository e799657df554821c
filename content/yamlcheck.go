package content

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlPlace names the YAML of file in messages: kb.yaml, or a document's
// front matter.
func yamlPlace(file string) string {
	if file == ConfigFile {
		return "kb.yaml"
	}
	return "front matter"
}

// duplicateKey reports the first key, in file order, that a mapping gives
// twice, at any depth (a nested mapping, a mapping in a list such as an
// action item): YAML forbids it, and one of the values would silently be
// lost. The error stands at the second key. Aliases are not followed: the
// mapping they name is checked where it is written.
func duplicateKey(file string, src []byte, root *yaml.Node) *Error {
	if k, first := firstDuplicate(root, 0); k != nil {
		return newError(file, src, k.Line, k.Column, "invalid YAML in %s: key %q already defined at line %d", yamlPlace(file), k.Value, first)
	}
	return nil
}

// firstDuplicate walks n in file order and returns the first key that its
// mapping already holds, with the line of the first one.
func firstDuplicate(n *yaml.Node, depth int) (*yaml.Node, int) {
	if n == nil || depth > maxDuplicateDepth {
		return nil, 0
	}
	var seen map[string]int
	if n.Kind == yaml.MappingNode {
		seen = make(map[string]int, len(n.Content)/2)
	}
	for i, c := range n.Content {
		if seen != nil && i%2 == 0 && c.Kind == yaml.ScalarNode {
			if first, dup := seen[c.Value]; dup {
				return c, first
			}
			seen[c.Value] = c.Line
		}
		if k, first := firstDuplicate(c, depth+1); k != nil {
			return k, first
		}
	}
	return nil, 0
}

// maxDuplicateDepth is deeper than yaml.v3 nests (it refuses past 10,000
// levels), so that every mapping it builds is checked.
const maxDuplicateDepth = 20000

// aliasProbeKey is the key under which undefinedAlias defines its anchors;
// no KB has it.
const aliasProbeKey = "kb-alias-probe-8c1f"

// maxProbedAliases bounds how many alias names undefinedAlias defines.
const maxProbedAliases = 1000

// undefinedAlias finds the alias (*name) that names no anchor defined
// before it, which yaml.v3 refuses without saying where. It parses the
// block again with an anchor defined, on a line of its own at the top, for
// every name that follows a "*" in the block, and returns the 1-based
// line (in block) and column of the first alias that resolves to one of
// those. ok is false when the block cannot be probed (its top level is not
// a block mapping, or it has another error).
func undefinedAlias(block []byte) (line, col int, ok bool) {
	names := aliasNames(block)
	if len(names) == 0 || len(block) == 0 || block[0] != '\n' {
		return 0, 0, false
	}
	var probe bytes.Buffer
	probe.WriteByte('\n')
	probe.WriteString(strings.Repeat(" ", firstIndent(block)) + aliasProbeKey + ": [")
	for i, n := range names {
		if i > 0 {
			probe.WriteString(", ")
		}
		probe.WriteString("&" + n + " ~")
	}
	probe.WriteString("]\n")
	probe.Write(block[1:])
	var doc yaml.Node
	if err := yaml.Unmarshal(probe.Bytes(), &doc); err != nil || len(doc.Content) == 0 {
		return 0, 0, false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || len(root.Content) < 2 || root.Content[0].Value != aliasProbeKey {
		return 0, 0, false
	}
	probes := make(map[*yaml.Node]bool, len(names))
	for _, a := range root.Content[1].Content {
		probes[a] = true
	}
	first := firstAliasTo(root, probes, 0)
	if first == nil {
		return 0, 0, false
	}
	return first.Line - 1, first.Column, true // the probe line shifted the block down by one
}

// firstAliasTo returns the first alias node under n, in file order, whose
// target is one of targets.
func firstAliasTo(n *yaml.Node, targets map[*yaml.Node]bool, depth int) *yaml.Node {
	if n == nil || depth > maxDuplicateDepth {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		if targets[n.Alias] {
			return n
		}
		return nil
	}
	for _, c := range n.Content {
		if a := firstAliasTo(c, targets, depth+1); a != nil {
			return a
		}
	}
	return nil
}

// aliasNames lists the distinct names that follow a "*" in block, as
// yaml.v3 reads an alias's name (letters, digits, "_" and "-"). Some may
// be text, not aliases: defining an anchor of that name does no harm.
func aliasNames(block []byte) []string {
	seen := map[string]bool{}
	var out []string
	for i := bytes.IndexByte(block, '*'); i >= 0 && len(out) < maxProbedAliases; {
		j := i + 1
		for j < len(block) && isAnchorByte(block[j]) {
			j++
		}
		if name := string(block[i+1 : j]); name != "" && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		next := bytes.IndexByte(block[j:], '*')
		if next < 0 {
			break
		}
		i = j + next
	}
	return out
}

func isAnchorByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// firstIndent returns the indentation of the first line of block that is
// neither blank nor a comment: the top-level mapping's.
func firstIndent(block []byte) int {
	for _, l := range bytes.Split(block, []byte{'\n'}) {
		if !isBlankOrComment(l) {
			return leadingSpaces(l)
		}
	}
	return 0
}
