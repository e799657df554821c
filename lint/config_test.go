package lint

import (
	"sort"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

func findingsOf(t *testing.T, archive string) []string {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, archive)
	res, err := Run(dir, Options{Today: fixtureToday})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.Pos.String()+" "+d.Severity.String()+" "+d.Rule)
	}
	sort.Strings(out)
	return out
}

func TestConfigTunesRulesAndLists(t *testing.T) {
	got := findingsOf(t, `
-- kb.yaml --
lint:
  rules:
    structure: off
    schema/required: off
    blameless/counterfactual: warning
    actions/overdue: error
    privacy/emial: off
  blame_words:
    add: [dropped the ball again, "yolo"]
    remove: [careless]
  internal_ips: false
-- CODEOWNERS --
/postmortems/ @acme/team-sre @acme/team-db
-- postmortems/a.md --
---
title: A
---

The deploy was careless. It was yolo. The engineer should have checked.
The host 10.1.2.3 answered.

## Action items

- [ ] Add a lag alert — owner: team-sre, due: 2026-01-01
- [ ] Add a lag panel — owner: @acme/team-db, due: 2027-01-01
- [ ] Add a disk alert — owner: team-dba, due: 2027-01-01
`)
	want := []string{
		"kb.yaml:7:5 error schema/config",                     // the misspelt rule
		"postmortems/a.md:10:3 error actions/overdue",         // raised to error
		"postmortems/a.md:12:3 warning actions/unknown-owner", // CODEOWNERS knows sre and db
		"postmortems/a.md:5:33 error blameless/blame-word",    // "yolo", added; "careless" removed
		"postmortems/a.md:5:52 warning blameless/counterfactual",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConfigProblemsArePositioned(t *testing.T) {
	got := findingsOf(t, `
-- kb.yaml --
lint:
  rules:
    blameless: loud
  runbook_profile: fancy
  colour: red
`)
	want := []string{
		"kb.yaml:3:16 error schema/config", // severity "loud"
		"kb.yaml:4:20 error schema/config", // profile "fancy"
		"kb.yaml:5:3 error schema/config",  // unknown setting
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
