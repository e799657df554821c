// Command alert-names measures how kb search finds a runbook by the name
// of its alert, on KBs with one runbook per alert named after it (the
// openshift and prometheus-operator runbook collections): how often the
// runbook comes first for the name as written, and how often it is in the
// top 3 for the name as lower-case words and with a one-letter typo.
//
//	go run ./bench/alert-names ../shared/corpus/openshift-runbooks ../shared/corpus/prometheus-operator-runbooks
package main

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/site"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: alert-names KB...")
		os.Exit(2)
	}
	for _, dir := range os.Args[1:] {
		if err := measure(dir); err != nil {
			fmt.Fprintf(os.Stderr, "alert-names: %s: %v\n", dir, err)
			os.Exit(1)
		}
	}
}

// alertName is a file name that is an alert's: CamelCase, two parts or more.
var alertName = regexp.MustCompile(`^[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*$`)

func measure(dir string) error {
	kb, err := content.Load(dir)
	if err != nil {
		return err
	}
	urls := site.URLs(kb.Docs)
	docs := make([]index.Document, len(kb.Docs))
	// An alert's runbooks are the files named after it (a few alerts have
	// one in each of two folders).
	var alerts []string
	byAlert := map[string]bool{}
	for i, d := range kb.Docs {
		docs[i] = index.NewDocument(d, urls[d])
		name := strings.TrimSuffix(path.Base(d.Path), path.Ext(d.Path))
		if alertName.MatchString(name) && !byAlert[name] {
			alerts = append(alerts, name)
			byAlert[name] = true
		}
	}
	tmp, err := os.MkdirTemp("", "alert-names")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ix, err := index.Open(tmp)
	if err != nil {
		return err
	}
	defer ix.Close()
	if _, err := ix.Update(docs); err != nil {
		return err
	}
	type way struct {
		name  string
		query func(string) string
		top   int
		found int
	}
	ways := []*way{
		{name: "as written, first", query: func(a string) string { return a }, top: 1},
		{name: "lower-case words, top 3", query: func(a string) string { return strings.ToLower(strings.Join(camelParts(a), " ")) }, top: 3},
		{name: "one-letter typo, top 3", query: typo, top: 3},
	}
	var missed []string
	for _, a := range alerts {
		for _, w := range ways {
			res, err := ix.Search(index.Request{Query: w.query(a), N: w.top})
			if err != nil {
				return err
			}
			hit := false
			for _, h := range res.Hits {
				hit = hit || strings.TrimSuffix(path.Base(h.Path), path.Ext(h.Path)) == a
			}
			if hit {
				w.found++
			} else if len(missed) < 12 {
				missed = append(missed, fmt.Sprintf("%s (%q)", w.name, w.query(a)))
			}
		}
	}
	fmt.Printf("%s: %d documents, %d alert runbooks\n", dir, len(docs), len(alerts))
	for _, w := range ways {
		fmt.Printf("  %-26s %4d of %d (%.1f%%)\n", w.name, w.found, len(alerts), 100*float64(w.found)/float64(max(1, len(alerts))))
	}
	for _, m := range missed {
		fmt.Printf("  missed: %s\n", m)
	}
	return nil
}

// camelParts splits an alert name where its case changes.
func camelParts(s string) []string {
	var parts []string
	rs := []rune(s)
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, r := rs[i-1], rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		if unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev) || unicode.IsUpper(prev) && unicode.IsLower(next)) {
			parts = append(parts, string(rs[start:i]))
			start = i
		}
	}
	return append(parts, string(rs[start:]))
}

// typo drops one letter of the name's longest part, from its middle: a
// typo kb's fuzzy matching is meant to forgive.
func typo(a string) string {
	parts := camelParts(a)
	longest := 0
	for i, p := range parts {
		if len(p) > len(parts[longest]) {
			longest = i
		}
	}
	p := parts[longest]
	if len(p) > 3 {
		parts[longest] = p[:len(p)/2] + p[len(p)/2+1:]
	}
	return strings.Join(parts, "")
}
