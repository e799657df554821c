package content

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compileSchemas compiles kb.json, postmortem.json and runbook.json of cfg,
// by kind ("" for kb.json).
func compileSchemas(t *testing.T, cfg *Config) map[Kind]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	kinds := append([]Kind{""}, SchemaKinds()...)
	for _, k := range kinds {
		data, err := Schema(cfg, k)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", SchemaFile(k), err)
		}
		if err := c.AddResource("file:///schema/"+SchemaFile(k), doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[Kind]*jsonschema.Schema{}
	for _, k := range kinds {
		sch, err := c.Compile("file:///schema/" + SchemaFile(k))
		if err != nil {
			t.Fatalf("%s: %v", SchemaFile(k), err)
		}
		out[k] = sch
	}
	return out
}

// editorValue converts a YAML node to the JSON value an editor's YAML
// server validates: dates and timestamps are strings there.
func editorValue(t *testing.T, n *yaml.Node) any {
	t.Helper()
	switch n.Kind {
	case yaml.DocumentNode:
		return editorValue(t, n.Content[0])
	case yaml.AliasNode:
		return editorValue(t, n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = editorValue(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, editorValue(t, c))
		}
		return s
	}
	if n.ShortTag() == "!!timestamp" {
		return n.Value
	}
	var v any
	if err := n.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// frontMatterValue returns the front matter of a document's source as an
// editor validates it: {} when there is none.
func frontMatterValue(t *testing.T, src []byte) any {
	t.Helper()
	src = normalize(src)
	block := []byte("{}")
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		if end := bytes.Index(rest, []byte("\n---\n")); end >= 0 {
			block = rest[:end+1]
		}
	}
	var n yaml.Node
	if err := yaml.Unmarshal(block, &n); err != nil {
		t.Fatal(err)
	}
	if n.Kind == 0 {
		return map[string]any{}
	}
	// Through JSON, as the validator reads numbers.
	data, err := json.Marshal(editorValue(t, &n))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaAcceptsExamples validates the front matter of every document
// of examples/acme against the schema of its kind and against kb.json.
func TestSchemaAcceptsExamples(t *testing.T) {
	kb, err := Load(filepath.Join("..", "examples", "acme"))
	if err != nil {
		t.Fatal(err)
	}
	schemas := compileSchemas(t, &kb.Config)
	counts := map[Kind]int{}
	for _, d := range kb.Docs {
		fm := frontMatterValue(t, d.Source)
		for _, k := range []Kind{"", d.Kind} {
			if sch := schemas[k]; sch != nil {
				if err := sch.Validate(fm); err != nil {
					t.Errorf("%s against %s: %v", d.Path, SchemaFile(k), err)
				}
			}
		}
		counts[d.Kind]++
	}
	if counts[KindPostmortem] != 14 || counts[KindRunbook] != 8 {
		t.Errorf("validated %v documents; want the 14 postmortems and 8 runbooks of examples/acme", counts)
	}
}

// lintFixture is a document of lint/testdata/schema, with what makes its
// front matter malformed and a change that mends it.
type lintFixture struct {
	path, reason string
	kind         Kind
	mend         func(fm map[string]any)
}

// malformedFixtures are the documents with schema/type, schema/enum and
// schema/required findings in lint's fixtures (lint/testdata/schema,
// whose kb.yaml lists SEV1, SEV2 and SEV3).
var malformedFixtures = []lintFixture{
	{"postmortems/enums.md", "schema/enum: severity SEV4 is not in kb.yaml, status done is no postmortem status, action status blocked is no action status", KindPostmortem,
		func(fm map[string]any) {
			fm["severity"], fm["status"] = "SEV3", "published"
			fm["actions"].([]any)[0].(map[string]any)["status"] = "open"
		}},
	{"postmortems/long-values.md", "schema/enum: severity SEV-zzz… is not in kb.yaml", KindPostmortem,
		func(fm map[string]any) { fm["severity"] = "SEV1" }},
	{"postmortems/types.md", "schema/type: services is a mapping, started is no date", KindPostmortem,
		func(fm map[string]any) { fm["services"], fm["started"] = "db", "2026-10-01T09:00:00Z" }},
	{"postmortems/required.md", "schema/required: no severity, services or status", KindPostmortem,
		func(fm map[string]any) { fm["severity"], fm["services"], fm["status"] = "SEV2", []any{"db"}, "draft" }},
	{"postmortems/none.md", "schema/required: no front matter at all", KindPostmortem,
		func(fm map[string]any) {
			fm["title"], fm["date"], fm["severity"], fm["services"], fm["status"] = "None", "2026-10-01", "SEV2", "db", "draft"
		}},
	{"runbooks/no-owner.md", "schema/required: a runbook without an owner", KindRunbook,
		func(fm map[string]any) { fm["owner"] = "team-db" }},
}

// wellFormedFixtures are documents of the same fixtures that lint finds
// no schema/type, schema/enum or schema/required problem in, among them
// a comma-separated services:, statuses kb reads (in progress, Done), the
// singular service:, keys of a team's own and a CRLF file with a BOM.
var wellFormedFixtures = map[string]Kind{
	"postmortems/valid.md": KindPostmortem, "postmortems/aliases.md": KindPostmortem, "postmortems/dup-a.md": KindPostmortem,
	"runbooks/ok.md": KindRunbook, "runbooks/crlf-bom.md": KindRunbook, "runbooks/fm-only-title.md": KindRunbook, "runbooks/shared.md": KindRunbook,
}

func lintFixtureSchemas(t *testing.T) (map[Kind]*jsonschema.Schema, string) {
	dir := filepath.Join("..", "lint", "testdata", "schema")
	cfg, _ := LoadConfig(dir) // its kb.yaml has a bad key on purpose
	return compileSchemas(t, &cfg), dir
}

// TestSchemaRejectsMalformedFixtures checks that the schema of each
// malformed fixture's kind rejects it, and accepts it once mended, so that
// it is rejected for the reason given.
func TestSchemaRejectsMalformedFixtures(t *testing.T) {
	schemas, dir := lintFixtureSchemas(t)
	for _, f := range malformedFixtures {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.path)))
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatterValue(t, src).(map[string]any)
		if err := schemas[f.kind].Validate(fm); err == nil {
			t.Errorf("%s (%s): accepted", f.path, f.reason)
		}
		f.mend(fm)
		if err := schemas[f.kind].Validate(fm); err != nil {
			t.Errorf("%s: rejected once mended: %v", f.path, err)
		}
	}
}

// TestSchemaAcceptsWellFormedFixtures checks the fixtures lint accepts.
func TestSchemaAcceptsWellFormedFixtures(t *testing.T) {
	schemas, dir := lintFixtureSchemas(t)
	for path, kind := range wellFormedFixtures {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas[kind].Validate(frontMatterValue(t, src)); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
