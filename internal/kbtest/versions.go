package kbtest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// VersionKB is a small KB whose every page names its version v ("A",
// "B"...): the site's title, the documents' titles and bodies, and a
// document and a tag that only this version has. Two builds of different
// versions mixed in one output show as pages of both.
func VersionKB(v string) string {
	lv := strings.ToLower(v)
	return fmt.Sprintf(`
-- kb.yaml --
title: KB version %[1]s
base_url: https://intranet.example/kb/
-- postmortems/2026-01-01-shared.md --
---
title: Shared incident, version %[1]s
date: 2026-01-01
severity: SEV2
services: [checkout]
tags: [tag-%[2]s]
actions:
  - what: Fix it in version %[1]s
    owner: team-sre
    due: 2026-02-01
    status: open
---

## Summary

This postmortem is version %[1]s.
-- postmortems/2026-01-02-only-%[2]s.md --
---
title: Only in version %[1]s
date: 2026-01-02
severity: SEV3
services: [service-%[2]s]
---

## Summary

Written for version %[1]s alone.
-- runbooks/shared.md --
---
title: Shared runbook, version %[1]s
owner: team-sre
---

## Checks

Check version %[1]s.
`, v, lv)
}

// ReadTree reads every file under dir, by slash path.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	tree := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		tree[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// OneVersion says which version of VersionKB the site got is, by its home
// page, and checks that it is that version whole: the same files as the
// reference site of that version in refs, and every HTML page naming that
// version and no other.
func OneVersion(got map[string][]byte, refs map[string]map[string][]byte) (string, error) {
	version := ""
	for v := range refs {
		if strings.Contains(string(got["index.html"]), "version "+v) {
			version = v
		}
	}
	ref, ok := refs[version]
	if !ok {
		return "", fmt.Errorf("the home page names no version (%d files)", len(got))
	}
	if g, w := sortedKeys(got), sortedKeys(ref); !slices.Equal(g, w) {
		return version, fmt.Errorf("version %s has the files %v, want %v", version, g, w)
	}
	for name, data := range got {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if !strings.Contains(string(data), "version "+version) {
			return version, fmt.Errorf("%s does not name version %s", name, version)
		}
		for v := range refs {
			if v != version && strings.Contains(string(data), "version "+v) {
				return version, fmt.Errorf("%s of version %s names version %s", name, version, v)
			}
		}
	}
	return version, nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
