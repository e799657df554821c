package patho

import (
	"fmt"
	"strings"
)

// ConfigKeys is a kb.yaml of n keys kb does not know, each an error of
// its own (with a "did you mean" where one is near).
func ConfigKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("title: Pathological\n")
	for i := range n {
		fmt.Fprintf(&b, "unknown_key_%d: %d\n", i, i)
	}
	return []byte(b.String())
}

// PlainConfig is a kb.yaml of about size bytes that kb reads without an
// error: a title and a long list of owners, as a large organisation's
// kb.yaml has.
func PlainConfig(size int) []byte {
	var b strings.Builder
	b.WriteString("title: Pathological\nowners:\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  - team-%d\n", i)
	}
	return []byte(b.String())
}
