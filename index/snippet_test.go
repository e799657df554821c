package index

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// locate returns the locations of the words in body as bleve gives them,
// each word's occurrences under the word (as its term).
func locate(body string, words ...string) search.TermLocationMap {
	locs := search.TermLocationMap{}
	for _, w := range words {
		for at := 0; ; {
			i := strings.Index(body[at:], w)
			if i < 0 {
				break
			}
			start := at + i
			locs[w] = append(locs[w], &search.Location{Start: uint64(start), End: uint64(start + len(w))})
			at = start + len(w)
		}
	}
	return locs
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("Filler words about nothing in particular. ", 20)
	tests := []struct {
		name, body string
		words      []string
		want       string   // the snippet, exactly, when not ""
		contains   []string // else text it must have
		marks      []string // the marked words, in order
	}{
		{"markdown left out", "## Checks\n\n| Step | What |\n|---|---|\n| 1 | **Check** the `disk` of [the primary](http://x/y) |\n",
			[]string{"disk"}, "Checks Step What 1 Check the disk of the primary", nil, []string{"disk"}},
		{"the best run wins", long + "disk here. " + long + "the disk is full, full of WAL. " + long,
			[]string{"disk", "full"}, "", []string{"the disk is full, full of WAL."}, []string{"disk", "full", "full"}},
		{"cut on word boundaries", long + "the payments database disk filled up " + long,
			[]string{"disk"}, "", []string{"disk filled up"}, []string{"disk"}},
		{"no match in the body: its start", "# Title\n\nThe first words of the body.", nil, "Title The first words of the body.", nil, nil},
		{"control characters left out", "disk \x1b[31mred\x1b[0m \u202eevil", []string{"disk"}, "disk 31mred0m evil", nil, []string{"disk"}},
		{"a word in a link's address is kept", "see [the runbook](../runbooks/disk-full.md) now", []string{"disk"}, "", []string{"disk"}, []string{"disk"}},
		{"an identifier and its parts are one mark", "alert KubePodCrashLooping fired", []string{"KubePodCrashLooping", "Pod"}, "alert KubePodCrashLooping fired", nil, []string{"KubePodCrashLooping"}},
	}
	for _, tt := range tests {
		got, marks := snippet(tt.body, locate(tt.body, tt.words...))
		if tt.want != "" && got != tt.want {
			t.Errorf("%s: snippet %q, want %q", tt.name, got, tt.want)
		}
		for _, c := range tt.contains {
			if !strings.Contains(got, c) {
				t.Errorf("%s: snippet %q lacks %q", tt.name, got, c)
			}
		}
		if len(got) > SnippetBytes+60 {
			t.Errorf("%s: snippet of %d bytes", tt.name, len(got))
		}
		if strings.ContainsAny(got, "\x1b\u202e|*`#") {
			t.Errorf("%s: snippet %q keeps markdown or control characters", tt.name, got)
		}
		var marked []string
		for _, m := range marks {
			marked = append(marked, got[m.Start:m.End])
		}
		if strings.Join(marked, "/") != strings.Join(tt.marks, "/") {
			t.Errorf("%s: marks %q in %q, want %q", tt.name, marked, got, tt.marks)
		}
		if i := strings.Index(got, ellipsis); i > 0 && i < len(got)-len(ellipsis) {
			t.Errorf("%s: an ellipsis inside %q", tt.name, got)
		}
		if strings.HasPrefix(got, ellipsis) && !strings.HasPrefix(got, ellipsis+" ") {
			t.Errorf("%s: %q starts inside a word", tt.name, got)
		}
	}
}
