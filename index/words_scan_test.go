package index

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// referenceWords is the WordTokenizer as first written, rune by rune: the
// oracle of scanWords, which reads ASCII words by a shorter path.
func referenceWords(text []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start, runes := -1, 0
	emit := func(end int, typ analysis.TokenType) {
		if runes <= MaxWordRunes {
			out = append(out, &analysis.Token{Term: text[start:end], Start: start, End: end, Position: len(out) + 1, Type: typ})
		}
		start, runes = -1, 0
	}
	typeOf := func(w []byte) analysis.TokenType {
		for _, r := range string(w) {
			if unicode.IsLetter(r) {
				return analysis.AlphaNumeric
			}
		}
		return analysis.Numeric
	}
	var prev rune
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRune(text[i:])
		switch {
		case isIdeograph(r):
			if start >= 0 {
				emit(i, typeOf(text[start:i]))
			}
			start, runes = i, 1
			emit(i+w, analysis.Ideographic)
		case isWordRune(r) || (start >= 0 && unicode.IsMark(r)):
			if start < 0 {
				start = i
			}
			runes++
		case start >= 0 && referenceJoins(prev, r, text[i+w:]):
			runes++
		case start >= 0:
			emit(i, typeOf(text[start:i]))
		}
		prev = r
		i += w
	}
	if start >= 0 {
		emit(len(text), typeOf(text[start:]))
	}
	return out
}

func referenceJoins(prev, r rune, rest []byte) bool {
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

// sameTokenStream reports the first difference between two token streams.
func sameTokenStream(t *testing.T, text string, got, want analysis.TokenStream) bool {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%q: %d tokens, want %d", text, len(got), len(want))
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position || g.Type != w.Type {
			t.Errorf("%q: token %d is %+v, want %+v", text, i, *g, *w)
			return false
		}
	}
	return true
}

func TestWordTokenizerMatchesReference(t *testing.T) {
	pieces := []string{"a", "Z", "7", "_", "'", "’", ".", ",", " ", "-", "é", "e\u0301", "\u0301", "数", "ひ", "カ",
		"İ", "Σ", "٣", "\xff", "\xe2\x80", "x1", "__", "1,000", "don't", "api.example.com", "\n", strings.Repeat("b", 70)}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if !sameTokenStream(t, text, WordTokenizer{}.Tokenize([]byte(text)), referenceWords([]byte(text))) {
			return
		}
	}
	// And the example KB as written.
	files, _ := filepath.Glob("../examples/acme/*/*.md")
	more, _ := filepath.Glob("../examples/acme/*/*/*.md")
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameTokenStream(t, f, WordTokenizer{}.Tokenize(src), referenceWords(src))
	}
}
