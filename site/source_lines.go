package site

import (
	"strconv"

	"github.com/kb-tools/kb/content"
	"github.com/yuin/goldmark/ast"
)

// sourceLineAttr names the attribute that holds a block's line in the KB
// file (Options.SourceLines).
const sourceLineAttr = "data-kb-line"

// markSourceLines gives each block of root the line of the file it starts
// on, where src, the markdown root was parsed from, starts at firstLine.
// A block without text of its own (a list, a quote) takes the line of its
// first block that has some.
func markSourceLines(root ast.Node, src []byte, firstLine int) {
	lines := content.NewLineIndex(src)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.Kind() == ast.KindDocument {
			return ast.WalkContinue, nil
		}
		if at, ok := blockStart(n); ok {
			line, _ := lines.Pos(at)
			n.SetAttributeString(sourceLineAttr, []byte(strconv.Itoa(firstLine+line-1)))
		}
		return ast.WalkContinue, nil
	})
}

// blockStart returns the offset of the first text of block n, looking into
// its first children when it has no lines of its own.
func blockStart(n ast.Node) (int, bool) {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start, true
		}
	}
	return 0, false
}
