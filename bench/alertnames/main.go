// Command alertnames measures how well `kb search` finds the runbook of an
// alert from its name, on a collection with one runbook per alert whose
// file is named after the alert (AlertName.md):
//
//	go build -o /tmp/kb ./cmd/kb
//	go run ./bench/alertnames -kb /tmp/kb ../shared/corpus/openshift-runbooks
//
// For each alert it searches three ways and prints how often the alert's
// runbook comes first for the name typed as written, and how often it is in
// the top 3 for the name as lower-case words (KubePodCrashLooping is
// "kube pod crash looping") and with a one-letter typo. The collection is
// copied to a temporary folder first, since kb search keeps its index in
// the KB's .kb folder.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

func main() {
	kb := flag.String("kb", "kb", "the kb binary")
	verbose := flag.Bool("v", false, "print each miss")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: alertnames [-kb BINARY] [-v] COLLECTION")
		os.Exit(2)
	}
	if err := run(*kb, flag.Arg(0), *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "alertnames:", err)
		os.Exit(1)
	}
}

// alertFile is a file named like an alert: letters and digits in
// CamelCase, a lower-case letter followed by an upper-case one somewhere
// (KubePodCrashLooping, etcdNoLeader; not README).
var alertFile = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*\.md$`)

func run(kb, collection string, verbose bool) error {
	dir, err := os.MkdirTemp("", "alertnames")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	alerts, err := copyCollection(collection, dir)
	if err != nil {
		return err
	}
	if len(alerts) == 0 {
		return fmt.Errorf("no file named like an alert in %s", collection)
	}
	names := make([]string, 0, len(alerts))
	for name := range alerts {
		names = append(names, name)
	}
	sort.Strings(names)
	var first, wordsTop3, typoTop3 int
	for i, name := range names {
		want := alerts[name]
		check := func(label, query string, within int) (bool, error) {
			paths, err := search(kb, dir, query)
			if err != nil {
				return false, err
			}
			ok := rank(paths, want) < within
			if !ok && verbose {
				fmt.Printf("miss %-6s %q: want %s, got %v\n", label, query, want, head(paths, 3))
			}
			return ok, nil
		}
		for _, c := range []struct {
			label, query string
			within       int
			count        *int
		}{
			{"name", name, 1, &first},
			{"words", words(name), 3, &wordsTop3},
			{"typo", typo(name, i), 3, &typoTop3},
		} {
			ok, err := check(c.label, c.query, c.within)
			if err != nil {
				return err
			}
			if ok {
				*c.count++
			}
		}
	}
	n := len(names)
	fmt.Printf("%s: %d alerts with a runbook named after them\n", filepath.Base(collection), n)
	fmt.Printf("  name as written, runbook first:  %d/%d (%.1f%%)\n", first, n, pct(first, n))
	fmt.Printf("  lower-case words, in top 3:      %d/%d (%.1f%%)\n", wordsTop3, n, pct(wordsTop3, n))
	fmt.Printf("  one-letter typo, in top 3:       %d/%d (%.1f%%)\n", typoTop3, n, pct(typoTop3, n))
	return nil
}

// copyCollection copies the markdown files of src into dst and returns the
// alerts it found, each with its runbook's path. An alert name given by two
// files (the same alert in two operators' folders) is left out: either
// runbook would be a right answer.
func copyCollection(src, dst string) (map[string]string, error) {
	alerts := map[string]string{}
	twice := map[string]bool{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		if alertFile.MatchString(d.Name()) && !strings.Contains(rel, "helpers") {
			name := strings.TrimSuffix(d.Name(), ".md")
			if _, ok := alerts[name]; ok {
				twice[name] = true
			}
			alerts[name] = filepath.ToSlash(rel)
		}
		return nil
	})
	for name := range twice {
		delete(alerts, name)
	}
	return alerts, err
}

// search runs kb search and returns the paths of its hits, best first.
func search(kb, dir, query string) ([]string, error) {
	cmd := exec.Command(kb, "search", "--dir", dir, "--json", "-n", "10", query)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("kb search %q: %v: %s", query, err, stderr.String())
	}
	var res struct {
		Hits []struct {
			Path string `json:"path"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("kb search %q: %v", query, err)
	}
	paths := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		paths[i] = h.Path
	}
	return paths, nil
}

// rank is the place of want among paths, or len(paths) when it is missing.
func rank(paths []string, want string) int {
	for i, p := range paths {
		if p == want {
			return i
		}
	}
	return len(paths)
}

func head(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func pct(a, n int) float64 { return 100 * float64(a) / float64(n) }

// words writes an alert name as lower-case words: "KubePodCrashLooping"
// is "kube pod crash looping", "HTTPServerDown" is "http server down".
func words(name string) string {
	r := []rune(name)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) &&
			(unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]) ||
				(i+1 < len(r) && unicode.IsLower(r[i+1]))) {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// typo makes a one-letter mistake in the middle of name, of a kind that
// cycles with i: a letter dropped, a letter replaced by its neighbour on
// the keyboard row, two letters swapped.
func typo(name string, i int) string {
	r := []rune(name)
	m := len(r) / 2
	switch i % 3 {
	case 0:
		return string(append(r[:m:m], r[m+1:]...))
	case 1:
		r[m] = neighbour(r[m])
	default:
		if r[m] == r[m+1] {
			return string(append(r[:m:m], r[m+1:]...))
		}
		r[m], r[m+1] = r[m+1], r[m]
	}
	return string(r)
}

// neighbour is the key beside c on its QWERTY row (to the right, or to the
// left at the row's end), keeping case; a digit becomes the next digit.
func neighbour(c rune) rune {
	lower := unicode.ToLower(c)
	if unicode.IsDigit(c) {
		return '0' + (c-'0'+1)%10
	}
	for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"} {
		i := strings.IndexRune(row, lower)
		if i < 0 {
			continue
		}
		n := rune(row[len(row)-2])
		if i+1 < len(row) {
			n = rune(row[i+1])
		}
		if unicode.IsUpper(c) {
			return unicode.ToUpper(n)
		}
		return n
	}
	return 'x'
}
