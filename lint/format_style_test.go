package lint

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/ansi"
)

// styledResult has a finding of each severity, of two rules, so that the
// text output closes with the table of findings by rule.
func styledResult() *Result {
	at := func(line int) content.Pos { return content.Pos{File: "postmortems/a.md", Line: line, Col: 3} }
	return &Result{Docs: 1, Diagnostics: []Diagnostic{
		{Pos: at(4), Severity: Error, Rule: "blameless", Message: "blames a person", Suggestion: "say what happened"},
		{Pos: at(7), Severity: Warning, Rule: "actions", Message: "no owner"},
		{Pos: at(9), Severity: Info, Rule: "actions", Message: "no due date"},
	}}
}

var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestWriteTextColour checks that WithColour(true) styles each severity in
// its colour, the position and the rule, in the findings and in the table
// by rule, and that without escapes the text is the plain output's, which
// WithColour(false) and no option give alike.
func TestWriteTextColour(t *testing.T) {
	res := styledResult()
	var plain, off, on bytes.Buffer
	if err := WriteText(&plain, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&off, res, WithColour(false)); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&on, res, WithColour(true)); err != nil {
		t.Fatal(err)
	}
	if off.String() != plain.String() {
		t.Errorf("WithColour(false) changed the output:\n%q\nwant\n%q", off.String(), plain.String())
	}
	if strings.Contains(plain.String(), "\x1b") {
		t.Errorf("plain output has an escape:\n%q", plain.String())
	}
	if got := ansiEscape.ReplaceAllString(on.String(), ""); got != plain.String() {
		t.Errorf("coloured output without its escapes:\n%q\nwant\n%q", got, plain.String())
	}
	for _, want := range []string{
		ansi.Bold + "postmortems/a.md:4:3" + ansi.Reset + ": " + ansi.BoldRed + "error" + ansi.Reset + " " + ansi.Dim + "blameless" + ansi.Reset + ": blames a person",
		ansi.Yellow + "warning" + ansi.Reset + " " + ansi.Dim + "actions",
		ansi.Cyan + "info" + ansi.Reset + " " + ansi.Dim + "actions",
		ansi.BoldRed + "error  " + ansi.Reset + "  " + ansi.Dim + "blameless" + ansi.Reset + "\n",
		ansi.Yellow + "warning" + ansi.Reset + "  " + ansi.Dim + "actions" + ansi.Reset + "\n",
		ansi.Cyan + "info   " + ansi.Reset + "  " + ansi.Dim + "actions" + ansi.Reset + "\n",
	} {
		if !strings.Contains(on.String(), want) {
			t.Errorf("coloured output lacks %q:\n%q", want, on.String())
		}
	}
}
