package content

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// writeKB writes the files of a txtar archive into a new temporary folder.
func writeKB(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, archive)
	return dir
}

func docByPath(kb *KB, path string) *Doc {
	for _, d := range kb.Docs {
		if d.Path == path {
			return d
		}
	}
	return nil
}

func errorStrings(errs []*Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestLoadKeepsGoingPastBadFiles(t *testing.T) {
	dir := writeKB(t, `
-- kb.yaml --
title: Test KB
severites: [P1, P2]
stale_days: soon
-- postmortems/2026-01-02-good.md --
---
title: Good
severity: SEV2
---
## Summary
-- postmortems/2026-01-03-toml.md --
+++
title = "toml"
+++
# TOML body
-- postmortems/2026-01-04-template.md --
---
title: x
date: {{ .Date }}
---
-- postmortems/2026-01-05-unterminated.md --
---
title: never closed
-- postmortems/2026-01-06-invalid.md --
---
title: "unclosed
severity: SEV1
---
-- runbooks/db/failover.md --
## Trigger
-- runbooks/cache/failover.md --
---
title: Cache failover
---
-- notes/binary.md --
PK`+"\x00\x01"+`
-- .hidden/skip.md --
# not loaded
-- public/old.md --
# not loaded
-- templates/archetypes/postmortem.md --
---
title: {{ .Title }}
---
`)
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range kb.Docs {
		paths = append(paths, d.Path)
	}
	wantPaths := []string{
		"postmortems/2026-01-02-good.md", "postmortems/2026-01-03-toml.md", "postmortems/2026-01-04-template.md",
		"postmortems/2026-01-05-unterminated.md", "postmortems/2026-01-06-invalid.md",
		"runbooks/cache/failover.md", "runbooks/db/failover.md",
	}
	if strings.Join(paths, "\n") != strings.Join(wantPaths, "\n") {
		t.Errorf("docs:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(wantPaths, "\n"))
	}
	wantErrs := []string{
		`kb.yaml:2:1: unknown key "severites" in kb.yaml; did you mean "severities"?`,
		"kb.yaml:3:13: stale_days: ",
		"notes/binary.md:1:3: not a text file",
		"postmortems/2026-01-03-toml.md:1:1: TOML front matter",
		"postmortems/2026-01-04-template.md:3:7: front matter holds a template expression",
		"postmortems/2026-01-05-unterminated.md:1:1: front matter opened here is never closed",
		"postmortems/2026-01-06-invalid.md:2:1: invalid YAML in front matter",
		`runbooks/db/failover.md:1:1: duplicate runbook id "failover": runbooks/cache/failover.md has it too; this page is published as "failover-2"`,
	}
	got := errorStrings(kb.Errors)
	if len(got) != len(wantErrs) {
		t.Fatalf("errors:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("error %d:\n got %s\nwant %s…", i, got[i], w)
		}
	}
	if kb.Config.Title != "Test KB" || kb.Config.StaleDays != 180 {
		t.Errorf("config: title %q stale_days %d", kb.Config.Title, kb.Config.StaleDays)
	}
	if d := docByPath(kb, "postmortems/2026-01-03-toml.md"); d == nil || d.Title != "TOML body" || d.Kind != KindPostmortem {
		t.Errorf("TOML document not kept with its body title: %+v", d)
	}
	if d := docByPath(kb, "runbooks/db/failover.md"); d == nil || d.ID != "failover-2" || d.Title != "failover" {
		t.Errorf("duplicate runbook: %+v", d)
	}
}

func TestDuplicateIDsAcrossKindsAndFromFrontMatter(t *testing.T) {
	dir := writeKB(t, `
-- postmortems/a.md --
---
id: Shared
---
-- postmortems/b.md --
---
title: B
id: shared
---
-- runbooks/shared.md --
# Runbooks have their own namespace
-- notes/shared.md --
# So do plain pages
`)
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := errorStrings(kb.Errors)
	want := `postmortems/b.md:3:1: duplicate postmortem id "shared": postmortems/a.md has it too; this page is published as "shared-2" until one of them is renamed`
	if len(got) != 1 || got[0] != want {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

func TestKindsMapping(t *testing.T) {
	dir := writeKB(t, `
-- kb.yaml --
kinds:
  postmortem: ["PM*.md", "content/issues/**"]
  runbook: ["alerts/**"]
-- PM2020-001 - Disk full.md --
# Disk full
-- content/issues/2024-01-01-x.md --
# X
-- alerts/op/KubeDown.md --
# KubeDown
-- alerts/_index.md --
# Alerts
-- postmortems/not-mapped.md --
# Plain now
-- notes/override.md --
---
kind: postmortem
---
`)
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Kind{
		"PM2020-001 - Disk full.md":      KindPostmortem,
		"content/issues/2024-01-01-x.md": KindPostmortem,
		"alerts/op/KubeDown.md":          KindRunbook,
		"alerts/_index.md":               KindPage,
		"postmortems/not-mapped.md":      KindPage,
		"notes/override.md":              KindPostmortem,
	}
	for path, kind := range want {
		if d := docByPath(kb, path); d == nil || d.Kind != kind {
			t.Errorf("%s: got %+v, want kind %s", path, d, kind)
		}
	}
	if len(kb.Errors) != 0 {
		t.Errorf("errors: %v", kb.Errors)
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("no error for a missing folder")
	}
}
