package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const doc = `---
title: A
severity: SEV2
---

## Summary

Text.

## Impact

More.
`

func TestEdits(t *testing.T) {
	c := &corpus{}
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"body: end of the first section", doc, strings.Replace(doc, "Text.\n", "Text.\n\nThe reviewers added sentence number 1.\n", 1), true},
		{"body: one section", "# T\n\n## Only\n\nText.\n", "# T\n\n## Only\n\nText.\n\nThe reviewers added sentence number 2.\n", true},
		{"severity: SEV2 to SEV3", doc, strings.Replace(doc, "SEV2", "SEV3", 1), true},
		{"severity: SEV3 to SEV2", strings.Replace(doc, "SEV2", "SEV3", 1), doc, true},
		{"severity: SEV1 stays", strings.Replace(doc, "SEV2", "SEV1", 1), strings.Replace(doc, "SEV2", "SEV1", 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := severityEdit
			if strings.HasPrefix(tt.name, "body") {
				e = c.bodyEdit()
			}
			got, ok := e(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestPickAndPrepare(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"postmortems/2020/a.md", "postmortems/b.md", "postmortems/c.md", "runbooks/r.md"} {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(path), 0o755)
		text := doc
		if rel == "postmortems/c.md" {
			text = strings.Replace(doc, "SEV2", "SEV4", 1)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := loadCorpus(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.paths, " "); got != "postmortems/2020/a.md postmortems/b.md postmortems/c.md" {
		t.Fatalf("postmortems: %s", got)
	}
	if got := c.pick(5); len(got) != 3 || got[0] == got[1] || got[1] == got[2] || got[0] == got[2] {
		t.Errorf("pick(5) = %v, want the 3 postmortems once each", got)
	}
	for range 20 {
		rel, err := c.pickFor(dir, severityEdit)
		if err != nil || rel == "postmortems/c.md" {
			t.Fatalf("pickFor = %q, %v: want a SEV2 or SEV3 postmortem", rel, err)
		}
	}
	if _, err := prepare(dir, []string{"postmortems/c.md"}, severityEdit); err == nil {
		t.Error("prepare of an edit that does not apply: no error")
	}
	ch, err := prepare(dir, []string{"postmortems/b.md"}, severityEdit)
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.write(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "postmortems", "b.md")); !strings.Contains(string(data), "severity: SEV3\n") {
		t.Errorf("b.md after the write:\n%s", data)
	}
}

func TestQuantile(t *testing.T) {
	s := samples{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}
	for _, tt := range []struct {
		q    float64
		want float64
	}{{0.5, 5}, {0.95, 10}, {0.9, 9}, {0.1, 1}, {1, 10}} {
		if got := s.quantile(tt.q); got != tt.want {
			t.Errorf("quantile(%v) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if got := (samples{}).quantile(0.5); got != 0 {
		t.Errorf("quantile of nothing = %v", got)
	}
	if got := ratios(samples{10, 30, 5}, samples{20, 10, 0}); len(got) != 2 || got[0] != 0.5 || got[1] != 3 {
		t.Errorf("ratios = %v, want [0.5 3] (a zero divisor left out)", got)
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{1234.4: "1234", 56.78: "56.8", 4.5: "4.5", 4.512: "4.51", 0.3141: "0.314", 0: "0", 20: "20"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestParseGC(t *testing.T) {
	tests := []struct {
		line   string
		live   int
		forced bool
		ok     bool
	}{
		{"gc 27 @51.930s 9%: 3.3+1420+0.006 ms clock, 6.7+23/687/80+0.012 ms cpu, 893->1020->611 MB, 1049 MB goal, 0 MB stacks, 0 MB globals, 2 P", 611, false, true},
		{"gc 31 @182.004s 4%: 0.1+90+0.01 ms clock, 0.2+0/45/0+0.02 ms cpu, 700->700->598 MB, 1222 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)", 598, true, true},
		{"kb serve: 1 file changed, 1 page rendered in 92.7ms", 0, false, false},
	}
	for _, tt := range tests {
		live, forced, ok := parseGC(tt.line)
		if live != tt.live || forced != tt.forced || ok != tt.ok {
			t.Errorf("parseGC(%q) = %d, %v, %v; want %d, %v, %v", tt.line, live, forced, ok, tt.live, tt.forced, tt.ok)
		}
	}
}
