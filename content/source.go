package content

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// NormalizeSource returns a file's text as kb reads it, with its lines as
// positions count them: no byte-order mark, LF line ends.
func NormalizeSource(src []byte) []byte { return normalize(src) }

// normalize removes a UTF-8 byte-order mark and turns CRLF and lone CR
// line ends (which YAML and CommonMark both honour) into LF, so that
// offsets, lines and columns agree however the file was saved.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, src[i])
	}
	return out
}

// lineIndex maps byte offsets of a source to lines and columns.
type lineIndex struct {
	src    []byte
	starts []int // starts[i] is the offset of line i+1
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// pos returns the 1-based line and character column of offset.
func (x *lineIndex) pos(offset int) (line, col int) {
	offset = min(max(offset, 0), len(x.src))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	return i + 1, utf8.RuneCount(x.src[x.starts[i]:offset]) + 1
}
