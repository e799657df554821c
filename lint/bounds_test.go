package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// lintTree writes a txtar KB and lints it.
func lintTree(t *testing.T, archive string) *Result {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, archive)
	res, err := Run(dir, Options{Today: fixtureToday})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ruleFindings(res *Result, rule string) []Diagnostic {
	var out []Diagnostic
	for _, d := range res.Diagnostics {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

const boundsKB = `
-- kb.yaml --
lint: {rules: {structure: off, actions: off, timeline: off, schema: off, runbook: off}}
`

func TestFindingsOfOneRuleOnOneLineAreCapped(t *testing.T) {
	for _, c := range []struct {
		name string
		line string
		// want is the number of findings of the rule on the line, and
		// summary the count the last one stands for (0: none stands for
		// others).
		rule    string
		want    int
		summary int
		sev     Severity
	}{
		{"under the cap", strings.Repeat("careless ", 7), "blameless/blame-word", 7, 0, Error},
		{"at the cap", strings.Repeat("careless ", 10), "blameless/blame-word", 10, 0, Error},
		{"one past the cap is itself", strings.Repeat("careless ", 11), "blameless/blame-word", 11, 0, Error},
		{"far past the cap", strings.Repeat("careless ", 500), "blameless/blame-word", 11, 490, Error},
		{"addresses", strings.Repeat("10.1.2.3 ", 300), "privacy/internal-ip", 11, 290, Warning},
		{"in a quote, at info level", "> " + strings.Repeat("careless ", 50), "blameless/blame-word", 11, 40, Info},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := lintTree(t, boundsKB+"-- notes/a.md --\n# Notes\n\n"+c.line+"\n\ncareless again on another line.\n")
			var onLine []Diagnostic
			for _, d := range ruleFindings(res, c.rule) {
				if d.Pos.Line == 3 {
					onLine = append(onLine, d)
				}
			}
			if len(onLine) != c.want {
				t.Fatalf("%d findings of %s on the line, want %d", len(onLine), c.rule, c.want)
			}
			last := onLine[len(onLine)-1]
			says := strings.Contains(last.Message, "more findings of "+c.rule)
			if (c.summary > 0) != says || c.summary > 0 && !strings.HasPrefix(last.Message, itoa(c.summary)+" more") {
				t.Errorf("last finding says %q; want it to stand for %d more", last.Message, c.summary)
			}
			for _, d := range onLine {
				if d.Severity != c.sev {
					t.Errorf("finding at %v of severity %v, want %v", d.Pos, d.Severity, c.sev)
				}
			}
			if c.rule == "blameless/blame-word" && len(ruleFindings(res, c.rule)) != len(onLine)+1 {
				t.Errorf("the finding on another line is lost: %d in all", len(ruleFindings(res, c.rule)))
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	for ; n > 0 || len(b) == 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestSuppressedFindingsDoNotCountTowardTheCap(t *testing.T) {
	res := lintTree(t, boundsKB+"-- notes/a.md --\n# Notes\n\n<!-- kb-lint-disable-next-line blameless/blame-word -->\n"+
		strings.Repeat("careless ", 30)+"\n")
	if n := len(ruleFindings(res, "blameless/blame-word")); n != 0 {
		t.Errorf("%d findings on a suppressed line", n)
	}
}

func TestExcerptsAreCutAroundTheColumn(t *testing.T) {
	long := strings.Repeat("word ", 20000) + "careless " + strings.Repeat("tail ", 20000)
	res := lintTree(t, boundsKB+"-- notes/a.md --\n# Notes\n\n"+long+"\n")
	found := ruleFindings(res, "blameless/blame-word")
	if len(found) != 1 {
		t.Fatalf("%d findings, want 1", len(found))
	}
	d := found[0]
	if d.Pos.Col != 100001 {
		t.Errorf("column %d, want 100001", d.Pos.Col)
	}
	if n := len(d.Excerpt.Text); n > content.ExcerptBytes+2*len("…") {
		t.Errorf("excerpt of %d bytes", n)
	}
	if at := string([]rune(d.Excerpt.Text)[d.Excerpt.Col-1:]); !strings.HasPrefix(at, "careless") {
		t.Errorf("the excerpt's column points at %.20q, want the finding", at)
	}
	var text bytes.Buffer
	if err := WriteText(&text, res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(text.String(), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "       | ") && strings.HasSuffix(l, "^") {
			col := utf8.RuneCountInString(l) - len("       | ")
			src := strings.SplitN(lines[i-1], " | ", 2)[1]
			if !strings.HasPrefix(string([]rune(src)[col-1:]), "careless") {
				t.Errorf("the caret stands under %.20q, not the finding:\n%s\n%s", string([]rune(src)[col-1:]), lines[i-1], l)
			}
		}
	}
	assertShortLines(t, res)
}

// assertShortLines checks that no format prints a whole long line.
func assertShortLines(t *testing.T, res *Result) {
	t.Helper()
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, format, res, Rules()); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(b.String(), "\n") {
			if len(l) > 2*messageBytes+300 {
				t.Errorf("%s output has a line of %d bytes: %.100q…", format, len(l), l)
			}
		}
	}
	var b bytes.Buffer
	if err := WriteStepSummary(&b, res); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if len(l) > 2*messageBytes+300 {
			t.Errorf("step summary has a line of %d bytes", len(l))
		}
	}
}

func TestMessagesQuoteValuesShortly(t *testing.T) {
	long := strings.Repeat("x", 100000)
	key := strings.Repeat("k", 1000) // YAML's longest key
	res := lintTree(t, `
-- kb.yaml --
lint: {rules: {structure: off, timeline: off, runbook: off}}
-- postmortems/2026-01-02-long.md --
---
title: Long values
date: 2026-01-02
severity: `+long+`
status: published
services: [checkout]
actions:
  - {what: `+long+`, owner: `+long+`, due: `+long+`}
`+key+`: 1
---
mail `+long+`@corp.acme.io here
`)
	for _, rule := range []string{"schema/enum", "actions/due", "schema/unknown-key", "privacy/email"} {
		if len(ruleFindings(res, rule)) == 0 {
			t.Errorf("no %s finding: %v", rule, res.Diagnostics)
		}
	}
	for _, d := range res.Diagnostics {
		if len(d.Message) > messageBytes || len(d.Suggestion) > messageBytes || len(d.Excerpt.Text) > content.ExcerptBytes+6 {
			t.Errorf("%s: message of %d bytes, suggestion of %d, excerpt of %d", d.Rule, len(d.Message), len(d.Suggestion), len(d.Excerpt.Text))
		}
	}
	assertShortLines(t, res)
}

func TestExcerptsOfFindingsOverTheWholeKB(t *testing.T) {
	// links/ rules run once the sources are dropped: their excerpts are
	// read back from the files, cut the same way.
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, boundsKB+"-- notes/a.md --\n# Notes\n\n"+strings.Repeat("pad ", 5000)+"[x](missing.md)\n")
	res, err := Run(dir, Options{Today: fixtureToday})
	if err != nil {
		t.Fatal(err)
	}
	found := ruleFindings(res, "links/broken")
	if len(found) != 1 {
		t.Fatalf("findings: %v", res.Diagnostics)
	}
	e := found[0].Excerpt
	// The link's column is that of its text, after "[".
	if len(e.Text) > content.ExcerptBytes+6 || !strings.HasPrefix(string([]rune(e.Text)[e.Col-1:]), "x](missing.md)") {
		t.Errorf("excerpt %q, column %d", e.Text, e.Col)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes", "a.md")); err != nil {
		t.Fatal(err)
	}
}
