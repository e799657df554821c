package site

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSourceLines checks that with Options.SourceLines each block of a
// body names the line of the file it starts on, and that without it (as
// kb build renders) no page carries the attribute.
func TestSourceLines(t *testing.T) {
	dir := writeLiveKB(t)
	lines := strings.Split(readLiveFile("postmortems/2026-03-01-db.md"), "\n")
	lineOf := func(prefix string) string {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return strconv.Itoa(i + 1)
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return ""
	}
	for _, on := range []bool{true, false} {
		live, err := NewLive(loadLive(t, dir), Options{Today: testToday, NoGit: true, SourceLines: on})
		if err != nil {
			t.Fatal(err)
		}
		page, _ := live.Files().File("postmortems/2026-03-01-db/index.html")
		html := string(page)
		want := []struct{ tag, prefix string }{
			{"p", "The primary stopped"},
			{"h2", "## Timeline"},
			{"ul", "- 10:00 alert fired"},
			{"li", "- 11:00 resolved"},
		}
		for _, w := range want {
			attr := `<` + w.tag + `( [^>]*)? data-kb-line="` + lineOf(w.prefix) + `"`
			if got := regexp.MustCompile(attr).MatchString(html); got != on {
				t.Errorf("SourceLines %v: %s in the page = %v", on, attr, got)
			}
		}
		if !on && regexp.MustCompile(`data-kb-line`).MatchString(html) {
			t.Errorf("a page built without SourceLines carries data-kb-line")
		}
	}
}
