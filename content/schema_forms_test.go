package content

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestDatePatternMatchesParseTime checks DatePattern against the forms
// ParseTime reads and those it does not.
func TestDatePatternMatchesParseTime(t *testing.T) {
	re := regexp.MustCompile(DatePattern)
	for _, s := range []string{
		"2026-03-14", "2026-03-14T10:00:00Z", "2026-03-14T10:00:00.123456789Z", "2026-03-14T10:00:00+01:00", "2026-03-14T10:00:00.5",
		"2026-03-14T10:00:00.5+0100", "2026-03-14T10:00+01:00", "2026-03-14T10:00Z", "2026-03-14T10:00", "2026-12-31T23:59:60Z",
		"2026-03-14 10:00:00", "2026-03-14 10:00:00Z", "2026-03-14 10:00:00 UTC", "2026-03-14 10:00:00 CEST", "2026-03-14 10:00:00 GMT+3",
		"2026-03-14 10:00:00.25 -07:00", "2026-03-14 10:00:00 -0700", "2026-03-14 10:00:00 +01", "2026-03-14 10:00 UTC", "2026-03-14 10:00",
		"2026-03-14 10:00+01:00", "2026-03-14 10:00 +01", "2026-03-14 10:00:00 +0100",
		// Not dates kb reads.
		"yesterday", "2026-3-14", "14/03/2026", "2026-03-14t10:00:00Z", "2026-03-14T10:00:00z", "2026-03-14T10:00.5", "2026-03-14 10:00:00 Z",
		"2026-03-14 10:00 +0100", "2026-03-14 10:00:00+0100", "2026-03-14T24:00:00Z", "2026-03-14 10:00 Z", "2026-03-14T10:00:00+01",
		"2026-03-14 10:00:00 utc", "2026-03-14 10:00:00 ABCDEF", "2026-03-14T10:00:00 Z", "2026-03-14 10:00:00Z0700", "2026-03-14T10:00:00+01:00:00",
		"2026-13-01", "2026-03-32", "2026-03-14T10:60", "2026-03-14x",
	} {
		_, want := ParseTime(s)
		if got := re.MatchString(s); got != want {
			t.Errorf("DatePattern matches %q: %v; ParseTime reads it: %v", s, got, want)
		}
	}
}

func TestActionStatusPattern(t *testing.T) {
	re := regexp.MustCompile(actionStatusPattern())
	for _, s := range []string{"", "open", "Done", "IN PROGRESS", "won't fix", "*done*", "Done ✅", "✔ shipped", "wont-do", "blocked", "...", "open-ish", "1"} {
		want := false
		for _, st := range ActionStatuses() {
			want = want || normalizeStatus(s) == st
		}
		if got := re.MatchString(s); got != want {
			t.Errorf("action status pattern matches %q: %v; kb reads it as a status: %v (%q)", s, got, want, normalizeStatus(s))
		}
	}
}

// TestSchemaGolden compares the schemas of a small kb.yaml with the golden
// files of testdata/schema; -update rewrites them.
func TestSchemaGolden(t *testing.T) {
	dir := filepath.Join("testdata", "schema")
	cfg, errs := LoadConfig(dir)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	for _, k := range append([]Kind{""}, SchemaKinds()...) {
		got, err := Schema(&cfg, k)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(dir, SchemaFile(k))
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file; run go test ./content -run TestSchemaGolden -update and review the diff", SchemaFile(k))
		}
	}
}

// TestModelineKeepsFields checks that a yaml-language-server modeline
// (a YAML comment) as the first line of front matter leaves the fields as
// they were, on the fast path and on yaml.v3's (an anchor sends the block
// there).
func TestModelineKeepsFields(t *testing.T) {
	cfg := DefaultConfig()
	for _, body := range []string{
		"title: Disk full\ndate: 2026-03-14\nseverity: SEV2\nservices: [db]\n",
		"title: &t Disk full\ndate: 2026-03-14\nseverity: SEV2\nservices: [db]\ninsight: *t\n",
	} {
		plain, errs := NewParser(&cfg).Parse("postmortems/x.md", []byte("---\n"+body+"---\n\nText.\n"))
		if len(errs) > 0 {
			t.Fatal(errs[0])
		}
		modeline := "# yaml-language-server: $schema=https://kb.example.org/schema/postmortem.json\n"
		with, errs := NewParser(&cfg).Parse("postmortems/x.md", []byte("---\n"+modeline+body+"---\n\nText.\n"))
		if len(errs) > 0 {
			t.Fatal(errs[0])
		}
		if with.Title != plain.Title || with.Date != plain.Date || with.Meta.Severity != plain.Meta.Severity ||
			len(with.Meta.Services) != 1 || with.Meta.Insight != plain.Meta.Insight || with.Title != "Disk full" {
			t.Errorf("with a modeline: %q %v %q %v %q; without: %q %v %q %v %q", with.Title, with.Date, with.Meta.Severity, with.Meta.Services, with.Meta.Insight,
				plain.Title, plain.Date, plain.Meta.Severity, plain.Meta.Services, plain.Meta.Insight)
		}
		if k, _ := with.KeyPos("title"); k.Line != 3 {
			t.Errorf("title at line %d with a modeline, want 3", k.Line)
		}
	}
}
