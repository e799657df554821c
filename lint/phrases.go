package lint

import "strings"

// phraseSet matches multi-word phrases against a token stream, word by
// word. It is compiled once from the word lists.
type phraseSet struct {
	// byFirst holds the phrases by their first word; a first word that
	// starts with an apostrophe ("'s fault") matches a token's ending.
	byFirst  map[string][]*phrase
	suffixes map[string][]*phrase
}

type phrase struct {
	text  string
	words []string
	entry blameEntry
}

// blameEntry says why a phrase hurts and what to write instead; "{phrase}"
// in either stands for the words found. needsPerson phrases count only with
// a person as their subject or object.
type blameEntry struct {
	why, suggestion string
	needsPerson     bool
}

func newPhraseSet() *phraseSet {
	return &phraseSet{byFirst: map[string][]*phrase{}, suffixes: map[string][]*phrase{}}
}

func phraseSetOf(phrases []string) *phraseSet {
	s := newPhraseSet()
	for _, p := range phrases {
		s.add(p, blameEntry{})
	}
	return s
}

// add adds a phrase, and its variant with typographic apostrophes.
func (s *phraseSet) add(text string, e blameEntry) {
	text = strings.ToLower(strings.TrimSpace(text))
	for _, t := range []string{text, strings.ReplaceAll(text, "'", "’")} {
		words := splitPhrase(t)
		if len(words) == 0 {
			continue
		}
		p := &phrase{text: text, words: words, entry: e}
		if first := words[0]; first[0] == '\'' || strings.HasPrefix(first, "’") {
			s.suffixes[first] = append(s.suffixes[first], p)
		} else {
			s.byFirst[first] = append(s.byFirst[first], p)
		}
		if t == strings.ReplaceAll(t, "'", "’") {
			break
		}
	}
}

// remove drops a phrase and its variants.
func (s *phraseSet) remove(text string) {
	text = strings.ToLower(strings.TrimSpace(text))
	for _, m := range []map[string][]*phrase{s.byFirst, s.suffixes} {
		for k, list := range m {
			kept := list[:0]
			for _, p := range list {
				if p.text != text {
					kept = append(kept, p)
				}
			}
			m[k] = kept
		}
	}
}

// splitPhrase splits a phrase into the words the tokenizer would make:
// "'s fault" stays ["'s", "fault"].
func splitPhrase(p string) []string { return strings.Fields(p) }

// match returns the longest phrase that starts at token i of p, and the
// index after its last token.
func (s *phraseSet) match(p *prose, i int) (*phrase, int) {
	w := p.word(i)
	cands := s.byFirst[w]
	for suffix, list := range s.suffixes {
		if strings.HasSuffix(w, suffix) && len(w) > len(suffix) {
			cands = append(cands[:len(cands):len(cands)], list...)
		}
	}
	var best *phrase
	end := i
	for _, ph := range cands {
		if j, ok := p.matchWords(i+1, ph.words[1:]); ok && (best == nil || len(ph.words) > len(best.words)) {
			best, end = ph, j
		}
	}
	return best, end
}
