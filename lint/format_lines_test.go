package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// TestWrappedPhraseStaysOnOneLine lints phrases that the source wraps
// across lines (in paragraphs and a list item) and checks
// that the text format prints each finding's phrase on one line, with a
// space where the line break was, and that the JSON message has no line
// break either.
func TestWrappedPhraseStaysOnOneLine(t *testing.T) {
	dir := t.TempDir()
	doc := "---\ntitle: Wrapped\n---\n\n" +
		"The root cause was human\nerror during the failover.\n\n" +
		"- The rollout was done in a way that was\n  at fault, said the engineer, at\n  fault.\n\n" +
		"The on-call should\n  have paged the database team.\n"
	if err := os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "postmortems", "wrapped.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(dir, Options{Today: fixtureToday})
	if err != nil {
		t.Fatal(err)
	}
	wantPhrases := []string{`"human error"`, `"should have"`, `"at fault" assigns`}
	var text bytes.Buffer
	if err := WriteText(&text, res); err != nil {
		t.Fatal(err)
	}
	for _, phrase := range wantPhrases {
		if !lineContains(text.String(), phrase) {
			t.Errorf("no line of the text output has %s:\n%s", phrase, text.String())
		}
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, res); err != nil {
		t.Fatal(err)
	}
	var findings []struct{ Message string }
	if err := json.Unmarshal(js.Bytes(), &findings); err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if strings.ContainsAny(f.Message, "\r\n") {
			t.Errorf("JSON message has a line break: %q", f.Message)
		}
	}
}

func lineContains(out, s string) bool {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// TestWriteTextPrintsOneLinePerFinding gives the text format findings
// whose message and suggestion hold line breaks of each kind: each must
// come out as one line.
func TestWriteTextPrintsOneLinePerFinding(t *testing.T) {
	tests := []struct{ message, suggestion, wantLine string }{
		{"\"human\nerror\" judges", "", `postmortems/a.md:3:1: error blameless/blame-word: "human error" judges`},
		{"a\r\nb", "c\rd", `postmortems/a.md:3:1: error blameless/blame-word: a b`},
		{"plain", "one\ntwo", `postmortems/a.md:3:1: error blameless/blame-word: plain`},
	}
	for _, tt := range tests {
		res := &Result{Docs: 1, Diagnostics: []Diagnostic{{Pos: content.Pos{File: "postmortems/a.md", Line: 3, Col: 1},
			Rule: "blameless/blame-word", Severity: Error, Message: tt.message, Suggestion: tt.suggestion}}}
		var out bytes.Buffer
		if err := WriteText(&out, res); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		want := 2 // the finding and the summary
		if tt.suggestion != "" {
			want = 3
		}
		if len(lines) != want || lines[0] != tt.wantLine {
			t.Errorf("message %q, suggestion %q printed as %q; want %d lines, the first %q", tt.message, tt.suggestion, lines, want, tt.wantLine)
		}
	}
}

// TestWriteTextCountsByRule checks the closing table of a run of several
// rules: a line per rule and severity, the most frequent first.
func TestWriteTextCountsByRule(t *testing.T) {
	finding := func(rule string, sev Severity) Diagnostic {
		return Diagnostic{Pos: content.Pos{File: "postmortems/a.md", Line: 3, Col: 1}, Rule: rule, Severity: sev, Message: "m"}
	}
	res := &Result{Docs: 2, Diagnostics: []Diagnostic{finding("actions/no-owner", Warning), finding("blameless/blame-word", Error),
		finding("actions/no-owner", Warning), finding("actions/no-owner", Warning), finding("structure/required-section", Info)}}
	var out bytes.Buffer
	if err := WriteText(&out, res); err != nil {
		t.Fatal(err)
	}
	want := "\nfindings by rule:\n" +
		"       3  warning  actions/no-owner\n" +
		"       1  error    blameless/blame-word\n" +
		"       1  info     structure/required-section\n" +
		"1 error, 3 warnings, 1 info in 1 files (2 documents checked)\n"
	if got := out.String(); !strings.HasSuffix(got, want) {
		t.Errorf("text output ends\n%s\nwant it to end\n%s", got[max(0, len(got)-len(want)-40):], want)
	}
}
