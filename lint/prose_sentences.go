package lint

import "sort"

// sentenceOf returns the index of the first token of token i's sentence:
// the last token at or before i that starts a sentence, or 0 when none
// does. The sentence starts are listed once per document, so that asking
// for every phrase of one long sentence costs no more than the sentence.
func (p *prose) sentenceOf(i int) int {
	if !p.sentencesListed {
		p.listSentences()
	}
	// The first sentence start after i; the one before it is i's.
	k := sort.Search(len(p.sentences), func(k int) bool { return int(p.sentences[k]) > i })
	if k == 0 {
		return 0
	}
	return int(p.sentences[k-1])
}

// listSentences lists the tokens that start a sentence.
func (p *prose) listSentences() {
	p.sentences = p.sentences[:0]
	for i, t := range p.tokens {
		if t.flags&sentenceStart != 0 {
			p.sentences = append(p.sentences, int32(i))
		}
	}
	p.sentencesListed = true
}
