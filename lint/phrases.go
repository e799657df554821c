package lint

import "strings"

// phraseSet matches multi-word phrases against a token stream, word by
// word. It is compiled once from the word lists.
type phraseSet struct {
	// byFirst holds the phrases by their first word; a first word that
	// starts with an apostrophe ("'s fault") matches a token's ending.
	byFirst  map[string][]*phrase
	suffixes map[string][]*phrase
	// bit marks the tokens that may start one of the set's phrases (see
	// prose.candidates).
	bit uint8
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
	// passive phrases also count after "was", "were"… ("was overlooked").
	passive bool
	// hindsight phrases do not count after a consequence ("so we didn't
	// catch"); needsObject ones only when what went unnoticed is named.
	hindsight, needsObject bool
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
	if p.tokens[i].starts&s.bit == 0 {
		return nil, i
	}
	w := p.bytes(i)
	cands := s.byFirst[string(w)]
	if possessive(w) {
		for suffix, list := range s.suffixes {
			if strings.HasSuffix(string(w), suffix) && len(w) > len(suffix) {
				cands = append(cands[:len(cands):len(cands)], list...)
			}
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

// possessive reports a word ending in 's or ’s.
func possessive(w []byte) bool {
	n := len(w)
	return n > 2 && w[n-1] == 's' && (w[n-2] == '\'' || n > 4 && w[n-2] == 0x99 && w[n-3] == 0x80 && w[n-4] == 0xE2)
}

// firstWords maps each word that starts a phrase of the sets to the sets'
// bits, so that tokenizing marks candidates with one look-up a word. A
// table of (length, first byte) and (length, last byte) rules most words
// out before the map is asked.
type firstWords struct {
	words       map[string]uint8
	first, last [maxFirstWord + 1][256]uint8
	// two holds the two-letter words directly ("to", "at"), the most
	// frequent ones.
	two [1 << 16]uint8
}

const maxFirstWord = 31

func newFirstWords() *firstWords { return &firstWords{words: map[string]uint8{}} }

func (f *firstWords) add(s *phraseSet, bit uint8) {
	s.bit = bit
	for w := range s.byFirst {
		f.words[w] |= bit
		if len(w) == 2 {
			f.two[uint16(w[0])<<8|uint16(w[1])] |= bit
		}
		if n := len(w); n <= maxFirstWord {
			f.first[n][w[0]] |= bit
			f.last[n][w[n-1]] |= bit
		}
	}
}

// lookup returns the bits of the sets with a phrase starting with w.
func (f *firstWords) lookup(w []byte) uint8 {
	n := len(w)
	if n == 2 {
		return f.two[uint16(w[0])<<8|uint16(w[1])]
	}
	if n == 0 || n > maxFirstWord || f.first[n][w[0]]&f.last[n][w[n-1]] == 0 {
		return 0
	}
	return f.words[string(w)]
}
