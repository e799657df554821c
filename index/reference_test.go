package index

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"
)

// The reference analysis: the word tokenizer and identifier filter as first
// written, one allocation per token, and bleve's own porter filter. The
// analyzer must give exactly their tokens (terms, offsets, positions,
// types); the site's JavaScript client is checked against the same spec.

func referenceAnalyzer(t testing.TB) analysis.Analyzer {
	t.Helper()
	c := registry.NewCache()
	var filters []analysis.TokenFilter
	for _, name := range []string{en.PossessiveName, LowerFilterName, en.StopName, porter.Name} {
		f, err := c.TokenFilterNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		filters = append(filters, f)
	}
	filters = append([]analysis.TokenFilter{referenceIdentifierFilter{}}, filters...)
	return &analysis.DefaultAnalyzer{Tokenizer: referenceTokenizer{}, TokenFilters: filters}
}

// referenceTokenizer is the WordTokenizer as first written, rune by rune:
// the oracle of the tokenizer, which reads ASCII words by a shorter path.
type referenceTokenizer struct{}

func (referenceTokenizer) Tokenize(text []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start, runes := -1, 0
	emit := func(end int, typ analysis.TokenType) {
		if runes <= MaxWordRunes {
			out = append(out, &analysis.Token{
				Term: text[start:end], Start: start, End: end,
				Position: len(out) + 1, Type: typ,
			})
		}
		start, runes = -1, 0
	}
	var prev rune
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRune(text[i:])
		switch {
		case isIdeograph(r):
			if start >= 0 {
				emit(i, referenceWordType(text[start:i]))
			}
			start, runes = i, 1
			emit(i+w, analysis.Ideographic)
		case isWordRune(r) || (start >= 0 && unicode.IsMark(r)):
			if start < 0 {
				start = i
			}
			runes++
		case start >= 0 && joins(prev, r, text[i+w:]):
			runes++
		case start >= 0:
			emit(i, referenceWordType(text[start:i]))
		}
		prev = r
		i += w
	}
	if start >= 0 {
		emit(len(text), referenceWordType(text[start:]))
	}
	return out
}

func referenceWordType(w []byte) analysis.TokenType {
	for _, r := range string(w) {
		if unicode.IsLetter(r) {
			return analysis.AlphaNumeric
		}
	}
	return analysis.Numeric
}

type referenceIdentifierFilter struct{}

func (referenceIdentifierFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	pos := 0
	for _, t := range in {
		parts := referenceParts(t)
		switch {
		case parts == nil:
			pos++
			t.Position = pos
			out = append(out, t)
		case len(parts) == 1:
			pos++
			parts[0].Position = pos
			out = append(out, parts[0])
		default:
			var whole []byte
			for _, p := range parts {
				whole = append(whole, p.Term...)
			}
			out = append(out, &analysis.Token{Term: whole, Start: t.Start, End: t.End, Position: pos + 1, Type: t.Type})
			for _, p := range parts {
				pos++
				p.Position = pos
				out = append(out, p)
			}
		}
	}
	return out
}

func referenceParts(t *analysis.Token) []*analysis.Token {
	if t.Type != analysis.AlphaNumeric {
		return nil
	}
	term := t.Term
	var parts []*analysis.Token
	start := -1
	cut := func(end int) {
		if start >= 0 && end > start {
			parts = append(parts, &analysis.Token{Term: term[start:end], Start: t.Start + start, End: t.Start + end, Type: t.Type})
		}
		start = -1
	}
	var prev rune
	for i := 0; i < len(term); {
		r, w := utf8.DecodeRune(term[i:])
		next, _ := utf8.DecodeRune(term[i+w:])
		switch {
		case r == '_' || r == '.':
			cut(i)
		case start >= 0 && caseBoundary(prev, r, next, i+w < len(term)):
			cut(i)
			start = i
		case start < 0:
			start = i
		}
		prev = r
		i += w
	}
	cut(len(term))
	if len(parts) == 1 && len(parts[0].Term) == len(term) {
		return nil
	}
	return parts
}

// sameTokens reports the first difference between two token streams.
func sameTokens(got, want analysis.TokenStream) (int, bool) {
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) {
			return i, false
		}
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position || g.Type != w.Type || g.KeyWord != w.KeyWord {
			return i, false
		}
	}
	return 0, true
}

// referenceTexts are the markdown files the analysis is checked on: the
// example KB and, when present, the shared corpus of real documents.
func referenceTexts(t *testing.T) map[string][]byte {
	texts := map[string][]byte{}
	dirs := []string{"../examples/acme", "../lint/testdata"}
	corpus := os.Getenv("KB_CORPUS_DIR")
	if corpus == "" {
		corpus = "../../shared/corpus"
	}
	if _, err := os.Stat(corpus); err == nil {
		dirs = append(dirs, corpus)
	} else {
		t.Logf("no corpus at %s: checking the example only", corpus)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, ".md") {
				return err
			}
			b, err := os.ReadFile(p)
			texts[p] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return texts
}

func TestAnalysisMatchesReference(t *testing.T) {
	fast, ref := Analyzer(), referenceAnalyzer(t)
	texts := referenceTexts(t)
	for _, s := range analysisEdgeCases() {
		texts["edge case "+s] = []byte(s)
	}
	for name, text := range texts {
		got, want := fast.Analyze(text), ref.Analyze(append([]byte(nil), text...))
		if i, ok := sameTokens(got, want); !ok {
			t.Errorf("%s: token %d differs: got %s, want %s", name, i, tokenAt(got, i), tokenAt(want, i))
		}
	}
}

func FuzzAnalysisMatchesReference(f *testing.F) {
	for _, s := range analysisEdgeCases() {
		f.Add(s)
	}
	fast, ref := Analyzer(), referenceAnalyzer(f)
	f.Fuzz(func(t *testing.T, s string) {
		got, want := fast.Analyze([]byte(s)), ref.Analyze([]byte(s))
		if i, ok := sameTokens(got, want); !ok {
			t.Errorf("%q: token %d differs: got %s, want %s", s, i, tokenAt(got, i), tokenAt(want, i))
		}
	})
}

func analysisEdgeCases() []string {
	return []string{
		"", "a", "ab", "abc", "KubePodCrashLooping kube_pod_crash_looping", "HTTPServer http2Server k8s sha256 __init__",
		"The team's disk filled; it's the teams’ job", "10.0.0.1 and 1,000 and 3.14.", "api.example.com",
		"İstanbul ΣΊΣΥΦΟΣ Straße ǅemal", "数据 データ 한국어", "don't 'quoted' end.", "e\u0301cole cafe\u0301s",
		"x" + strings.Repeat("a", 70) + " y", strings.Repeat("ab_", 30), "invalid \xff\xfe bytes \xc3",
		"ponies happy hoping generalizations abilities relational", "ÀÉÎÕÜ élan naïve", "_ __ _x_ x_ .x x. a..b",
		"running\u200bjump", "ID IDs IDS ABCs iOS eBPF macOS",
	}
}

func tokenAt(s analysis.TokenStream, i int) string {
	if i >= len(s) {
		return "nothing"
	}
	return s[i].String()
}
