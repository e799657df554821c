package main

import (
	"bytes"
	"strings"
	"testing"
)

// exampleArgs splits an example command line into its words as a shell
// would for the simple lines of the examples: double quotes group words,
// and a pipe ends the kb command.
func exampleArgs(line string) []string {
	var args []string
	var word strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				args = append(args, word.String())
				word.Reset()
				inWord = false
			}
		case r == '|' && !quoted:
			return args
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		args = append(args, word.String())
	}
	return args
}

func TestExampleArgs(t *testing.T) {
	got := strings.Join(exampleArgs(`kb new  postmortem "Disk full: db" | less -R`), "/")
	if want := "kb/new/postmortem/Disk full: db"; got != want {
		t.Errorf("exampleArgs = %q, want %q", got, want)
	}
}

// checkExample parses an example with the flags of the command it names.
func checkExample(t *testing.T, line string, want *command) {
	t.Helper()
	args := exampleArgs(line)
	if len(args) < 2 || args[0] != "kb" {
		t.Errorf("example %q does not run kb COMMAND", line)
		return
	}
	for _, c := range commands() {
		if c.name != args[1] {
			continue
		}
		if want != nil && c.name != want.name {
			t.Errorf("example %q of kb %s runs kb %s", line, want.name, c.name)
		}
		var out, errb bytes.Buffer
		if _, _, code, ok := c.parse(args[2:], &out, &errb); !ok {
			t.Errorf("example %q does not parse (exit %d): %s", line, code, errb.String())
		}
		return
	}
	t.Errorf("example %q names no kb command", line)
}

// TestExamplesParse checks that every command has examples in its --help
// and that each parses with the command's flags, as do the examples of
// kb --help.
func TestExamplesParse(t *testing.T) {
	for _, c := range commands() {
		if n := len(c.examples); n < 1 || n > 4 {
			t.Errorf("kb %s has %d examples, want 1 to 4", c.name, n)
		}
		code, out, _ := kbRun(t, c.name, "--help")
		if code != 0 || !strings.Contains(out, "\nExamples:\n") {
			t.Errorf("kb %s --help: exit %d, no Examples:\n%s", c.name, code, out)
		}
		for _, e := range c.examples {
			if !strings.HasSuffix(out, "  "+e+"\n") && !strings.Contains(out, "  "+e+"\n  ") {
				t.Errorf("kb %s --help lacks the example %q:\n%s", c.name, e, out)
			}
			checkExample(t, e, c)
		}
	}
	code, out, _ := kbRun(t, "--help")
	if code != 0 || !strings.Contains(out, "\nExamples:\n  "+strings.Join(topExamples, "\n  ")+"\n") {
		t.Errorf("kb --help: exit %d, examples missing:\n%s", code, out)
	}
	for _, e := range topExamples {
		checkExample(t, e, nil)
	}
}
