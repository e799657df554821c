package content

import (
	"bytes"
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
