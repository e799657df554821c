package site

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestCuts(t *testing.T) {
	for _, tt := range []struct {
		name   string
		groups string // one letter per item
		sizes  []int
		budget int
		want   string
	}{
		{"fits", "aab", []int{1, 1, 1}, 3, "[0,3)"},
		{"nothing", "", nil, 3, "[0,0)"},
		{"by group", "aab", []int{1, 1, 2}, 3, "a[0,2) b[2,3)"},
		{"a group in runs", "aaaab", []int{2, 2, 2, 2, 1}, 4, "a[0,2) a[2,4) b[4,5)"},
		{"an item larger than the budget", "aaa", []int{1, 9, 1}, 5, "a[0,1) a[1,2) a[2,3)"},
		{"runs fill up to the budget", "aaaaa", []int{1, 1, 1, 1, 1}, 2, "a[0,2) a[2,4) a[4,5)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs := cuts(len(tt.groups), func(i int) string { return tt.groups[i : i+1] }, func(i int) int { return tt.sizes[i] }, tt.budget)
			var got []string
			for _, c := range cs {
				got = append(got, fmt.Sprintf("%s[%d,%d)", c.group, c.lo, c.hi))
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("cuts = %s, want %s", s, tt.want)
			}
		})
	}
}

func TestMakeParts(t *testing.T) {
	cs := []cut{{"2026", 0, 1000}, {"2026", 1000, 1500}, {"2025", 1500, 1600}, {"", 1600, 1601}}
	taken := func(url string) bool { return url == "/postmortems/2025/" }
	got := makeParts("/postmortems/", cs, false, sameLabel, taken)
	want := []part{
		{Label: "2026 1–1,000", Group: "2026", Run: "1–1,000", URL: "/postmortems/", Path: "postmortems/index.html", Count: 1000},
		{Label: "2026 1,001–1,500", Group: "2026", Run: "1,001–1,500", URL: "/postmortems/2026-2/", Path: "postmortems/2026-2/index.html", Count: 500},
		{Label: "2025", Group: "2025", URL: "/postmortems/part-2025/", Path: "postmortems/part-2025/index.html", Count: 100},
		{Label: "", URL: "/postmortems/4/", Path: "postmortems/4/index.html", Count: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parts\n got %+v\nwant %+v", got, want)
	}
	own := makeParts("/lessons/", cs[:1], true, sameLabel, func(string) bool { return false })
	if own[0].URL != "/lessons/2026/" {
		t.Errorf("the first part of its own is at %s, want /lessons/2026/", own[0].URL)
	}
}

// partsKB has incidents over two years, each with an action item and a
// lesson whose section links to a runbook, and a plain page.
func partsKB() string {
	var b strings.Builder
	b.WriteString("-- kb.yaml --\ntitle: Parts\n")
	b.WriteString("-- runbooks/db.md --\n---\ntitle: Database failover\nkind: runbook\nservices: [db]\n---\n## Checks\n\nLook.\n")
	for i := range 12 {
		year := 2025 + i%2
		fmt.Fprintf(&b, "-- postmortems/%d-0%d-0%d-inc%d.md --\n---\ntitle: Incident %d\ndate: %d-0%d-0%d\nseverity: SEV%d\nservices: [db]\ninsight: Lesson %d.\n---\n",
			year, 1+i%9, 1+i%9, i, i, year, 1+i%9, 1+i%9, 1+i%3, i)
		fmt.Fprintf(&b, "## Lessons learned\n\nSee the [runbook](../runbooks/db.md) of incident %d.\n\n## Action items\n\n- [%s] Fix thing %d — owner: team-db, due: 2025-0%d-01\n",
			i, map[bool]string{true: "x", false: " "}[i%3 == 0], i, 1+i%9)
	}
	return b.String()
}

// TestSplitListsKeepEveryItemAndLink builds a KB with lists split into
// parts of a few hundred bytes: every part links to the others, every
// item is in exactly one part, and every link resolves.
func TestSplitListsKeepEveryItemAndLink(t *testing.T) {
	out := buildKB(t, partsKB(), Options{NoGit: true, partBytes: 800})
	checkLinks(t, out)
	for _, tt := range []struct {
		list, item string
		want       int
	}{
		{"postmortems", `<td><a href="[./]*postmortems/[^"]*/index.html">Incident \d+</a>`, 12},
		{"actions", `<tr[^>]*><td>Fix thing \d+</td>`, 12},
		{"lessons", `<p class="insight">Lesson \d+\.</p>`, 12},
		{"lessons/services/db", `<li><a href="[./]*postmortems/[^"]*">20\d\d-\d\d-\d\d</a>: Lesson \d+\.</li>`, 12},
		{"services/db", `<tr><td class="date">[-0-9]+</td><td><span [^>]*>SEV\d</span></td><td><a href="[./]*postmortems/[^"]*/index.html">Incident \d+</a>`, 12},
	} {
		pages := listParts(t, out, tt.list)
		if len(pages) < 3 {
			t.Errorf("%s: %d parts, want it split", tt.list, len(pages))
		}
		seen := map[string]int{}
		for _, name := range pages {
			data, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(tt.item).FindAllString(string(data), -1) {
				seen[m]++
			}
		}
		if len(seen) != tt.want {
			t.Errorf("%s: %d items in its parts %v, want %d", tt.list, len(seen), pages, tt.want)
		}
		for m, n := range seen {
			if n > 1 {
				t.Errorf("%s: %q in %d parts", tt.list, m, n)
			}
		}
	}
	// A part of the split board holds one group, shown unfolded.
	for _, name := range listParts(t, out, "actions") {
		assertNoFileContent(t, out, name, "<details>")
	}
	assertFileContent(t, out, "lessons/index.html", `<nav class="parts" aria-label="Parts of this list">`, `<li><span class="group">2026</span> <a href="../lessons/2026/index.html">1</a>`,
		`href="../lessons/services/db/index.html">db</a> <span class="count">12</span>`)
	assertNoFileContent(t, out, "lessons/index.html", `class="insight"`, "No postmortem records")
	assertFileContent(t, out, "postmortems/2025/index.html", "In 4 parts; this is 2025 1–3:", `aria-current="page">1–3</a>`,
		`<li><span class="group">2026</span> <a href="../../postmortems/index.html">1–3</a> <a href="../../postmortems/2026-2/index.html">4–6</a> <span class="count">6</span></li>`)
	assertFileContent(t, out, "services/db/index.html", "<h2>Runbooks</h2>", `<span class="group">2026</span> <a href="../../services/db/index.html" aria-current="page">1–3</a>`)
	assertNoFileContent(t, out, "services/db/2025/index.html", "<h2>Runbooks</h2>")
	// The header marks the section of a part, and its crumbs lead back.
	assertFileContent(t, out, "services/db/2025/index.html", `<a href="../../../services/index.html" class="current">Services</a>`,
		`<ol><li><a href="../../../services/index.html">Services</a></li><li><a href="../../../services/db/index.html">db</a></li></ol>`)
	assertFileContent(t, out, "services/index.html", `<a href="../services/index.html" aria-current="page" class="current">Services</a>`)
	assertFileContent(t, out, "owners/team-db/index.html", `<h2>Open action items <span class="count">8</span></h2>`,
		`<summary><h2>Done and won't do <span class="count">4</span></h2></summary>`, "8 open action items (8 overdue), 4 done.")
	assertNoFileContent(t, out, "owners/team-db/index.html", "<th>Owner</th>", `href="../../owners/team-db/index.html"`)
	assertFileContent(t, out, "services/db/index.html", "12 incidents; 1 runbook; 8 open action items (8 overdue), 4 done.", "<th>Owner</th>")
}

// listParts returns the files of the parts of the list at dir of the site
// in out, as its first page's nav of parts names them.
func listParts(t *testing.T, out, dir string) []string {
	t.Helper()
	first := dir + "/index.html"
	data, err := os.ReadFile(filepath.Join(out, first))
	if err != nil {
		t.Fatal(err)
	}
	nav := regexp.MustCompile(`(?s)<nav class="parts".*?</nav>`).FindString(string(data))
	if nav == "" {
		return []string{first}
	}
	var files []string
	own := false
	for _, m := range regexp.MustCompile(`<a href="([^"]*)"`).FindAllStringSubmatch(nav, -1) {
		name := filepath.ToSlash(filepath.Join(dir, m[1]))
		own = own || name == first
		files = append(files, name)
	}
	if !own && !strings.HasPrefix(dir, "lessons") {
		t.Errorf("%s: its nav of parts does not list the page itself", first)
	}
	return files
}

// TestCountsAgreeAcrossPages reads the overdue and to-review counts off
// the home page, the action board, the list of runbooks to review and the
// trends of examples/acme: each figure is the same on every page.
func TestCountsAgreeAcrossPages(t *testing.T) {
	out := buildDir(t, "../examples/acme", Options{NoGit: true})
	read := func(name, pattern string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(pattern).FindStringSubmatch(string(data))
		if m == nil {
			t.Fatalf("%s: no %s", name, pattern)
		}
		return m[1]
	}
	count := func(name, pattern string) string {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(len(regexp.MustCompile(pattern).FindAllString(string(data), -1)))
	}
	overdue := []string{
		read("index.html", `<strong>(\d+)</strong> overdue</a>`),
		read("actions/index.html", `of which (\d+) overdue`),
		read("actions/index.html", `<h2>Overdue <span class="count">(\d+)</span>`),
		read("trends/index.html", `<h3>Overdue backlog <span class="count">(\d+)</span>`),
	}
	review := []string{
		read("index.html", `<strong>(\d+)</strong> runbooks to review or drill`),
		read("trends/index.html", `; (\d+) are to review or drill`),
		count("runbooks/review/index.html", `<tr><td><a href="../../runbooks/`),
	}
	for _, figures := range [][]string{overdue, review} {
		for _, f := range figures[1:] {
			if f != figures[0] || f == "0" {
				t.Errorf("figures %v, want one figure above 0 on every page", figures)
				break
			}
		}
	}
}

// TestNoInlineScript checks that no page of the example runs a script of
// its own: every script is a file of the site, so that a strict
// Content-Security-Policy (script-src 'self') holds.
func TestNoInlineScript(t *testing.T) {
	out := buildDir(t, "../examples/acme", Options{NoGit: true})
	inline := regexp.MustCompile(`<script(?:\s+type="[^"]*")?\s*>`)
	pages := htmlPages(t, out)
	for _, rel := range pages {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if m := inline.Find(data); m != nil {
			t.Errorf("%s: an inline script (%s)", rel, m)
		}
	}
	if len(pages) < 50 {
		t.Errorf("only %d pages read", len(pages))
	}
	assertFileContent(t, out, "site.js", "form.board-filters", "button.className = \"copy\"")
}
