package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// MaxWordRunes is the longest word the [WordTokenizer] keeps; longer runs of
// word characters (hashes, base64, minified code) are left out of the index.
const MaxWordRunes = 64

// WordTokenizer splits text into words by rules simple enough to be
// mirrored exactly in the site's JavaScript:
//
//   - A word is a run of letters (Unicode L), decimal digits (Nd) and '_';
//     a combining mark (M) inside a word continues it.
//   - An apostrophe (' or ’) or a full stop between two letters or digits
//     joins them ("don't", "team's", "10.0.0.1", "api.example.com"); a comma
//     joins two digits ("1,000").
//   - Each Han or Hiragana character is a word of its own.
//   - Everything else separates words; words longer than [MaxWordRunes]
//     runes are dropped.
//
// Tokens carry byte offsets into the text and 1-based positions.
type WordTokenizer struct{}

// Tokenize implements bleve's analysis.Tokenizer.
func (WordTokenizer) Tokenize(text []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start, runes := -1, 0
	emit := func(end int, typ analysis.TokenType) {
		if runes <= MaxWordRunes {
			out = append(out, &analysis.Token{
				Term: text[start:end], Start: start, End: end,
				Position: len(out) + 1, Type: typ,
			})
		}
		start, runes = -1, 0
	}
	var prev rune
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRune(text[i:])
		switch {
		case isIdeograph(r):
			if start >= 0 {
				emit(i, wordType(text[start:i]))
			}
			start, runes = i, 1
			emit(i+w, analysis.Ideographic)
		case isWordRune(r) || (start >= 0 && unicode.IsMark(r)):
			if start < 0 {
				start = i
			}
			runes++
		case start >= 0 && joins(prev, r, text[i+w:]):
			runes++
		case start >= 0:
			emit(i, wordType(text[start:i]))
		}
		prev = r
		i += w
	}
	if start >= 0 {
		emit(len(text), wordType(text[start:]))
	}
	return out
}

// isWordRune reports whether r starts or continues a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) && !isIdeograph(r) || unicode.IsDigit(r) || r == '_'
}

// isIdeograph reports whether r is a word of its own.
func isIdeograph(r rune) bool {
	return r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r))
}

// joins reports whether the punctuation r, after prev and before rest,
// stays inside the word.
func joins(prev, r rune, rest []byte) bool {
	next, _ := utf8.DecodeRune(rest)
	if len(rest) == 0 || !isLetterOrDigit(prev) || !isLetterOrDigit(next) {
		return false
	}
	switch r {
	case '\'', '’', '.':
		return true
	case ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

func isLetterOrDigit(r rune) bool {
	return (unicode.IsLetter(r) && !isIdeograph(r)) || unicode.IsDigit(r)
}

// wordType tells a number from a word.
func wordType(w []byte) analysis.TokenType {
	for _, r := range string(w) {
		if unicode.IsLetter(r) {
			return analysis.AlphaNumeric
		}
	}
	return analysis.Numeric
}
