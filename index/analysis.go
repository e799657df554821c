// Package index builds and queries kb's full-text search index: a bleve
// index kept on disk beside the KB, and the compact static index that the
// built site's search page reads.
//
// Both are made from one analysis of the text, defined in this file and
// mirrored exactly by the site's JavaScript client: words (see
// [WordTokenizer]), identifiers split into their parts (see
// [IdentifierFilter]), English possessives removed, lower case (see
// [LowerFilter]), English stop words removed, and bleve's Porter stemmer.
package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names under which kb's analysis is registered with bleve.
const (
	// AnalyzerName is kb's analyzer for text fields: title, names and body.
	AnalyzerName = "kb_en"
	// TokenizerName is the [WordTokenizer].
	TokenizerName = "kb_words"
	// IdentifierFilterName is the [IdentifierFilter].
	IdentifierFilterName = "kb_identifier"
)

// filterNames are the token filters of kb's analyzer, in order.
var filterNames = [...]string{IdentifierFilterName, en.PossessiveName, LowerFilterName, en.StopName, StemFilterName}

func init() {
	// bleve finds analysis components by name in its registry; kb's are
	// registered once, like bleve's own.
	must(registry.RegisterTokenizer(TokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return WordTokenizer{}, nil
	}))
	must(registry.RegisterTokenFilter(IdentifierFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return IdentifierFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(LowerFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return LowerFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(StemFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return NewStemFilter(), nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerName, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		return newAnalyzer(c)
	}))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// newAnalyzer assembles kb's analyzer from bleve's registry.
func newAnalyzer(c *registry.Cache) (analysis.Analyzer, error) {
	tok, err := c.TokenizerNamed(TokenizerName)
	if err != nil {
		return nil, err
	}
	var filters []analysis.TokenFilter
	for _, name := range filterNames {
		f, err := c.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		filters = append(filters, f)
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
}

// Analyzer returns kb's text analyzer, the one the index mapping uses.
func Analyzer() analysis.Analyzer {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		// Every component is registered by this package's init.
		panic(err)
	}
	return a
}

// Terms returns the terms kb's analysis makes of text, in order: what the
// bleve index and the static index store for it, and what the site's
// JavaScript client must produce for the same text.
func Terms(a analysis.Analyzer, text string) []string {
	stream := a.Analyze([]byte(text))
	terms := make([]string, len(stream))
	for i, t := range stream {
		terms[i] = string(t.Term)
	}
	return terms
}
