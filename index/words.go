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
	w := tokenWriter{text: text, out: make(analysis.TokenStream, 0, len(text)/6+1)}
	start, runes, letter := -1, 0, false
	emit := func(end int, typ analysis.TokenType) {
		if runes <= MaxWordRunes {
			w.add(start, end, typ)
		}
		start, runes, letter = -1, 0, false
	}
	var prev rune
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		switch {
		case r >= 0x3040 && isIdeograph(r):
			if start >= 0 {
				emit(i, wordType(letter))
			}
			start, runes = i, 1
			emit(i+size, analysis.Ideographic)
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			runes++
			letter = letter || unicode.IsLetter(r)
		case start >= 0 && unicode.IsMark(r):
			runes++
		case start >= 0 && joins(prev, r, text[i+size:]):
			runes++
		case start >= 0:
			emit(i, wordType(letter))
		}
		prev = r
		i += size
	}
	if start >= 0 {
		emit(len(text), wordType(letter))
	}
	return w.out
}

// tokenWriter appends tokens to a stream, allocating them in slabs: one
// allocation for many tokens instead of one each.
type tokenWriter struct {
	text []byte
	out  analysis.TokenStream
	slab []analysis.Token
}

// add appends the token text[start:end]; its position follows the last.
func (w *tokenWriter) add(start, end int, typ analysis.TokenType) {
	if len(w.slab) == cap(w.slab) {
		// A new slab; the tokens of the full one stay where they are.
		w.slab = make([]analysis.Token, 0, max(16, cap(w.out)-len(w.out)))
	}
	w.slab = append(w.slab, analysis.Token{
		Term: w.text[start:end], Start: start, End: end,
		Position: len(w.out) + 1, Type: typ,
	})
	w.out = append(w.out, &w.slab[len(w.slab)-1])
}

// isWordRune reports whether r starts or continues a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) && !isIdeograph(r) || unicode.IsDigit(r)
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

// wordType tells a number from a word: a word has a letter.
func wordType(letter bool) analysis.TokenType {
	if letter {
		return analysis.AlphaNumeric
	}
	return analysis.Numeric
}
