package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// LowerFilterName is the [LowerFilter].
const LowerFilterName = "kb_lower"

// LowerFilter lowers each rune of a term with unicode.ToLower, and writes an
// upper-case sigma that ends a term as the final form ς, as bleve's
// lowercase filter does. Unlike that filter, it keeps the rest of a term
// whole when a rune's lower case is shorter in UTF-8 (İ, K, Å, Ω), so
// "İstanbul" is "istanbul".
type LowerFilter struct{}

// Filter implements bleve's analysis.TokenFilter.
func (LowerFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = lower(t.Term)
	}
	return in
}

// lower returns term in lower case; it returns term itself when nothing
// changes.
func lower(term []byte) []byte {
	for i := 0; i < len(term); i++ {
		c := term[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return lowerFrom(term, i)
		}
	}
	return term
}

// lowerFrom lowers term from byte i on, into a new slice.
func lowerFrom(term []byte, i int) []byte {
	out := make([]byte, i, len(term)+4)
	copy(out, term[:i])
	for i < len(term) {
		r, w := utf8.DecodeRune(term[i:])
		l := unicode.ToLower(r)
		if l == 'σ' && r != l && i+w == len(term) {
			l = 'ς'
		}
		out = utf8.AppendRune(out, l)
		i += w
	}
	return out
}
