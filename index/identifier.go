package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// IdentifierFilter makes an alert, metric or code name findable whole and by
// its parts. A word is split at '_' and '.', and inside those pieces where
// the case changes: before an upper-case letter that follows a lower-case
// letter or a digit ("kubePod", "http2Server"), and before the last of a run
// of upper-case letters that a lower-case letter follows ("HTTPServer").
// Letters and digits are never split apart ("k8s", "sha256").
//
// A word of two or more parts becomes the parts joined (the whole name, so
// KubePodCrashLooping, kube_pod_crash_looping and kube.pod.crash.looping give
// the same term) followed by each part; the whole shares its position with
// the first part and the parts take consecutive positions, so a phrase of
// the parts matches. A word of one part becomes that part ("_id" is "id");
// a word without letters ("10.0.0.1", "3.14") is kept as it is.
type IdentifierFilter struct{}

// Filter implements bleve's analysis.TokenFilter.
func (IdentifierFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	pos := 0
	for _, t := range in {
		parts := identifierParts(t)
		switch {
		case parts == nil:
			pos++
			t.Position = pos
			out = append(out, t)
		case len(parts) == 1:
			pos++
			parts[0].Position = pos
			out = append(out, parts[0])
		default:
			var whole []byte
			for _, p := range parts {
				whole = append(whole, p.Term...)
			}
			out = append(out, &analysis.Token{Term: whole, Start: t.Start, End: t.End, Position: pos + 1, Type: t.Type})
			for _, p := range parts {
				pos++
				p.Position = pos
				out = append(out, p)
			}
		}
	}
	return out
}

// identifierParts returns the parts of t, or nil when t is a word of one
// part already or a word without letters.
func identifierParts(t *analysis.Token) []*analysis.Token {
	if t.Type != analysis.AlphaNumeric || plainWord(t.Term) {
		return nil
	}
	term := t.Term
	var parts []*analysis.Token
	start := -1
	cut := func(end int) {
		if start >= 0 && end > start {
			parts = append(parts, &analysis.Token{Term: term[start:end], Start: t.Start + start, End: t.Start + end, Type: t.Type})
		}
		start = -1
	}
	var prev rune
	for i := 0; i < len(term); {
		r, w := utf8.DecodeRune(term[i:])
		next, _ := utf8.DecodeRune(term[i+w:])
		switch {
		case r == '_' || r == '.':
			cut(i)
		case start >= 0 && caseBoundary(prev, r, next, i+w < len(term)):
			cut(i)
			start = i
		case start < 0:
			start = i
		}
		prev = r
		i += w
	}
	cut(len(term))
	if len(parts) == 1 && len(parts[0].Term) == len(term) {
		return nil
	}
	return parts
}

// caseBoundary reports whether a new part starts at r, which follows prev
// and comes before next (when hasNext).
func caseBoundary(prev, r, next rune, hasNext bool) bool {
	if !unicode.IsUpper(r) {
		return false
	}
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	return unicode.IsUpper(prev) && hasNext && unicode.IsLower(next)
}

// plainWord reports whether term is ASCII without upper-case letters, '_'
// or '.': a word of one part, the common case, found without cutting it.
func plainWord(term []byte) bool {
	for _, c := range term {
		if c >= utf8.RuneSelf || c == '_' || c == '.' || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
