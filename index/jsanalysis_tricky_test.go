package index

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/kb-tools/kb/templates"
)

// trickyTexts are texts where a JavaScript analysis is most likely to part
// from Go's: Unicode, apostrophes, dotted and CamelCase names, digits, long
// words, emoji, CJK, Greek sigma, Turkish İ, the Kelvin sign, combining marks.
var trickyTexts = []string{
	"",
	" \t\n\r ",
	"KubePodCrashLooping fired on api-server",
	"kube_pod_crash_looping kube.pod.crash.looping Kube-Pod",
	"HTTPServer XMLHttpRequest getHTTPResponseCode http2Server IPv6Address",
	"IOError ABCdef aBC ABc A1B2 a1B 1A ÀÉ àÉ ÉCOLE",
	"__init__ _id __ a__b x_1 1_x _ __9__",
	"snake_case camelCase PascalCase SCREAMING_CASE kebab-case",
	"The team's disk; the teams’ disks; JAMES'S CAR; it's; a＇s",
	"don't won’t shouldn't can't o'clock rock'n'roll's I'M YOU'RE",
	"a'b a’b a''b 'a' a' ’s 's x'' 1's 90s 1990's",
	"10.0.0.1 v1.2.3 1,000,000 3.14. 1,a a,1 1.a 2.0-rc1 $1,000.50 50%",
	"api.example.com user@example.com https://kb.example.com/runbooks/x/?q=disk+full#top",
	"C++ C# F# .NET node.js Node.JS ASP.NET",
	"İstanbul İİ ıi DİYARBAKIR İs",
	"ΣΊΣΥΦΟΣ ΟΔΟΣ ΟΔΟΣ's Σ ΣΑΣ σς ΑΣ1 1Σ ΑΣ_Β ΑΣ.Β",
	"K Kelvin 5K Å Ω ẞ ǅemal ǈ Ǆ",
	"数据库 データベース ひらがな カタカナ 々 〇 中文English混合 한국어 텍스트 🈀",
	"emoji 🔥 fire🔥fire 👍🏽 ok ❤️ 🇫🇷 👨‍👩‍👧 a\u20e3",
	"combining e\u0301 cafe\u0301 \u0301start naïve ñ x\u0301\u0302\u0303",
	"Arabic ١٢٣ Devanagari १२३ फ़ीचर ٣٫١٤ ๑๒๓",
	"𝐀𝐁𝐂 𝑥 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐐀𐐨𐐀 𐐨𐐀𐐨 Ⓐ",
	"Ünïcödé ÜBER über straße STRASSE",
	"tab\tsep\u00a0nbsp\u2009thin\u200bzwsp\u200dzwj\ufeffbom\u00adsoft",
	"line\r\nbreaks\u2028and\u2029separators\u0000nul\u0007bell",
	"bad \xff\xfe utf-8 \xc3( and \xe2\x82 cut",
	"generously caresses ponies sky skies y ies dying lying Yummy SKY",
	"relational conditional rational valenci hesitanci digitizer conformabli",
	"THE AND Of ON The the",
	// Words of MaxWordRunes runes are kept, longer ones dropped; runes
	// count code points, marks and joining punctuation, not UTF-16 units.
	strings.Repeat("a", MaxWordRunes) + " " + strings.Repeat("b", MaxWordRunes+1) + " " + strings.Repeat("é", MaxWordRunes),
	strings.Repeat("ab_", MaxWordRunes/3) + "c" + " " + strings.Repeat("Ab", MaxWordRunes/2) + " " + strings.Repeat("Ab", MaxWordRunes/2) + "A",
	strings.Repeat("𝐚", MaxWordRunes) + " " + strings.Repeat("𝐚", MaxWordRunes+1) + " " + strings.Repeat("e\u0301", MaxWordRunes/2) + " " + strings.Repeat("e\u0301", MaxWordRunes/2) + "e",
	strings.Repeat("x", MaxWordRunes/2-2) + "'" + strings.Repeat("y", MaxWordRunes/2+1) + " " + strings.Repeat("1", MaxWordRunes/2) + "," + strings.Repeat("2", MaxWordRunes/2),
	"数" + strings.Repeat("a", MaxWordRunes) + "数" + strings.Repeat("a", MaxWordRunes+1) + "数",
}

func TestJSAnalysisTrickyTexts(t *testing.T) {
	ctx := analysisPage(t)
	a := Analyzer()
	js := jsAnalysis(t, ctx, trickyTexts)
	terms := 0
	for i, text := range trickyTexts {
		terms += len(js[i].Terms)
		if d := analysisDiff(text, goAnalysis(a, text), js[i]); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
	if terms < 100 {
		t.Errorf("only %d terms in all: the texts are not analysed", terms)
	}
}

// trickyWords are words whose stems test the stemmer's corners: short
// words, y, every rule of every step, upper case and other scripts.
var trickyWords = []string{
	"", "a", "y", "ys", "yy", "yyy", "yyyy", "sky", "skies", "sly", "syzygy", "ies", "sies", "ss", "sss", "sses", "s", "is", "as",
	"generously", "caresses", "ponies", "ties", "caress", "cats",
	"eed", "feed", "agreed", "ed", "aed", "bled", "ated", "ized", "ing", "sing", "king", "bing",
	"plastered", "motoring", "conflated", "troubled", "sized", "hopping", "tanned", "falling", "hissing", "fizzed",
	"failing", "filing", "hoping", "happy", "happily", "controll", "roll", "ll",
	"relational", "conditional", "rational", "valenci", "hesitanci", "digitizer", "conformabli", "radicalli",
	"differentli", "vileli", "analogousli", "vietnamization", "predication", "operator", "feudalism",
	"decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "archaeologi",
	"triplicate", "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness",
	"revival", "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant",
	"replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate", "angulariti",
	"homologous", "effective", "bowdlerize", "probate", "rate", "cease", "ation", "ational", "ement", "ion", "sion", "companion", "opinion",
	"Yummy", "SKY", "HAPPY", "CARESSES", "Ponies", "yes", "Y", "YY", "aY", "boY",
	"naïve", "café", "résumé", "straße", "über", "ñandúes", "σίσυφος", "naïvety", "ĳs", "ﬁles",
	"𝐚𝐛𝐜ing", "x𝐛y", "a😀ies", "😀😀s", "😀😀", "😀", "😀s", "𝐚s", "😀ys", "日本ed", "1,000s", "10.0.0.1", "3s", "k8s",
	"\ufffdies", "e\u0301s", "e\u0301ed", "ye\u0301y",
}

func TestJSStemsTrickyWords(t *testing.T) {
	ctx := analysisPage(t)
	js := jsStems(t, ctx, trickyWords)
	for i, w := range trickyWords {
		if want := goStem(w); js[i] != want {
			t.Errorf("stem(%q): JS %q, Go %q", w, js[i], want)
		}
	}
}

// stopWordsLine finds the stop words in the analysis script.
var stopWordsLine = regexp.MustCompile(`(?m)^\s*var STOP_WORDS = "([^"]*)";$`)

// TestStopWordsAreBleves checks that the script's stop words are bleve's
// stop_en, word for word; it needs no browser.
func TestStopWordsAreBleves(t *testing.T) {
	m, err := registry.NewCache().TokenMapNamed(en.StopName)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for w := range m {
		want = append(want, w)
	}
	sort.Strings(want)
	found := stopWordsLine.FindSubmatch(templates.SearchAnalysis())
	if found == nil {
		t.Fatalf("%s has no line `var STOP_WORDS = \"…\";`", templates.SearchAnalysisPath)
	}
	if got := strings.Fields(string(found[1])); !slices.Equal(got, want) {
		t.Errorf("the stop words of %s are not bleve's %d; the line should read:\n  var STOP_WORDS = %q;", templates.SearchAnalysisPath, len(want), strings.Join(want, " "))
	}
}
