package index

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/kb-tools/kb/content"
)

// TestJSAnalysisMatchesGoOnKBs analyses every text field (title, names,
// body) of every document of examples/acme, of the collections of
// ../shared/corpus and of a 1,000-document kbgen KB in Go and in the
// browser, and stems every distinct word of them both ways: not one
// difference is allowed.
func TestJSAnalysisMatchesGoOnKBs(t *testing.T) {
	ctx := analysisPage(t)
	t.Run("acme", func(t *testing.T) {
		compareKB(t, ctx, loadKB(t, filepath.Join("..", "examples", "acme"), nil))
	})
	for _, c := range []struct {
		name  string
		kinds map[content.Kind][]string
	}{
		// The kinds of cmd/kb's corpus test.
		{"dfds-postmortems", map[content.Kind][]string{content.KindPostmortem: {"PM*.md"}}},
		{"jenkins-infra-status", map[content.Kind][]string{content.KindPostmortem: {"content/issues/**"}}},
		{"openshift-runbooks", map[content.Kind][]string{content.KindRunbook: {"alerts/**"}}},
		{"prometheus-operator-runbooks", map[content.Kind][]string{content.KindRunbook: {"content/runbooks/**"}}},
	} {
		t.Run("corpus/"+c.name, func(t *testing.T) {
			compareKB(t, ctx, loadKB(t, filepath.Join(corpusDir(t), c.name), c.kinds))
		})
	}
	t.Run("kbgen-1000", func(t *testing.T) {
		compareKB(t, ctx, loadKB(t, kbgen(t, 1000), nil))
	})
}

// corpusDir finds the shared collections of real runbooks and postmortems,
// as cmd/kb's tests do: $KB_CORPUS_DIR, else ../shared/corpus beside the
// repository. Without them the test skips (CI has none).
func corpusDir(t *testing.T) string {
	if d := os.Getenv("KB_CORPUS_DIR"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d); err != nil {
		t.Skipf("no corpus at %s; set KB_CORPUS_DIR", d)
	}
	return d
}

// kbgen writes a KB of n documents with cmd/kbgen (seed 1) and returns its
// folder.
func kbgen(t *testing.T, n int) string {
	dir := filepath.Join(t.TempDir(), "kbgen")
	start := time.Now()
	out, err := exec.Command("go", "run", "../cmd/kbgen", "-n", strconv.Itoa(n), "-seed", "1", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go run ../cmd/kbgen: %v\n%s", err, out)
	}
	t.Logf("kbgen -n %d: %v", n, time.Since(start).Round(time.Millisecond))
	return dir
}

// loadKB loads the KB in dir as cmd/kb does, with kinds in place of the
// configured ones when kinds is not nil (the corpus collections have no
// kb.yaml).
func loadKB(t *testing.T, dir string, kinds map[content.Kind][]string) []*content.Doc {
	t.Helper()
	var opts []content.LoadOption
	if kinds != nil {
		files, err := content.OpenFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		cfg := content.DefaultConfig()
		cfg.Kinds = kinds
		opts = append(opts, content.WithConfig(files, cfg, nil))
	}
	kb, err := content.Load(dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Docs) == 0 {
		t.Fatalf("no documents in %s", dir)
	}
	return kb.Docs
}

// fieldText is one text field of one document.
type fieldText struct {
	path, field, text string
}

// compareKB compares the Go and JS analyses of every text field of docs,
// and the stems of every distinct word of them.
func compareKB(t *testing.T, ctx context.Context, docs []*content.Doc) {
	var texts []fieldText
	for _, d := range docs {
		doc := NewDocument(d, "")
		for _, f := range []fieldText{{d.Path, "title", doc.Title}, {d.Path, "names", doc.Names}, {d.Path, "body", doc.Body}} {
			if f.text != "" {
				texts = append(texts, f)
			}
		}
	}
	raw := make([]string, len(texts))
	for i, f := range texts {
		raw[i] = f.text
	}
	start := time.Now()
	js := jsAnalysis(t, ctx, raw)
	jsTime := time.Since(start)
	a := Analyzer()
	terms, mismatches := 0, 0
	for i, f := range texts {
		goA := goAnalysis(a, f.text)
		terms += len(goA.Terms)
		if d := analysisDiff(f.text, goA, js[i]); d != "" {
			mismatches++
			if mismatches <= 20 {
				t.Errorf("%s (%s): %s", f.path, f.field, d)
			}
		}
	}
	words := distinctWords(raw)
	stems := jsStems(t, ctx, words)
	stemDiffs := 0
	for i, w := range words {
		if want := goStem(w); stems[i] != want {
			stemDiffs++
			if stemDiffs <= 20 {
				t.Errorf("stem(%q): JS %q, Go %q", w, stems[i], want)
			}
		}
	}
	t.Logf("%d documents, %d texts (%d bytes), %d terms: %d mismatches; %d distinct words stemmed: %d differences (JS analysis %v)",
		len(docs), len(texts), textBytes(raw), terms, mismatches, len(words), stemDiffs, jsTime.Round(time.Millisecond))
	if terms == 0 {
		t.Error("no terms compared")
	}
}

func textBytes(texts []string) int {
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	return n
}

// distinctWords are the words of texts as the stemmer gets them (after
// identifier parts, possessives, lower case and stop words) and as the
// tokenizer cuts them (in their own case), each once, sorted.
func distinctWords(texts []string) []string {
	stop, err := registry.NewCache().TokenFilterNamed(en.StopName)
	if err != nil {
		panic(err)
	}
	beforeStems := &analysis.DefaultAnalyzer{Tokenizer: WordTokenizer{},
		TokenFilters: []analysis.TokenFilter{IdentifierFilter{}, en.NewPossessiveFilter(), LowerFilter{}, stop}}
	seen := map[string]bool{}
	for _, text := range texts {
		for _, tok := range beforeStems.Analyze([]byte(text)) {
			seen[string(tok.Term)] = true
		}
		for _, tok := range (WordTokenizer{}).Tokenize([]byte(text)) {
			seen[string(tok.Term)] = true
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}
