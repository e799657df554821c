package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// contentsOf returns the entries of the contents list of the page at
// name in out, as "title count" or "title count #anchor", and fails the
// test for an anchor that no element of the page has as its id.
func contentsOf(t *testing.T, out, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, name))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	nav := regexp.MustCompile(`(?s)<nav class="contents".*?</nav>`).FindString(page)
	var got []string
	entry := regexp.MustCompile(`<li class="level(\d)">(?:<a href="#([^"]+)">([^<]+)</a>|<span class="label">([^<]+)</span>)(?: <span class="count">(\d+)</span>)?</li>`)
	for _, m := range entry.FindAllStringSubmatch(nav, -1) {
		e := m[3] + m[4]
		if m[1] == "3" {
			e = "  " + e
		}
		if m[5] != "" {
			e += " " + m[5]
		}
		if m[2] != "" {
			e += " #"
			if !strings.Contains(page, ` id="`+m[2]+`"`) {
				t.Errorf("%s: contents entry %q links to #%s, which the page does not have", name, m[3], m[2])
			}
		}
		got = append(got, e)
	}
	return got
}

// TestContentsOfLongLists checks the contents lists of the action board
// and the lessons page: the board's groups with their counts, the
// lessons under their years, each link landing on its section; and that
// the board folds its done items.
func TestContentsOfLongLists(t *testing.T) {
	out := buildKB(t, partsKB(), Options{NoGit: true})
	if got, want := strings.Join(contentsOf(t, out, "actions/index.html"), "\n"), "Overdue 8 #\nDone 4 #"; got != want {
		t.Errorf("board contents:\n%s\nwant\n%s", got, want)
	}
	// The board folds its done items under their heading.
	assertFileContent(t, out, "actions/index.html", `<section class="group" id="done">
<details><summary><h2>Done <span class="count">4</span></h2></summary>`)
	lessons := contentsOf(t, out, "lessons/index.html")
	if len(lessons) != 1+2+12 {
		t.Fatalf("lessons contents has %d entries, want by service, 2 years and 12 lessons: %q", len(lessons), lessons)
	}
	for i, want := range map[int]string{0: "By service 1 #", 1: "2026 6", 2: "  Incident 7 #", 8: "2025 6", 9: "  Incident 8 #"} {
		if lessons[i] != want {
			t.Errorf("lessons contents entry %d is %q, want %q", i, lessons[i], want)
		}
	}
	// A page of a service's lessons, and a document with two sections, have none.
	assertNoFileContent(t, out, "lessons/services/db/index.html", `<nav class="contents"`)
	assertNoFileContent(t, out, "runbooks/db/index.html", `<nav class="contents"`)
}

// TestContentsOfManyLessonsListsYears checks that a lessons page of more
// lessons than its contents list one by one lists its years, each
// linking to the year's first lesson.
func TestContentsOfManyLessonsListsYears(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- kb.yaml --\ntitle: Many\n")
	for i := range lessonContentsMax + 5 {
		fmt.Fprintf(&b, "-- postmortems/p%d.md --\n---\ntitle: Incident %d\ndate: %d-03-%02d\nseverity: SEV2\ninsight: Lesson %d.\n---\n## Summary\n\nS.\n",
			i, i, 2024+i%3, 1+i%28, i)
	}
	out := buildKB(t, b.String(), Options{NoGit: true})
	got := strings.Join(contentsOf(t, out, "lessons/index.html"), "\n")
	if want := "2026 15 #\n2025 15 #\n2024 15 #"; got != want {
		t.Errorf("contents:\n%s\nwant\n%s", got, want)
	}
	// Split by year, a part of more lessons than are listed one by one,
	// all of one year, has no contents of one line.
	b.Reset()
	b.WriteString("-- kb.yaml --\ntitle: Many\n")
	for i := range 2 * (lessonContentsMax + 5) {
		fmt.Fprintf(&b, "-- postmortems/p%d.md --\n---\ntitle: Incident %d\ndate: %d-03-%02d\nseverity: SEV2\ninsight: Lesson %d.\n---\n## Summary\n\nS.\n",
			i, i, 2025+i%2, 1+i%28, i)
	}
	out = buildKB(t, b.String(), Options{NoGit: true, partBytes: 40000})
	parts := listParts(t, out, "lessons")
	if len(parts) < 2 {
		t.Fatalf("lessons in %d parts, want them split", len(parts))
	}
	for _, name := range parts {
		if got := contentsOf(t, out, name); len(got) == 1 {
			t.Errorf("%s: contents of one line %q", name, got)
		}
	}
}
