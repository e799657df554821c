package index

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/kb-tools/kb/internal/kbtest"
)

// probe is the text a code point is tried in, the same in probeAll: alone, inside a word between a lower- and an upper-case
// letter, after two upper-case letters, and between a digit and a letter.
// It shows whether the code point is a letter, a digit, a mark, an
// ideograph, upper or lower case, what its lower case is, and whether it
// joins two words.
func probe(c rune) string {
	s := string(c)
	return s + " a" + s + "Ba AB" + s + " 1" + s + "a"
}

// probeAll analyses, in the page, the probe text of every code point that
// Go assigns (goRanges, lo, hi pairs) or the browser does, private use and
// surrogates left out; it returns {cps, terms} as JSON.
const probeAll = `(function (goRanges) {
  var out = {cps: [], terms: []}, unassigned = /[\p{Cn}\p{Co}]/u, r = 0;
  for (var c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    while (r < goRanges.length && goRanges[r + 1] < c) r += 2;
    var s = String.fromCodePoint(c);
    if (!(r < goRanges.length && goRanges[r] <= c) && unassigned.test(s)) continue;
    out.cps.push(c);
    out.terms.push(kbAnalysis.terms(s + " a" + s + "Ba AB" + s + " 1" + s + "a").join(" "));
  }
  return JSON.stringify(out);
})`

// assignedInGo reports whether Go's Unicode tables (Unicode 15.0 in Go
// 1.26) give r a category other than private use.
func assignedInGo(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf)
}

// goAssignedRanges are the code points assignedInGo, as lo, hi pairs.
func goAssignedRanges() []int {
	var out []int
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !assignedInGo(r) {
			continue
		}
		if n := len(out); n > 0 && out[n-1] == int(r)-1 {
			out[n-1] = int(r)
		} else {
			out = append(out, int(r), int(r))
		}
	}
	return out
}

// TestJSAnalysisCodePoints analyses, in Go and in the browser, the probe
// text of every code point that Go's tables or the browser's assign
// (private use and surrogates left out). A code point that Go's Unicode
// 15.0 knows must be analysed the same; one added since may differ (Go
// takes it for a separator), and the test counts those.
func TestJSAnalysisCodePoints(t *testing.T) {
	ctx := analysisPage(t)
	var got struct {
		Cps   []rune   `json:"cps"`
		Terms []string `json:"terms"`
	}
	fromJSON(t, kbtest.Eval[string](t, ctx, probeAll+"("+mustJSON(t, goAssignedRanges())+")"), &got)
	a := Analyzer()
	probed := map[rune]bool{}
	var newer []string
	inGo, differ := 0, 0
	for i, c := range got.Cps {
		probed[c] = true
		want := strings.Join(Terms(a, probe(c)), " ")
		if assignedInGo(c) {
			inGo++
		}
		if got.Terms[i] == want {
			continue
		}
		if assignedInGo(c) {
			differ++
			if differ <= 30 {
				t.Errorf("U+%04X %q: JS %q, Go %q", c, c, got.Terms[i], want)
			}
		} else {
			newer = append(newer, fmt.Sprintf("U+%04X", c))
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if assignedInGo(r) && !probed[r] {
			t.Fatalf("U+%04X, assigned in Go's tables, was not probed in the browser", r)
		}
	}
	t.Logf("%d code points probed, %d of them assigned in Go's Unicode %s: %d of those differ; %d code points the browser assigns and Go does not differ (%s)",
		len(got.Cps), inGo, unicode.Version, differ, len(newer), summary(newer))
	if inGo < 100000 {
		t.Errorf("only %d code points of Go's tables probed", inGo)
	}
}

// summary shortens a long list for the log.
func summary(list []string) string {
	if len(list) > 12 {
		return strings.Join(list[:6], " ") + " … " + strings.Join(list[len(list)-6:], " ")
	}
	return strings.Join(list, " ")
}
