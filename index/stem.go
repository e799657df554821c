package index

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/go-porterstemmer"
)

// StemFilterName is the [StemFilter].
const StemFilterName = "kb_porter"

// stemCacheSize bounds how many stems a StemFilter remembers.
const stemCacheSize = 1 << 16

// StemFilter stems each term with go-porterstemmer's
// StemWithoutLowerCasing: the terms are exactly those of bleve's porter
// filter (stemmer_porter), which the site's JavaScript client mirrors. It
// remembers the stems of the first terms it sees (most words of a KB are a
// few thousand common ones), and writes the others into one buffer per
// stream instead of two allocations per term. It is safe for concurrent
// use; use NewStemFilter.
type StemFilter struct {
	mu    sync.RWMutex
	stems map[string][]byte
}

// NewStemFilter returns a StemFilter with an empty memory of stems.
func NewStemFilter() *StemFilter {
	return &StemFilter{stems: make(map[string][]byte, 1024)}
}

// Filter implements bleve's analysis.TokenFilter.
func (f *StemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var missed []*analysis.Token
	f.mu.RLock()
	for _, t := range in {
		if t.KeyWord || (len(t.Term) <= 2 && utf8.Valid(t.Term)) {
			// Words of two letters or less are their own stems.
			continue
		}
		if stem, ok := f.stems[string(t.Term)]; ok {
			t.Term = stem
			continue
		}
		missed = append(missed, t)
	}
	f.mu.RUnlock()
	if len(missed) == 0 {
		return in
	}
	f.stemAll(missed)
	return in
}

// stemAll stems the terms of tokens and remembers the first ones.
func (f *StemFilter) stemAll(tokens []*analysis.Token) {
	size := 0
	for _, t := range tokens {
		size += len(t.Term)
	}
	arena := make([]byte, 0, size)
	words := make([]string, 0, len(tokens))
	var runes []rune
	for _, t := range tokens {
		words = append(words, string(t.Term))
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
	f.mu.Lock()
	for i, t := range tokens {
		if len(f.stems) >= stemCacheSize {
			break
		}
		f.stems[words[i]] = t.Term
	}
	f.mu.Unlock()
}
