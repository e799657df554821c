package content

// phraseIndex holds a vocabulary's phrases by their first byte, so that a
// heading is compared, at each of its word starts, with the few phrases
// that begin with that word's first letter rather than searched for every
// phrase. Phrases that do not begin with a letter or digit (none of the
// built-in ones) are searched for as before.
type phraseIndex struct {
	byFirst [256][]kindPhrase
	other   []kindPhrase
}

func newPhraseIndex(phrases []kindPhrase) *phraseIndex {
	x := &phraseIndex{}
	for _, p := range phrases {
		if p.phrase != "" && isWordByte(p.phrase[0]) {
			x.byFirst[p.phrase[0]] = append(x.byFirst[p.phrase[0]], p)
		} else {
			x.other = append(x.other, p)
		}
	}
	return x
}

// bits returns the kinds of the phrases that stand in h (a normalized
// heading) as whole words, as containsWords finds them: a phrase that
// begins with a word byte can only stand at a word start.
func (x *phraseIndex) bits(h string) uint64 {
	var bits uint64
	for _, p := range x.other {
		if containsWords(h, p.phrase) {
			bits |= p.bits
		}
	}
	for s := 0; s < len(h); s++ {
		if !isWordByte(h[s]) || s > 0 && isWordByte(h[s-1]) {
			continue
		}
		for _, p := range x.byFirst[h[s]] {
			end := s + len(p.phrase)
			if end <= len(h) && h[s:end] == p.phrase && (end == len(h) || !isWordByte(h[end])) {
				bits |= p.bits
			}
		}
	}
	return bits
}
