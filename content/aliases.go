package content

import (
	"gopkg.in/yaml.v3"
)

// A YAML alias (*name) stands for the whole value its anchor (&name)
// marks, so a few bytes can stand for kilobytes, and a thousand aliases
// for megabytes of values that kb would then carry into every page and
// finding. yaml.v3 guards its own decoding with a ratio of aliased to
// decoded nodes (allowedAliasRatio); kb walks the parsed nodes itself and
// guards them the same way, in bytes: what the aliases of one front matter
// expand to may not exceed the size of the front matter itself (and a
// small floor for tiny blocks). An alias past that bound is not followed:
// its value is left out, with one positioned error, and the rest of the
// front matter is read.

// minAliasBytes is what aliases may always expand to, however small the
// front matter.
const minAliasBytes = 4 << 10

// aliasNodeBytes is what kb counts for each node an alias stands for,
// besides the text of its scalars.
const aliasNodeBytes = 8

// aliasBudget counts the bytes that following aliases adds to what kb
// reads of one front matter block.
type aliasBudget struct {
	// left is what aliases may still expand to.
	left int
	// refused is the first alias not followed, and more the count of
	// those after it.
	refused *yaml.Node
	more    int
	limit   int
}

// newAliasBudget returns the budget of a front matter block of size bytes.
func newAliasBudget(size int) aliasBudget {
	limit := max(size, minAliasBytes)
	return aliasBudget{left: limit, limit: limit}
}

// follow returns the node that n stands for: n itself, or for an alias the
// value its anchor marks, as long as the aliases of the front matter stay
// within their budget; nil for an alias past it.
func (d *metaDecoder) follow(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	b := &d.aliases
	target := n.Alias
	if target == nil {
		return nil
	}
	cost := shallowBytes(target, b.left+1)
	if cost > b.left {
		if b.refused == nil {
			b.refused = n
		} else {
			b.more++
		}
		return nil
	}
	b.left -= cost
	return target
}

// shallowBytes is what kb reads of n when an alias stands for it: the text
// of a scalar, or of a list's or mapping's own items (their aliases cost
// when they are followed in turn). It stops counting past limit.
func shallowBytes(n *yaml.Node, limit int) int {
	if n.Kind == yaml.ScalarNode {
		return len(n.Value) + aliasNodeBytes
	}
	total := aliasNodeBytes
	for _, c := range n.Content {
		total += aliasNodeBytes
		if c.Kind == yaml.ScalarNode {
			total += len(c.Value)
		}
		if total > limit {
			break
		}
	}
	return total
}

// aliasError is the load error of the aliases not followed, at the first
// of them, or nil when every alias was.
func (d *metaDecoder) aliasError() *Error {
	b := &d.aliases
	if b.refused == nil {
		return nil
	}
	n := b.refused
	msg := "YAML alias *%s is not followed: the aliases of this front matter would expand to more than its own size (%s), and kb reads front matter in proportion to its size"
	args := []any{n.Value, formatBytes(int64(b.limit))}
	if b.more > 0 {
		msg += "; %d later aliases are not followed either"
		args = append(args, b.more)
	}
	msg += ". Write the values out where they are used."
	return d.lines.errorAt(ErrorUnreadable, d.doc.Path, n.Line, n.Column, msg, args...)
}
