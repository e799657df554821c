package lint

import "bytes"

// findEmails returns the e-mail addresses of src as
// emailRE.FindAllSubmatchIndex(src, -1) does (whole address, then the
// domain), without the regexp: it looks only at the bytes around each @,
// where the regexp tries every position of the text, and a text with @
// handles ("Owner: @team-payments") in it costs it dearly.
// TestScannersAgreeOnGeneratedTexts and FuzzScanners check it against
// emailRE.
func findEmails(src []byte) [][]int {
	var out [][]int
	prevEnd := 0
	for i := 0; i < len(src); {
		at := bytes.IndexByte(src[i:], '@')
		if at < 0 {
			break
		}
		at += i
		start := at
		for start > prevEnd && isLocalPartByte(src[start-1]) {
			start--
		}
		if end, ok := emailDomainEnd(src, at+1); ok && start < at {
			out = append(out, []int{start, end, at + 1, end})
			prevEnd, i = end, end
			continue
		}
		i = at + 1
	}
	return out
}

// emailDomainEnd returns where emailRE's domain starting at p ends: its
// dot-separated labels of letters, digits and hyphens, as many as can be
// taken with a last one that starts with two letters or more, which the
// match ends after (a.b.com1 ends after com).
func emailDomainEnd(src []byte, p int) (int, bool) {
	q := p
	for q < len(src) && (isLabelByte(src[q]) || src[q] == '.') {
		q++
	}
	run := src[p:q]
	end, ok := -1, false
	for off := 0; ; {
		dot := bytes.IndexByte(run[off:], '.')
		if dot <= 0 {
			// No more dots, or an empty label: no label before the last
			// one may be empty.
			break
		}
		next := off + dot + 1
		if n := leadingLetters(run[next:]); n >= 2 {
			end, ok = p+next+n, true
		}
		off = next
	}
	return end, ok
}

func isLocalPartByte(c byte) bool {
	return isLabelByte(c) || c == '.' || c == '_' || c == '%' || c == '+'
}

func isLabelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// leadingLetters counts the ASCII letters b starts with.
func leadingLetters(b []byte) int {
	n := 0
	for n < len(b) && (b[n] >= 'a' && b[n] <= 'z' || b[n] >= 'A' && b[n] <= 'Z') {
		n++
	}
	return n
}
