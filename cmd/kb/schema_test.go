package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSchemaCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte("severities: [P1, P2]\nbase_url: https://kb.example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{"": "kb front matter", "postmortem": "kb postmortem front matter", "runbook": "kb runbook front matter"} {
		args := []string{"schema", "--dir", dir}
		if kind != "" {
			args = append(args, "--kind", kind)
		}
		code, out, errOut := kbRun(t, args...)
		var s struct {
			Title  string `json:"title"`
			Schema string `json:"$schema"`
			ID     string `json:"$id"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &s) != nil {
			t.Fatalf("kb %v: exit %d, stderr %q", args, code, errOut)
		}
		file := kind + ".json"
		if kind == "" {
			file = "kb.json"
		}
		if s.Title != want || s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.ID != "https://kb.example.org/schema/"+file {
			t.Errorf("kb %v: title %q, $schema %q, $id %q", args, s.Title, s.Schema, s.ID)
		}
		if kind == "postmortem" && !strings.Contains(out, `"P2"`) {
			t.Errorf("kb %v: no severity P2 of kb.yaml", args)
		}
	}
	for _, args := range [][]string{{"schema", "--kind", "page"}, {"schema", "extra"}, {"schema", "--kinds", "x"}} {
		if code, out, _ := kbRun(t, args...); code != 2 || out != "" {
			t.Errorf("kb %v: exit %d, stdout %q; want a usage error", args, code, out)
		}
	}
}

// TestNewWritesModeline checks that kb new starts the front matter with a
// yaml-language-server modeline naming the published schema of the kind
// when kb.yaml has a base_url, and without one writes none.
func TestNewWritesModeline(t *testing.T) {
	for _, tt := range []struct{ config, kind, want string }{
		{"base_url: https://kb.example.org/ops/\n", "postmortem", "---\n# yaml-language-server: $schema=https://kb.example.org/ops/schema/postmortem.json\ntitle: \"Disk full\"\n"},
		{"base_url: https://kb.example.org\n", "runbook", "---\n# yaml-language-server: $schema=https://kb.example.org/schema/runbook.json\ntitle: \"Disk full\"\n"},
		{"title: No address\n", "postmortem", "---\ntitle: \"Disk full\"\n"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte(tt.config), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := kbRun(t, "new", "--dir", dir, "--service", "db", "--owner", "team-db", tt.kind, "Disk full")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		data, err := os.ReadFile(strings.TrimSpace(out))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), tt.want) {
			t.Errorf("%s with %q starts\n%.200s\nwant\n%s", tt.kind, tt.config, data, tt.want)
		}
	}
}
