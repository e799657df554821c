package lint

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"
)

// writeJSONFindings writes diags as WriteJSON promises: the array
// encoding/json's Encoder writes with a two-space indent, byte for byte
// (TestJSONWriterAgreesWithEncodingJSON, FuzzJSONString), without its
// reflection and its second pass to indent, which on a KB of 100,000
// findings took longer than linting half of it.
func writeJSONFindings(w io.Writer, diags []Diagnostic) error {
	if len(diags) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := make([]byte, 0, 1024)
	bw.WriteString("[\n")
	for i, d := range diags {
		buf = append(buf[:0], "  {\n    \"file\": "...)
		buf = appendJSONString(buf, d.Pos.File)
		buf = append(buf, ",\n    \"line\": "...)
		buf = strconv.AppendInt(buf, int64(d.Pos.Line), 10)
		buf = append(buf, ",\n    \"column\": "...)
		buf = strconv.AppendInt(buf, int64(d.Pos.Col), 10)
		buf = append(buf, ",\n    \"rule\": "...)
		buf = appendJSONString(buf, d.Rule)
		buf = append(buf, ",\n    \"severity\": "...)
		buf = appendJSONString(buf, d.Severity.String())
		buf = append(buf, ",\n    \"message\": "...)
		buf = appendJSONString(buf, d.Message)
		if d.Suggestion != "" {
			buf = append(buf, ",\n    \"suggestion\": "...)
			buf = appendJSONString(buf, d.Suggestion)
		}
		buf = append(buf, "\n  }"...)
		if i < len(diags)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping on: quotes and backslashes escaped, \b \f \n \r \t by name,
// other control bytes, <, > and &, and U+2028 and U+2029 as \u escapes,
// and each byte of invalid UTF-8 as \ufffd.
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
