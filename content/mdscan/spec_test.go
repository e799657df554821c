package mdscan

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var updateAccepted = flag.Bool("update-accepted", false, "rewrite testdata/accepted.txt from the differences found (reasons of kept entries stay)")

// specExample is one example of the CommonMark spec, as goldmark keeps it.
type specExample struct {
	Markdown string `json:"markdown"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// specExamples reads goldmark's copy of the CommonMark spec examples, or
// skips the test when the module is not in the module cache.
func specExamples(t *testing.T) []specExample {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("goldmark's module directory is unknown (%v): no spec examples", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Skipf("no spec examples: %v", err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	return examples
}

// accepted is an accepted difference: the categories in which the
// scanner and goldmark differ on an example, and why.
type accepted struct {
	cats   string
	reason string
}

const acceptedFile = "testdata/accepted.txt"

// readAccepted reads the accepted differences: lines of "EXAMPLE
// CATEGORIES REASON", "#" for comments.
func readAccepted(t *testing.T) map[string]accepted {
	t.Helper()
	f, err := os.Open(acceptedFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]accepted{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) < 3 || strings.TrimSpace(fields[2]) == "" {
			t.Fatalf("%s:%d: want EXAMPLE CATEGORIES REASON, got %q", acceptedFile, n, line)
		}
		m[fields[0]] = accepted{cats: fields[1], reason: strings.TrimSpace(fields[2])}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSpecExamples compares the scanner's events with goldmark's syntax
// tree on every CommonMark spec example. The differences must be exactly
// those listed in testdata/accepted.txt: a new one fails, and so does a
// listed one that is gone.
func TestSpecExamples(t *testing.T) {
	examples := specExamples(t)
	acc := readAccepted(t)
	md := newGoldmark()
	found := map[int]string{}
	for _, ex := range examples {
		src := []byte(ex.Markdown)
		got, want := scannerFacts(src), goldmarkFacts(md, src)
		cats := differ(got, want)
		if got["halt"] != nil {
			cats = []string{"halt"}
		}
		if len(cats) == 0 {
			continue
		}
		c := strings.Join(cats, ",")
		found[ex.Example] = c
		a, ok := acc[strconv.Itoa(ex.Example)]
		switch {
		case *updateAccepted:
		case !ok:
			t.Errorf("example %d (%s) differs in %s, not accepted:\n%q\n%s", ex.Example, ex.Section, c, ex.Markdown, describe(cats, got, want))
		case a.cats != c:
			t.Errorf("example %d (%s) differs in %s, accepted in %s:\n%q\n%s", ex.Example, ex.Section, c, a.cats, ex.Markdown, describe(cats, got, want))
		}
	}
	for key, a := range acc {
		ex, err := strconv.Atoi(key)
		if err != nil {
			continue // a file's (TestFilesAgreeWithGoldmark)
		}
		if _, ok := found[ex]; !ok && !*updateAccepted {
			t.Errorf("example %d is accepted as differing in %s, but no longer differs: drop it from %s", ex, a.cats, acceptedFile)
		}
	}
	if *updateAccepted {
		writeAccepted(t, examples, found, acc)
	}
	t.Logf("%d spec examples, %d differ from goldmark (all accepted)", len(examples), len(found))
}

func writeAccepted(t *testing.T, examples []specExample, found map[int]string, acc map[string]accepted) {
	var b strings.Builder
	b.WriteString(acceptedHeader)
	for _, ex := range examples {
		c, ok := found[ex.Example]
		if !ok {
			continue
		}
		reason := acc[strconv.Itoa(ex.Example)].reason
		if reason == "" {
			reason = "(" + ex.Section + ") TODO"
		}
		fmt.Fprintf(&b, "%d %s %s\n", ex.Example, c, reason)
	}
	for _, key := range sortedKeys(acc) {
		if _, err := strconv.Atoi(key); err != nil {
			fmt.Fprintf(&b, "%s %s %s\n", key, acc[key].cats, acc[key].reason)
		}
	}
	if err := os.WriteFile(acceptedFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

const acceptedHeader = `# The CommonMark spec examples on which mdscan's events differ from
# goldmark's syntax tree, and why. One line per example:
#   EXAMPLE CATEGORIES REASON
# where EXAMPLE is a spec example's number, or a file's path under
# testdata/edge ("edge/NAME.md") or the corpus ("corpus/KB/PATH.md").
# CATEGORIES are those of the neutral comparison (facts_test.go) that
# differ: headings, items, tables, code, quotes, links, or halt.
# TestSpecExamples fails on a difference not listed here and on a listed
# one that no longer differs.
`
