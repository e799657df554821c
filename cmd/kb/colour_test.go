package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/ansi"
	"github.com/kb-tools/kb/internal/kbtest"
)

func TestDecideColour(t *testing.T) {
	tests := []struct {
		mode     string
		terminal bool
		noColor  string
		term     string
		colour   bool
		ok       bool
	}{
		{"auto", true, "", "xterm-256color", true, true},
		{"auto", true, "", "", true, true},
		{"auto", false, "", "xterm", false, true},
		{"auto", true, "1", "xterm", false, true},
		{"auto", true, "", "dumb", false, true},
		{"always", false, "", "xterm", true, true},
		{"always", false, "1", "dumb", true, true},
		{"always", true, "1", "xterm", true, true},
		{"never", true, "", "xterm", false, true},
		{"never", false, "1", "dumb", false, true},
		{"", true, "", "xterm", false, false},
		{"yes", true, "", "xterm", false, false},
		{"Always", true, "", "xterm", false, false},
	}
	for _, tt := range tests {
		colour, ok := decideColour(tt.mode, colourEnv{terminal: tt.terminal, noColor: tt.noColor, term: tt.term})
		if colour != tt.colour || ok != tt.ok {
			t.Errorf("decideColour(%q, terminal %v, NO_COLOR %q, TERM %q) = %v, %v; want %v, %v",
				tt.mode, tt.terminal, tt.noColor, tt.term, colour, ok, tt.colour, tt.ok)
		}
	}
}

// severityKB is lintKB with a rule at each severity.
var severityKB = strings.Replace(lintKB, "owners: [team-sre]\n",
	"owners: [team-sre]\nlint:\n  rules:\n    actions/due: warning\n    blameless/blame-word: info\n", 1) +
	"-- postmortems/2026-10-03-more.md --\n---\ntitle: More\ndate: 2026-10-03\nseverity: SEV3\nstatus: published\nservices: [db]\n---\n\n## Summary\n\nThe on-call should have paged the database team.\n\n## Impact\n\n## Timeline\n\n## Root cause\n"

var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestLintColour checks that --color always colours every severity even
// into a buffer, that --color never and auto on a buffer give the same
// plain bytes, and that the coloured text is those bytes with escapes.
func TestLintColour(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, severityKB)
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	lint := func(colour string, w io.Writer) string {
		var errb bytes.Buffer
		args := []string{"lint", "--dir", dir, "--today", "2026-11-21"}
		if colour != "" {
			args = append(args, "--color", colour)
		}
		if code := run(args, w, &errb); code == 2 {
			t.Fatalf("--color %q: exit 2: %s", colour, errb.String())
		}
		return w.(interface{ String() string }).String()
	}
	plain := lint("", &bytes.Buffer{})
	never := lint("never", &terminalBuffer{})
	always := lint("always", &bytes.Buffer{})
	auto := lint("auto", &terminalBuffer{})
	if strings.Contains(plain, "\x1b") || never != plain {
		t.Errorf("--color never on a terminal:\n%q\nwant the plain output\n%q", never, plain)
	}
	if always != auto {
		t.Errorf("--color auto on a terminal:\n%q\nwant as always:\n%q", auto, always)
	}
	if got := ansiEscape.ReplaceAllString(always, ""); got != plain {
		t.Errorf("--color always without its escapes:\n%q\nwant\n%q", got, plain)
	}
	for _, want := range []string{"\x1b[1;31merror\x1b[0m", "\x1b[33mwarning\x1b[0m", "\x1b[36minfo\x1b[0m", "\x1b[2mactions/due\x1b[0m"} {
		if !strings.Contains(always, want) {
			t.Errorf("--color always lacks %q:\n%s", want, always)
		}
	}
}

// TestColourFlagErrors checks that an unknown --color is a usage error
// naming the values there are, on both commands.
func TestColourFlagErrors(t *testing.T) {
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, lintKB)
	for _, args := range [][]string{
		{"lint", "--dir", dir, "--color", "yes"},
		{"search", "--dir", dir, "--color=on", "disk"},
	} {
		code, out, errOut := kbRun(t, args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "unknown --color") || !strings.Contains(errOut, "auto, always, never") {
			t.Errorf("kb %v: exit %d, stdout %q, stderr %q; want exit 2 naming auto, always, never", args, code, out, errOut)
		}
	}
}

// TestSearchColourFlag checks that --color always and never override
// what the output is.
func TestSearchColourFlag(t *testing.T) {
	dir := acmeCopy(t)
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	for _, tt := range []struct {
		mode   string
		out    interface{ String() string }
		colour bool
	}{
		{"always", &bytes.Buffer{}, true},
		{"never", &terminalBuffer{}, false},
		{"auto", &terminalBuffer{}, true},
		{"auto", &bytes.Buffer{}, false},
	} {
		var errb bytes.Buffer
		if code := run([]string{"search", "--dir", dir, "--color", tt.mode, "disk"}, tt.out.(io.Writer), &errb); code != 0 {
			t.Fatalf("--color %s: exit %d: %s", tt.mode, code, errb.String())
		}
		if has := strings.Contains(tt.out.String(), ansi.BoldYellow+"disk"); has != tt.colour {
			t.Errorf("--color %s into %T: marked %v, want %v:\n%s", tt.mode, tt.out, has, tt.colour, tt.out.String())
		}
	}
}
