package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fixtureToday is the day fixtures are judged against.
var fixtureToday = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// marker finds expectations next to the lines they are about:
// <!-- want "rule" ... --> (or # want "rule" in YAML) for findings the line
// must have, <!-- ok "rule" --> for findings it must not have.
var (
	marker     = regexp.MustCompile(`(?:<!--|#)\s*(want|ok)((?:\s+"[^"]+")+)`)
	markerRule = regexp.MustCompile(`"([^"]+)"`)
)

type lineKey struct {
	file string
	line int
}

// expectations reads the markers of every file of a fixture KB, and of
// its want.txt, which holds those of paths without lines of their own
// (symbolic links): "PATH:LINE want "rule"".
func expectations(t *testing.T, dir string) (want map[lineKey][]string, ok map[lineKey][]string) {
	want, ok = map[lineKey][]string{}, map[lineKey][]string{}
	if data, err := os.ReadFile(filepath.Join(dir, "want.txt")); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			at, rest, found := strings.Cut(line, " ")
			file, n, found2 := strings.Cut(at, ":")
			m := marker.FindStringSubmatch("# " + rest)
			lineNo, err := strconv.Atoi(n)
			if !found || !found2 || m == nil || err != nil {
				continue
			}
			addMarker(want, ok, lineKey{file, lineNo}, m)
		}
	}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range marker.FindAllStringSubmatch(line, -1) {
				addMarker(want, ok, lineKey{filepath.ToSlash(rel), i + 1}, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return want, ok
}

// addMarker records the rules of one marker match at k.
func addMarker(want, ok map[lineKey][]string, k lineKey, m []string) {
	for _, r := range markerRule.FindAllStringSubmatch(m[2], -1) {
		if m[1] == "want" {
			want[k] = append(want[k], r[1])
		} else {
			ok[k] = append(ok[k], r[1])
		}
	}
}

func fixtureDirs(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "kb.yaml"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	return dirs
}

// TestFixtures runs every fixture KB under testdata and checks that the
// findings are exactly those its markers want.
func TestFixtures(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Run(dir, fixtureOptions(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			want, ok := expectations(t, dir)
			got := map[lineKey][]string{}
			for _, d := range res.Diagnostics {
				k := lineKey{d.Pos.File, d.Pos.Line}
				got[k] = append(got[k], d.Rule)
			}
			for k, rules := range got {
				if diff := multisetDiff(rules, want[k]); diff != "" {
					t.Errorf("%s:%d: unexpected %s (all findings there: %v)", k.file, k.line, diff, findingsAt(res, k))
				}
			}
			for k, rules := range want {
				if diff := multisetDiff(rules, got[k]); diff != "" {
					t.Errorf("%s:%d: missing %s", k.file, k.line, diff)
				}
			}
			for k, rules := range ok {
				for _, r := range rules {
					if slices.Contains(got[k], r) {
						t.Errorf("%s:%d: %s reported on a line marked ok: %v", k.file, k.line, r, findingsAt(res, k))
					}
				}
			}
		})
	}
}

// TestFixturesCoverEveryRule checks that every rule has must-flag cases and
// at least as many must-not-flag cases.
func TestFixturesCoverEveryRule(t *testing.T) {
	wants, oks := map[string]int{}, map[string]int{}
	for _, dir := range fixtureDirs(t) {
		want, ok := expectations(t, dir)
		for _, rules := range want {
			for _, r := range rules {
				wants[r]++
			}
		}
		for _, rules := range ok {
			for _, r := range rules {
				oks[r]++
			}
		}
	}
	for _, r := range Rules() {
		if wants[r.Name] == 0 || oks[r.Name] < wants[r.Name] {
			t.Errorf("%s: %d must-flag and %d must-not-flag cases; want at least one, and no fewer must-not-flag", r.Name, wants[r.Name], oks[r.Name])
		}
	}
}

// multisetDiff lists the items of a that b does not have as often.
func multisetDiff(a, b []string) string {
	count := map[string]int{}
	for _, x := range b {
		count[x]++
	}
	var extra []string
	for _, x := range a {
		if count[x] > 0 {
			count[x]--
			continue
		}
		extra = append(extra, x)
	}
	sort.Strings(extra)
	return strings.Join(extra, ", ")
}

func findingsAt(res *Result, k lineKey) []string {
	var out []string
	for _, d := range res.Diagnostics {
		if d.Pos.File == k.file && d.Pos.Line == k.line {
			out = append(out, fmt.Sprintf("%s: %s", d.Rule, d.Message))
		}
	}
	return out
}
