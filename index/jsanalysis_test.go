package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/templates"
)

// The tests of this file hold the site's JavaScript analysis
// (templates/static/search/analysis.js) to kb's Go analysis, in headless
// Chromium: same terms, same positions, and offsets that point at the same
// words.

// analysisPageHelpers are the test page's own functions around kbAnalysis:
// each analyses a whole batch of texts in one call, and returns its results
// as one JSON string, which the DevTools protocol carries much faster than
// the same values.
const analysisPageHelpers = `
function kbBatch(texts) {
  return JSON.stringify(texts.map(function (t) {
    var spans = [];
    kbAnalysis.tokens(t).forEach(function (k) { spans.push(k.start, k.end, k.position); });
    return {terms: kbAnalysis.terms(t), spans: spans};
  }));
}
function kbStems(words) { return JSON.stringify(words.map(kbAnalysis.stem)); }
`

// analysisPage opens, in headless Chromium, a file:// page that loads the
// analysis script with a plain <script> tag, as the site does, and checks
// that kbAnalysis is there with the Go analysis's version.
func analysisPage(t *testing.T) context.Context {
	t.Helper()
	ctx := kbtest.Browser(t)
	dir := t.TempDir()
	page := `<!doctype html><meta charset="utf-8"><script src="analysis.js"></script><script>` + analysisPageHelpers + `</script>`
	for name, data := range map[string][]byte{"analysis.js": templates.SearchAnalysis(), "page.html": []byte(page)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/page.html")); err != nil {
		t.Fatal(err)
	}
	got := kbtest.Eval[string](t, ctx, `typeof kbAnalysis == "object" ? kbAnalysis.version : "no kbAnalysis"`)
	if got != AnalysisVersion {
		t.Fatalf("kbAnalysis.version = %q, want index.AnalysisVersion %q", got, AnalysisVersion)
	}
	return ctx
}

// textAnalysis is what an analysis makes of a text: its terms, and for each
// term its start and end (UTF-16 indices into the text, as in JavaScript)
// and its position.
type textAnalysis struct {
	Terms []string `json:"terms"`
	Spans []int    `json:"spans"`
}

// goAnalysis is kb's Go analysis of text, offsets turned into UTF-16
// indices.
func goAnalysis(a analysis.Analyzer, text string) textAnalysis {
	stream := a.Analyze([]byte(text))
	index := utf16Indices(text)
	out := textAnalysis{Terms: make([]string, len(stream)), Spans: make([]int, 0, 3*len(stream))}
	for i, tok := range stream {
		out.Terms[i] = string(tok.Term)
		out.Spans = append(out.Spans, index[tok.Start], index[tok.End], tok.Position)
	}
	return out
}

// utf16Indices maps each byte offset of text that starts a rune (and the
// end) to its index in the UTF-16 form of text, where a byte that is not
// UTF-8 is one U+FFFD, as encoding/json sends it.
func utf16Indices(text string) []int {
	index := make([]int, len(text)+1)
	n := 0
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		index[i] = n
		n += utf16.RuneLen(r)
		i += w
	}
	index[len(text)] = n
	return index
}

// jsAnalysis analyses the texts in the page, in batches of about a
// megabyte of JSON each.
func jsAnalysis(t *testing.T, ctx context.Context, texts []string) []textAnalysis {
	t.Helper()
	var out []textAnalysis
	for len(texts) > 0 {
		n, size := 0, 0
		for n < len(texts) && (n == 0 || size+len(texts[n]) < 1<<20) {
			size += len(texts[n])
			n++
		}
		var batch []textAnalysis
		fromJSON(t, kbtest.Eval[string](t, ctx, "kbBatch("+mustJSON(t, texts[:n])+")"), &batch)
		if len(batch) != n {
			t.Fatalf("kbBatch of %d texts returned %d analyses", n, len(batch))
		}
		out = append(out, batch...)
		texts = texts[n:]
	}
	return out
}

// jsStems stems the words in the page.
func jsStems(t *testing.T, ctx context.Context, words []string) []string {
	t.Helper()
	var stems []string
	fromJSON(t, kbtest.Eval[string](t, ctx, "kbStems("+mustJSON(t, words)+")"), &stems)
	return stems
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func fromJSON(t *testing.T, data string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(data), v); err != nil {
		t.Fatal(err)
	}
}

// goStem is what bleve's porter filter makes of word: go-porterstemmer's
// StemWithoutLowerCasing.
func goStem(word string) string {
	return string(porter.NewPorterStemmer().Filter(analysis.TokenStream{{Term: []byte(word)}})[0].Term)
}

// analysisDiff describes the first difference between Go's and JS's
// analysis of text, or returns "" when they agree.
func analysisDiff(text string, goA, jsA textAnalysis) string {
	for i := 0; i < max(len(goA.Terms), len(jsA.Terms)); i++ {
		g, j := termAt(goA, i), termAt(jsA, i)
		if g != j {
			return fmt.Sprintf("term %d of %d/%d: Go %q, JS %q, at %s", i, len(goA.Terms), len(jsA.Terms), g, j, context16(text, spanAt(goA, jsA, i)))
		}
	}
	if len(goA.Spans) != len(jsA.Spans) {
		return fmt.Sprintf("%d spans from Go, %d from JS", len(goA.Spans), len(jsA.Spans))
	}
	for i := 0; i < len(goA.Spans); i += 3 {
		if !slices.Equal(goA.Spans[i:i+3], jsA.Spans[i:i+3]) {
			return fmt.Sprintf("term %d %q: Go start, end, position %v, JS %v, at %s", i/3, goA.Terms[i/3], goA.Spans[i:i+3], jsA.Spans[i:i+3], context16(text, goA.Spans[i]))
		}
	}
	return ""
}

func termAt(a textAnalysis, i int) string {
	if i < len(a.Terms) {
		return a.Terms[i]
	}
	return "(none)"
}

// spanAt is where term i starts, by Go's analysis or else by JS's.
func spanAt(goA, jsA textAnalysis, i int) int {
	if 3*i < len(goA.Spans) {
		return goA.Spans[3*i]
	}
	if 3*i < len(jsA.Spans) {
		return jsA.Spans[3*i]
	}
	return 0
}

// context16 quotes the text around UTF-16 index i.
func context16(text string, i int) string {
	u := utf16.Encode([]rune(text))
	lo, hi := min(max(0, i-40), len(u)), min(len(u), i+40)
	return fmt.Sprintf("%q", string(utf16.Decode(u[lo:hi])))
}
