package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/go-porterstemmer"
)

// StemFilterName is the [StemFilter].
const StemFilterName = "kb_porter"

// StemFilter stems each term with go-porterstemmer's
// StemWithoutLowerCasing: the terms are exactly those of bleve's porter
// filter (stemmer_porter), which the site's JavaScript client mirrors, made
// with two allocations per stream instead of two per term.
type StemFilter struct{}

// Filter implements bleve's analysis.TokenFilter.
func (StemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	size := 0
	for _, t := range in {
		size += len(t.Term)
	}
	arena := make([]byte, 0, size)
	var runes []rune
	for _, t := range in {
		if t.KeyWord || (utf8.RuneCount(t.Term) <= 2 && utf8.Valid(t.Term)) {
			// Words of two letters or less are their own stems.
			continue
		}
		runes = runes[:0]
		for i := 0; i < len(t.Term); {
			r, w := utf8.DecodeRune(t.Term[i:])
			runes = append(runes, r)
			i += w
		}
		stem := porterstemmer.StemWithoutLowerCasing(runes)
		n := 0
		for _, r := range stem {
			n += utf8.RuneLen(r)
		}
		if cap(arena)-len(arena) < n {
			// Only a stem longer than its word could need this.
			arena = make([]byte, 0, max(n, size))
		}
		start := len(arena)
		for _, r := range stem {
			arena = utf8.AppendRune(arena, r)
		}
		t.Term = arena[start:len(arena):len(arena)]
	}
	return in
}
