package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildWritesSchemas checks that kb build publishes the front matter
// schemas under /schema/, with the build's base URL in their $id and
// kb.yaml's severities, and that a page whose path starts with schema/
// moves under /pages/.
func TestBuildWritesSchemas(t *testing.T) {
	out := buildKB(t, `
-- kb.yaml --
title: T
base_url: https://kb.example.org/
severities: [P1, P2]
-- schema/kb.md --
# A page of the KB's own about schemas
-- postmortems/a.md --
---
title: A
---
`, Options{NoGit: true, BaseURL: "https://docs.example.org/kb/"})
	for file, id := range map[string]string{
		"kb.json":         "https://docs.example.org/kb/schema/kb.json",
		"postmortem.json": "https://docs.example.org/kb/schema/postmortem.json",
		"runbook.json":    "https://docs.example.org/kb/schema/runbook.json",
	} {
		data, err := os.ReadFile(filepath.Join(out, "schema", file))
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			ID string `json:"$id"`
		}
		if err := json.Unmarshal(data, &s); err != nil || s.ID != id {
			t.Errorf("schema/%s: $id %q (%v), want %q", file, s.ID, err, id)
		}
	}
	assertFileContent(t, out, "schema/postmortem.json", `"P1"`, `"P2"`)
	assertFileContent(t, out, "pages/schema/kb/index.html", "A page of the KB")
}
