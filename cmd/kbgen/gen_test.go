package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/kb-tools/kb/internal/kbtest"
)

// gen writes a corpus of n documents into a fresh temp dir and returns it.
func gen(t *testing.T, n int, seed uint64, workers int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kb")
	if _, err := generate(options{N: n, Seed: seed, Out: dir, Workers: workers}); err != nil {
		t.Fatalf("generate: %v", err)
	}
	return dir
}

// treeHash hashes names and contents of all files in sorted order.
func treeHash(files map[string][]byte) [32]byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// splitDoc returns the front matter and body of a generated document.
func splitDoc(t *testing.T, name string, b []byte) (fm, body string) {
	t.Helper()
	s := string(b)
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("%s: no front matter", name)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: unterminated front matter", name)
	}
	return s[4 : 4+end+1], s[4+end+5:]
}

func TestDeterministic(t *testing.T) {
	a := kbtest.ReadTree(t, gen(t, 120, 7, 1))
	b := kbtest.ReadTree(t, gen(t, 120, 7, 4)) // worker count must not matter
	if treeHash(a) != treeHash(b) {
		for n := range a {
			if !bytes.Equal(a[n], b[n]) {
				t.Errorf("%s differs between runs", n)
			}
		}
		t.Fatalf("trees differ: %d vs %d files", len(a), len(b))
	}
	c := kbtest.ReadTree(t, gen(t, 120, 8, 0))
	if treeHash(a) == treeHash(c) {
		t.Fatal("different seeds produced identical trees")
	}
}

func TestCountsAndLayout(t *testing.T) {
	files := kbtest.ReadTree(t, gen(t, 50, 1, 0))
	var pms, rbs int
	ids := map[string]string{}
	for name := range files {
		switch {
		case name == "kb.yaml":
		case strings.HasPrefix(name, "postmortems/"):
			pms++
			parts := strings.Split(name, "/")
			if len(parts) != 3 || !strings.HasPrefix(parts[2], parts[1]+"-") || !strings.HasSuffix(name, ".md") {
				t.Errorf("bad postmortem path %s", name)
			}
		case strings.HasPrefix(name, "runbooks/"):
			rbs++
			if len(strings.Split(name, "/")) != 3 || !strings.HasSuffix(name, ".md") {
				t.Errorf("bad runbook path %s", name)
			}
		default:
			t.Errorf("unexpected file %s", name)
		}
		id := strings.TrimSuffix(filepath.Base(name), ".md")
		if prev, ok := ids[id]; ok {
			t.Errorf("duplicate id %s: %s and %s", id, prev, name)
		}
		ids[id] = name
	}
	if pms != 40 || rbs != 10 {
		t.Errorf("got %d postmortems and %d runbooks, want 40 and 10", pms, rbs)
	}

	var cfg struct {
		Title      string   `yaml:"title"`
		Severities []string `yaml:"severities"`
		Owners     []string `yaml:"owners"`
	}
	if err := yaml.Unmarshal(files["kb.yaml"], &cfg); err != nil {
		t.Fatalf("kb.yaml: %v", err)
	}
	if cfg.Title == "" || strings.Join(cfg.Severities, ",") != "SEV1,SEV2,SEV3,SEV4" || len(cfg.Owners) == 0 {
		t.Errorf("kb.yaml incomplete: %+v", cfg)
	}
	owners := map[string]bool{}
	for _, o := range cfg.Owners {
		owners[o] = true
	}
	for name, b := range files {
		if name == "kb.yaml" {
			continue
		}
		fm, _ := splitDoc(t, name, b)
		var doc struct {
			Owner   string   `yaml:"owner"`
			Authors []string `yaml:"authors"`
		}
		if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, o := range append(doc.Authors, doc.Owner) {
			if o != "" && !owners[o] {
				t.Errorf("%s: owner %s not listed in kb.yaml", name, o)
			}
		}
	}
}

func TestWordCounts(t *testing.T) {
	files := kbtest.ReadTree(t, gen(t, 200, 3, 0))
	distinct := map[string]bool{}
	for name, b := range files {
		if name == "kb.yaml" {
			continue
		}
		_, body := splitDoc(t, name, b)
		if n := wordCount(body); n < 600 || n > 1200 {
			t.Errorf("%s: %d words in body, want 600–1200", name, n)
		}
		for _, f := range strings.FieldsFunc(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) }) {
			distinct[f] = true
		}
	}
	if n := getVocab().size(); n < 6000 {
		t.Errorf("vocabulary has %d words, want at least 6000", n)
	}
	if len(distinct) < 3000 {
		t.Errorf("%d distinct terms across 200 docs, want at least 3000", len(distinct))
	}
	t.Logf("%d distinct terms across %d docs", len(distinct), len(files)-1)
}

// pmFront is the subset of postmortem front matter the tests check.
type pmFront struct {
	Title               string    `yaml:"title"`
	Date                string    `yaml:"date"`
	Severity            string    `yaml:"severity"`
	Status              string    `yaml:"status"`
	Services            []string  `yaml:"services"`
	Tags                []string  `yaml:"tags"`
	Authors             []string  `yaml:"authors"`
	IncidentCommander   string    `yaml:"incident_commander"`
	Started             time.Time `yaml:"started"`
	Detected            time.Time `yaml:"detected"`
	Mitigated           time.Time `yaml:"mitigated"`
	Resolved            time.Time `yaml:"resolved"`
	ContributingFactors []string  `yaml:"contributing_factors"`
	Insight             string    `yaml:"insight"`
	Guardrails          []string  `yaml:"guardrails"`
	Runbooks            []string  `yaml:"runbooks"`
	Actions             []struct {
		What, Owner, Status, Link string
		Due                       string
	} `yaml:"actions"`
}

func TestPostmortemFrontMatter(t *testing.T) {
	files := kbtest.ReadTree(t, gen(t, 200, 5, 0))
	runbooks := map[string]bool{}
	for name := range files {
		if strings.HasPrefix(name, "runbooks/") {
			runbooks[strings.TrimSuffix(filepath.Base(name), ".md")] = true
		}
	}
	forms := map[string]int{}
	for name, b := range files {
		if !strings.HasPrefix(name, "postmortems/") {
			continue
		}
		fm, body := splitDoc(t, name, b)
		var pm pmFront
		dec := yaml.NewDecoder(strings.NewReader(fm))
		dec.KnownFields(true)
		if err := dec.Decode(&pm); err != nil {
			t.Fatalf("%s: front matter: %v\n%s", name, err, fm)
		}
		if pm.Title == "" || pm.Severity == "" || pm.Status == "" || len(pm.Services) == 0 ||
			len(pm.Authors) == 0 || pm.IncidentCommander == "" || pm.Insight == "" ||
			len(pm.ContributingFactors) == 0 || len(pm.Guardrails) == 0 || len(pm.Tags) == 0 {
			t.Errorf("%s: incomplete front matter: %+v", name, pm)
		}
		if !strings.HasPrefix(filepath.Base(name), pm.Date+"-") || pm.Started.Format("2006-01-02") != pm.Date {
			t.Errorf("%s: date %s does not match file name or start %v", name, pm.Date, pm.Started)
		}
		if pm.Started.IsZero() || pm.Detected.Before(pm.Started) || pm.Mitigated.Before(pm.Detected) || pm.Resolved.Before(pm.Mitigated) {
			t.Errorf("%s: timestamps out of order: %v %v %v %v", name, pm.Started, pm.Detected, pm.Mitigated, pm.Resolved)
		}
		if pm.Started.Location() != time.UTC {
			t.Errorf("%s: started not in UTC", name)
		}
		for _, id := range pm.Runbooks {
			if !runbooks[id] {
				t.Errorf("%s: unknown runbook %q", name, id)
			}
		}
		for _, s := range []string{"## Summary", "## Impact", "## Timeline", "## Contributing factors", "## Lessons learned", "## Action items"} {
			if !strings.Contains(body, "\n"+s+"\n") && !strings.HasPrefix(body, "\n"+s+"\n") {
				t.Errorf("%s: missing %q", name, s)
			}
		}
		switch {
		case len(pm.Actions) > 0:
			forms["front matter"]++
			for _, a := range pm.Actions {
				if a.What == "" || a.Owner == "" || a.Due == "" || a.Status == "" {
					t.Errorf("%s: incomplete action %+v", name, a)
				}
			}
		case strings.Contains(body, "| Action | Owner | Due | Status |"):
			forms["table"]++
		case strings.Contains(body, "- [ ] ") || strings.Contains(body, "- [x] "):
			forms["task list"]++
		default:
			t.Errorf("%s: no action items", name)
		}
	}
	if len(forms) != 3 {
		t.Errorf("action item forms used: %v, want all three", forms)
	}
}

func TestRunbookSections(t *testing.T) {
	files := kbtest.ReadTree(t, gen(t, 60, 9, 0))
	for name, b := range files {
		if !strings.HasPrefix(name, "runbooks/") {
			continue
		}
		fm, body := splitDoc(t, name, b)
		var rb struct {
			Title        string   `yaml:"title"`
			Services     []string `yaml:"services"`
			Owner        string   `yaml:"owner"`
			Alerts       []string `yaml:"alerts"`
			LastReviewed string   `yaml:"last_reviewed"`
		}
		if err := yaml.Unmarshal([]byte(fm), &rb); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rb.Title == "" || len(rb.Services) == 0 || rb.Owner == "" || len(rb.Alerts) == 0 || rb.LastReviewed == "" {
			t.Errorf("%s: incomplete front matter %+v", name, rb)
		}
		for _, s := range []string{"## Trigger", "## Checks", "## Actions", "## Decision points", "## Rollback", "## Validation", "```sh"} {
			if !strings.Contains(body, s) {
				t.Errorf("%s: missing %q", name, s)
			}
		}
	}
}

func TestRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(user, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := generate(options{N: 5, Seed: 1, Out: dir})
	if !errors.Is(err, errNotEmpty) {
		t.Fatalf("generate into non-empty dir: err = %v, want errNotEmpty", err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-n", "5", dir}, &bytes.Buffer{}, &stderr); code != 2 {
		t.Errorf("run exit code = %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "not empty") {
		t.Errorf("stderr = %q, want a clear message", stderr.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("refused run still wrote %d entries", len(entries))
	}
	if code := run([]string{"-n", "5", "-force", dir}, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Errorf("run -force exit code = %d, want 0", code)
	}
	if b, err := os.ReadFile(user); err != nil || string(b) != "mine" {
		t.Errorf("user file changed: %q, %v", b, err)
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-h"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "usage: kbgen") {
		t.Errorf("-h: code %d, stdout %q", code, out.String())
	}
	for _, args := range [][]string{{}, {"-n", "x", "out"}, {"a", "b"}, {"-n", "0", t.TempDir()}, {"-bogus", "out"}} {
		if code := run(args, &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
			t.Errorf("run %q = %d, want 2", args, code)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Checkout latency spike after cache TTL change": "checkout-latency-spike-after-cache-ttl-change",
		"Object storage outage caused by":               "object-storage-outage",
		"  Spaces -- and __ stuff ":                     "spaces-and-stuff",
	} {
		if got := slugify(in, 10); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
