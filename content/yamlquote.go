package content

import (
	"strconv"
	"strings"
)

// yamlQuote writes s, valid UTF-8, as a YAML double-quoted scalar on one
// line that yaml.v3 reads back as s, whatever s holds: quotes and
// backslashes, every control character and line break (including NEL,
// U+2028 and U+2029, which YAML would fold), and the characters YAML may
// not hold as they are (a byte-order mark, U+FFFE, U+FFFF) are escaped. A
// leading "{" is escaped too, so a title such as "{{ template }}" is not
// taken for the unexpanded template expression kb refuses in front matter.
func yamlQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == 0x2028:
			b.WriteString(`\L`)
		case r == 0x2029:
			b.WriteString(`\P`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '{' && i == 0:
			b.WriteString(`\x`)
			writeHex(&b, int64(r), 2)
		case r == 0xfeff || r == 0xfffe || r == 0xffff:
			b.WriteString(`\u`)
			writeHex(&b, int64(r), 4)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeHex writes n as width upper-case hex digits.
func writeHex(b *strings.Builder, n int64, width int) {
	h := strings.ToUpper(strconv.FormatInt(n, 16))
	b.WriteString(strings.Repeat("0", width-len(h)))
	b.WriteString(h)
}
