package content

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// phraseBitsBySearch is what phraseIndex.bits finds, the slow way: every
// phrase searched for in the heading.
func phraseBitsBySearch(v *Vocabulary, h string) uint64 {
	var bits uint64
	for _, p := range v.phrases {
		if containsWords(h, p.phrase) {
			bits |= p.bits
		}
	}
	return bits
}

func checkPhraseBits(t *testing.T, v *Vocabulary, heading string) {
	t.Helper()
	h := NormalizeHeading(heading)
	if got, want := v.byPhrase.bits(h), phraseBitsBySearch(v, h); got != want {
		t.Fatalf("%q: the index finds %b, the search %b", h, got, want)
	}
}

// headingPieces are the phrases of the built-in vocabulary, their parts,
// and what may touch them.
func headingPieces(v *Vocabulary) []string {
	pieces := []string{"", " ", "-", "(", ")", ":", "x", "é", "2", "_", "#", "&"}
	for _, p := range v.phrases {
		pieces = append(pieces, p.phrase, p.phrase[:len(p.phrase)/2], p.phrase[len(p.phrase)/2:])
	}
	return pieces
}

func TestPhraseIndexAgreesWithSearch(t *testing.T) {
	v := DefaultVocabulary()
	more := v.WithHeadings(map[SectionKind][]string{})
	odd := &Vocabulary{phrases: []kindPhrase{{"-x", 2}, {"é", 4}, {"a b", 8}, {"a", 16}}}
	odd.byPhrase = newPhraseIndex(odd.phrases)
	r := rand.New(rand.NewSource(1))
	for _, voc := range []*Vocabulary{v, more, odd} {
		pieces := headingPieces(voc)
		for range 50000 {
			var b strings.Builder
			for range 1 + r.Intn(5) {
				b.WriteString(pieces[r.Intn(len(pieces))])
			}
			checkPhraseBits(t, voc, b.String())
		}
	}
}

func TestPhraseIndexAgreesOnCorpusHeadings(t *testing.T) {
	v := DefaultVocabulary()
	n := 0
	for _, dir := range []string{"../examples", "testdata", "../lint/testdata", "../../shared/corpus"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, line := range strings.Split(string(src), "\n") {
				if strings.HasPrefix(line, "#") {
					checkPhraseBits(t, v, strings.TrimLeft(line, "# "))
					n++
				}
			}
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no headings read")
	}
}

func FuzzPhraseIndex(f *testing.F) {
	v := DefaultVocabulary()
	f.Add("Corrective and Preventative Measures")
	f.Add("3. Action Items (Q1 2026):")
	f.Fuzz(func(t *testing.T, heading string) {
		checkPhraseBits(t, v, heading)
	})
}
