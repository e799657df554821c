package index

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

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
		if !sameTokenStream(t, text, WordTokenizer{}.Tokenize([]byte(text)), referenceTokenizer{}.Tokenize([]byte(text))) {
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
		sameTokenStream(t, f, WordTokenizer{}.Tokenize(src), referenceTokenizer{}.Tokenize(src))
	}
}
