package lint

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// encodingJSON is what WriteJSON wrote before it had a writer of its own:
// encoding/json's Encoder, indented by two spaces.
func encodingJSON(t testing.TB, diags []Diagnostic) []byte {
	t.Helper()
	if diags == nil {
		diags = []Diagnostic{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(diags); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkJSONWriter(t testing.TB, diags []Diagnostic) {
	t.Helper()
	var got bytes.Buffer
	if err := writeJSONFindings(&got, diags); err != nil {
		t.Fatal(err)
	}
	if want := encodingJSON(t, diags); !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("writeJSONFindings wrote\n%s\nencoding/json\n%s", got.Bytes(), want)
	}
}

func TestJSONWriterAgreesWithEncodingJSON(t *testing.T) {
	checkJSONWriter(t, nil)
	n := 0
	for _, dir := range fixtureDirs(t) {
		res, err := Run(dir, fixtureOptions(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		checkJSONWriter(t, res.Diagnostics)
		n += len(res.Diagnostics)
	}
	if n == 0 {
		t.Fatal("the fixtures have no findings")
	}
	pieces := []string{"", "a", " ", "\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f",
		"é", "€", "\u2028", "\u2029", "\xff", "\xe2\x82", "💥", "/", "'"}
	r := rand.New(rand.NewSource(1))
	text := func() string {
		var b strings.Builder
		for range r.Intn(6) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		return b.String()
	}
	var diags []Diagnostic
	for range 20000 {
		diags = append(diags, Diagnostic{Pos: content.Pos{File: text(), Line: r.Intn(1000) - 1, Col: r.Intn(100)},
			Rule: text(), Severity: Severity(r.Intn(3)), Message: text(), Suggestion: text()})
	}
	checkJSONWriter(t, diags)
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"plain", "<a & b>", "\u2028\xff\x00\"\\"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, message, suggestion string) {
		checkJSONWriter(t, []Diagnostic{{Pos: content.Pos{File: message, Line: 1, Col: 1}, Rule: "r/x", Message: message, Suggestion: suggestion}})
	})
}
