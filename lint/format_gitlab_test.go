package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// TestGitLabReport writes small results as GitLab Code Quality reports and
// compares them with the reports GitLab should read. The fingerprints are
// pinned (the first two were computed apart, with printf and sha256sum,
// from the key gitlabFingerprint documents): a change to them makes GitLab
// show every finding of every KB as new, so it must be deliberate.
func TestGitLabReport(t *testing.T) {
	tests := []struct {
		name  string
		diags []Diagnostic
		want  string
	}{
		{"empty", nil, "[]\n"},
		{"severities and paths", []Diagnostic{
			{Pos: content.Pos{File: "docs/kb/postmortems/a.md", Line: 11, Col: 16}, Rule: "blameless/blame-word", Severity: Error,
				Message: `"human error" ends the inquiry`, Suggestion: "Describe what the\nperson saw.", Excerpt: content.Excerpt{Text: "The outage was human error.", Col: 16}},
			{Pos: content.Pos{File: "runbooks/b c.md", Line: 0}, Rule: "runbook/stale", Severity: Warning, Message: "last reviewed 2025-01-01"},
			{Pos: content.Pos{File: "postmortems/q.md", Line: 4, Col: 3}, Rule: "blameless/person-cause", Severity: Info, Message: "quoted\nchat"},
		}, `[
  {
    "description": "blameless/blame-word: \"human error\" ends the inquiry — Describe what the person saw.",
    "check_name": "blameless/blame-word",
    "fingerprint": "FP0",
    "severity": "major",
    "location": {
      "path": "docs/kb/postmortems/a.md",
      "lines": {
        "begin": 11
      }
    }
  },
  {
    "description": "runbook/stale: last reviewed 2025-01-01",
    "check_name": "runbook/stale",
    "fingerprint": "FP1",
    "severity": "minor",
    "location": {
      "path": "runbooks/b c.md",
      "lines": {
        "begin": 1
      }
    }
  },
  {
    "description": "blameless/person-cause: quoted chat",
    "check_name": "blameless/person-cause",
    "fingerprint": "FP2",
    "severity": "info",
    "location": {
      "path": "postmortems/q.md",
      "lines": {
        "begin": 4
      }
    }
  }
]
`},
	}
	fingerprints := strings.NewReplacer(
		"FP0", "aba6d2e98ec24a9f0959cfb08d3b7882bd21f8a090af45dae711b0178174d908",
		"FP1", "b5b60549a36be23f7087301b221e1b71d4e492f8727190aa5ede60e6783c5028",
		"FP2", "483d0cdeaa003fca40e978747854d9f8bb20182e880e6184bee5ccf49aef45e7",
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Write(&out, "gitlab", &Result{Diagnostics: tt.diags}, Rules()); err != nil {
				t.Fatal(err)
			}
			if want := fingerprints.Replace(tt.want); out.String() != want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), want)
			}
		})
	}
}

// gitlabReport lints the KB at dir and reads its GitLab report back.
func gitlabReport(t *testing.T, dir string) []gitlabIssue {
	t.Helper()
	res, err := Run(dir, Options{Today: fixtureToday})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteGitLab(&out, res); err != nil {
		t.Fatal(err)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	return issues
}

// TestGitLabFingerprintsAreStable lints a postmortem, adds lines above
// its findings and lints it again: every finding keeps its fingerprint at
// its new line. The same finding on two identical lines has two
// fingerprints, and a finding whose line is reworded gets a new one.
func TestGitLabFingerprintsAreStable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "postmortems", "2026-10-01-outage.md")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	head := "---\ntitle: Outage\ndate: 2026-10-01\nseverity: SEV3\nstatus: draft\nservices: [db]\n---\n\n## Summary\n\n"
	body := "The outage was human error.\n\nThe on-call should have paged sooner.\n\nThe outage was human error.\n"
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(head + body)
	before := gitlabReport(t, dir)
	byFingerprint := map[string]gitlabIssue{}
	blameLines := 0
	for _, is := range before {
		if _, dup := byFingerprint[is.Fingerprint]; dup {
			t.Errorf("fingerprint %s given twice: %+v", is.Fingerprint, is)
		}
		byFingerprint[is.Fingerprint] = is
		if is.CheckName == "blameless/blame-word" {
			blameLines++
		}
	}
	if blameLines != 2 {
		t.Fatalf("want the blame word found on both lines, got %+v", before)
	}

	// The lines go in where the body starts, below the findings about
	// the postmortem as a whole (at the front matter) and above the rest.
	const added = 3
	at := strings.Count(head, "\n") + 1
	write(head + "An unrelated paragraph\nwritten later,\nabove the findings.\n" + body)
	after := gitlabReport(t, dir)
	if len(after) != len(before) {
		t.Fatalf("%d findings after the edit, %d before", len(after), len(before))
	}
	moved := 0
	for _, is := range after {
		old, ok := byFingerprint[is.Fingerprint]
		want := old.Location.Lines.Begin
		if want >= at {
			want += added
			moved++
		}
		switch {
		case !ok:
			t.Errorf("finding %+v has a new fingerprint after an edit above it", is)
		case old.CheckName != is.CheckName || is.Location.Lines.Begin != want:
			t.Errorf("fingerprint %s moved from %+v to %+v", is.Fingerprint, old, is)
		}
	}
	if moved < 3 {
		t.Errorf("only %d findings below the added lines, want the three of the body", moved)
	}

	write(head + strings.Replace(body, "The outage was human error.", "The first outage was human error.", 1))
	reworded := gitlabReport(t, dir)
	kept := 0
	for _, is := range reworded {
		if _, ok := byFingerprint[is.Fingerprint]; ok {
			kept++
		}
	}
	if kept != len(before)-1 {
		t.Errorf("after rewording one line, %d of %d fingerprints kept, want all but that line's", kept, len(before))
	}
}
