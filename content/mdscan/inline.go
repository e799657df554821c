package mdscan

import (
	"strings"
)

// PlainText reduces a line of markdown inline content to its text, as a
// reader sees it: link and image syntax gives way to the link text, code
// spans keep their content, emphasis and strikethrough markers, raw HTML
// and backslashes before punctuation go.
//
// refs, when given, are the document's link reference definitions: a
// reference link becomes its text, as an inline link does.
func PlainText(s string, refs Refs) string {
	if !strings.ContainsAny(s, "`[]<>*_~\\!") {
		return strings.TrimSpace(s)
	}
	if _, _, over := InlineOverBudget(s); over {
		return strings.TrimSpace(s) // the document is shown as plain text
	}
	var b strings.Builder
	b.Grow(len(s))
	var gt nextByte
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
		case c == '`':
			n := runLen(s, i, '`')
			if end := closingRun(s, i+n, '`', n); end >= 0 {
				b.WriteString(strings.TrimSpace(s[i+n : end]))
				i = end + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
		case c == '<':
			if end := gt.after(s, i, '>'); end > 0 && isTagOrAutolink(s[i+1:i+end]) {
				inner := s[i+1 : i+end]
				if isAutolink(inner) {
					b.WriteString(inner)
				}
				i += end + 1
				continue
			}
			b.WriteByte(c)
			i++
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if text, next, ok := anyLink(s, i+1, refs); ok {
				b.WriteString(PlainText(text, refs))
				i = next
				continue
			}
			b.WriteByte(c)
			i++
		case c == '[':
			if text, next, ok := anyLink(s, i, refs); ok {
				b.WriteString(PlainText(text, refs))
				i = next
				continue
			}
			b.WriteByte(c)
			i++
		case c == '*' || c == '_' || c == '~':
			n := runLen(s, i, c)
			if isDelimiterRun(s, i, n, c) {
				i += n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.TrimSpace(b.String())
}

// anyLink reads an inline or reference link at the "[" at i and returns
// its text and the offset after it.
func anyLink(s string, i int, refs Refs) (text string, next int, ok bool) {
	if text, _, next, ok = parseInlineLink(s, i); ok {
		return text, next, ok
	}
	if refs != nil {
		text, _, next, ok = parseRefLink(s, i, refs)
	}
	return text, next, ok
}

// nextByte finds the next occurrence of a byte after offsets that only
// grow, so that a loop over a text asking at each "<" where the next ">"
// is takes linear time, not quadratic.
type nextByte struct {
	at    int // the occurrence found, or len(s) for none
	valid bool
}

// after returns the distance from i to the next c at or after i, or -1.
func (f *nextByte) after(s string, i int, c byte) int {
	if !f.valid || f.at < i {
		f.valid = true
		f.at = len(s)
		if j := strings.IndexByte(s[i:], c); j >= 0 {
			f.at = i + j
		}
	}
	if f.at == len(s) {
		return -1
	}
	return f.at - i
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// codeSpanEnd returns the index of the last backtick of the code span or
// backtick run that starts at i: a loop over s resumes after it.
func codeSpanEnd(s string, i int) int {
	n := runLen(s, i, '`')
	if end := closingRun(s, i+n, '`', n); end >= 0 {
		return end + n - 1
	}
	return i + n - 1
}

// closingRun finds the next run of exactly n c's from i on.
func closingRun(s string, i int, c byte, n int) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		j += i
		m := runLen(s, j, c)
		if m == n {
			return j
		}
		i = j + m
	}
	return -1
}

// isDelimiterRun reports an emphasis or strikethrough marker: a run that
// opens before a word or closes after one. "_" inside a word (snake_case)
// is text, as are "~" runs other than "~~" and a lone "*" between spaces.
func isDelimiterRun(s string, i, n int, c byte) bool {
	if c == '~' && n != 2 {
		return false
	}
	before, after := byte(' '), byte(' ')
	if i > 0 {
		before = s[i-1]
	}
	if i+n < len(s) {
		after = s[i+n]
	}
	opens := !isSpaceByte(after) && (isSpaceByte(before) || isASCIIPunct(before) || !isSpaceByte(after) && c == '*')
	closes := !isSpaceByte(before) && (isSpaceByte(after) || isASCIIPunct(after) || c == '*')
	if c == '_' && isWordChar(before) && isWordChar(after) {
		return false
	}
	return opens || closes
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// isTagOrAutolink reports the inside of <…> that is an HTML tag, a comment
// or an autolink rather than a literal "<".
func isTagOrAutolink(inner string) bool {
	if inner == "" {
		return false
	}
	if isAutolink(inner) {
		return true
	}
	c := inner[0]
	if c == '/' || c == '!' || c == '?' {
		return len(inner) > 1
	}
	return (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// isAutolink reports a URL or e-mail address written between < and >.
func isAutolink(inner string) bool {
	if strings.ContainsAny(inner, " <\t") {
		return false
	}
	if i := strings.Index(inner, ":"); i >= 2 && i <= 32 {
		for _, r := range inner[:i] {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '.' || r == '-') {
				return false
			}
		}
		return true
	}
	at := strings.IndexByte(inner, '@')
	return at > 0 && strings.Contains(inner[at:], ".")
}

// parseInlineLink reads "[text](dest "title")" starting at the "[" at i.
// It returns the text, the destination and the offset after the link.
func parseInlineLink(s string, i int) (text, dest string, next int, ok bool) {
	depth := 0
	j := i
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '`':
			j = codeSpanEnd(s, j)
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if j >= len(s) || j+1 >= len(s) || s[j+1] != '(' {
		return "", "", 0, false
	}
	text = s[i+1 : j]
	k := j + 2
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	start := k
	if k < len(s) && s[k] == '<' {
		end := strings.IndexAny(s[k:], ">\n")
		if end < 0 || s[k+end] == '\n' {
			return "", "", 0, false
		}
		dest = s[k+1 : k+end]
		k += end + 1
	} else {
		parens := 0
		for ; k < len(s); k++ {
			c := s[k]
			if c == '\\' && k+1 < len(s) {
				k++
				continue
			}
			if c == ' ' || c == '\t' || c < 0x20 {
				break
			}
			if c == '(' {
				parens++
			}
			if c == ')' {
				if parens == 0 {
					break
				}
				parens--
			}
		}
		dest = s[start:k]
	}
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == '(') {
		closer := s[k]
		if closer == '(' {
			closer = ')'
		}
		end := strings.IndexByte(s[k+1:], closer)
		if end < 0 {
			return "", "", 0, false
		}
		k += end + 2
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
	}
	if k >= len(s) || s[k] != ')' {
		return "", "", 0, false
	}
	return text, unescapeDest(dest), k + 1, true
}

func unescapeDest(d string) string {
	if !strings.Contains(d, "\\") {
		return d
	}
	var b strings.Builder
	for i := 0; i < len(d); i++ {
		if d[i] == '\\' && i+1 < len(d) && isASCIIPunct(d[i+1]) {
			i++
		}
		b.WriteByte(d[i])
	}
	return b.String()
}

// FirstLink returns the destination of the first inline link or autolink
// (with a scheme) in markdown text, or "". Code spans are skipped.
func FirstLink(text string) string {
	if _, _, over := InlineOverBudget(text); over {
		return "" // the document is shown as plain text
	}
	var gt nextByte
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '`':
			i = codeSpanEnd(text, i)
		case '[':
			if _, dest, _, ok := parseInlineLink(text, i); ok {
				return dest
			}
		case '<':
			if end := gt.after(text, i, '>'); end > 0 && isAutolink(text[i+1:i+end]) && strings.Contains(text[i+1:i+end], ":") {
				return text[i+1 : i+end]
			}
		}
	}
	return ""
}
