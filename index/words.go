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
	scanWords(text, w.add)
	return w.out
}

// scanWords calls emit with the byte offsets and type of each word of text
// that the [WordTokenizer] keeps, in order, without making tokens. ASCII
// letters, digits and '_' take a short path; every other rune is
// classified by the rules above.
func scanWords(text []byte, emit func(start, end int, typ analysis.TokenType)) {
	s := wordScan{start: -1, emit: emit}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && asciiWord(c) {
			// A run of ASCII letters, digits and '_', read at once.
			j, letter := i+1, c > '9' && c != '_'
			for j < len(text) && text[j] < utf8.RuneSelf && asciiWord(text[j]) {
				letter = letter || text[j] > '9' && text[j] != '_'
				j++
			}
			if s.start < 0 {
				s.start, s.letter = i, false
			}
			s.letter = s.letter || letter
			s.runes += j - i
			s.prev = rune(text[j-1])
			i = j
			continue
		}
		r, w := rune(text[i]), 1
		switch {
		case r >= utf8.RuneSelf:
			r, w = utf8.DecodeRune(text[i:])
			s.step(text, i, r, w)
		case s.start < 0:
			// ASCII punctuation or space outside a word.
		case r == '\'' || r == '.' || r == ',':
			s.step(text, i, r, w)
		default:
			s.word(i)
		}
		s.prev = r
		i += w
	}
	if s.start >= 0 {
		s.word(len(text))
	}
}

// wordScan is the state of scanWords: the word being read, if any.
type wordScan struct {
	start, runes int
	// letter says the word holds a letter (it is not a number).
	letter bool
	prev   rune
	emit   func(start, end int, typ analysis.TokenType)
}

// step reads the rune r of w bytes at text[i], which is not an ASCII
// letter, digit or '_'.
func (s *wordScan) step(text []byte, i int, r rune, w int) {
	switch {
	case isIdeograph(r):
		if s.start >= 0 {
			s.word(i)
		}
		s.start, s.runes = i, 1
		s.emit(i, i+w, analysis.Ideographic)
		s.start, s.runes = -1, 0
	case isWordRune(r) || (s.start >= 0 && unicode.IsMark(r)):
		if s.start < 0 {
			s.start, s.letter = i, false
		}
		s.letter = s.letter || unicode.IsLetter(r)
		s.runes++
	case s.start >= 0 && joins(s.prev, r, text[i+w:]):
		s.runes++
	case s.start >= 0:
		s.word(i)
	}
}

// word ends the word being read at end, and emits it unless it is too long.
func (s *wordScan) word(end int) {
	if s.runes <= MaxWordRunes {
		typ := analysis.Numeric
		if s.letter {
			typ = analysis.AlphaNumeric
		}
		s.emit(s.start, end, typ)
	}
	s.start, s.runes = -1, 0
}

// asciiWord reports whether the ASCII byte c is a letter, a digit or '_'.
func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
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
	if r != '\'' && r != '’' && r != '.' && r != ',' {
		return false
	}
	next, _ := utf8.DecodeRune(rest)
	if len(rest) == 0 || !isLetterOrDigit(prev) || !isLetterOrDigit(next) {
		return false
	}
	return r != ',' || unicode.IsDigit(prev) && unicode.IsDigit(next)
}

func isLetterOrDigit(r rune) bool {
	return (unicode.IsLetter(r) && !isIdeograph(r)) || unicode.IsDigit(r)
}
