package content

import (
	"bytes"
	"encoding/json"
	"strings"
)

// SchemaDialect is the JSON Schema dialect of Schema. The schemas use only
// keywords that draft-07 has too (and $defs, which draft-07 tools resolve
// as a plain JSON pointer), as editors' YAML servers read draft-07.
const SchemaDialect = "https://json-schema.org/draft/2020-12/schema"

// SchemaDir is the folder of the built site that holds the schemas.
const SchemaDir = "schema"

// SchemaFile returns the file name of the schema of kind's front matter:
// postmortem.json, runbook.json, or kb.json (for "") for both, picked by
// the kind: key.
func SchemaFile(kind Kind) string {
	if kind == "" {
		return "kb.json"
	}
	return string(kind) + ".json"
}

// SchemaURL returns the published address of kind's schema under the
// site at baseURL (/schema/postmortem.json), or "" without a base URL.
func SchemaURL(baseURL string, kind Kind) string {
	if baseURL == "" {
		return ""
	}
	return strings.TrimRight(baseURL, "/") + "/" + SchemaDir + "/" + SchemaFile(kind)
}

// SchemaKinds are the kinds with a schema of their own.
func SchemaKinds() []Kind { return []Kind{KindPostmortem, KindRunbook} }

// Schema returns the JSON Schema (draft 2020-12) of the front matter of
// kind (KindPostmortem or KindRunbook), or for "" of both, picked by the
// kind: key. It is built from Fields and cfg: severities and owners come
// from kb.yaml, and $id from its base_url. Keys kb does not read are
// accepted, as kb lint only warns of them.
func Schema(cfg *Config, kind Kind) ([]byte, error) {
	var root obj
	defs := obj{"action": actionItemShape(cfg.Owners)}
	if kind == "" {
		root = combinedSchema(cfg, defs)
	} else {
		root = kindSchema(cfg, kind)
	}
	root["$schema"] = SchemaDialect
	if id := SchemaURL(cfg.BaseURL, kind); id != "" {
		root["$id"] = id
	}
	root["$defs"] = defs
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(root)
	return buf.Bytes(), err
}

// unknownKeys says how kb treats keys it does not read.
const unknownKeys = "Keys kb does not read are accepted here; kb lint warns of them (schema/unknown-key) unless they are Hugo's or listed in kb.yaml lint.front_matter_keys."

// combinedSchema is kb.json: the postmortem or runbook schema, picked by
// the kind: key; without one, only the fields of every document are
// checked, as the folder decides.
func combinedSchema(cfg *Config, defs obj) obj {
	var picks []obj
	for _, k := range SchemaKinds() {
		s := kindSchema(cfg, k)
		delete(s, "title")
		defs[string(k)] = s
		picks = append(picks, obj{
			"if":   obj{"required": []string{"kind"}, "properties": obj{"kind": obj{"type": "string", "pattern": anyCaseOf([]string{string(k)})}}},
			"then": obj{"$ref": "#/$defs/" + string(k)},
		})
	}
	props := obj{}
	for _, f := range Fields() {
		if len(f.Kinds) == 0 {
			addField(props, cfg, f, KindPage)
		}
	}
	return described(obj{
		"title":                "kb front matter",
		"type":                 "object",
		"properties":           props,
		"allOf":                picks,
		"additionalProperties": true,
	}, "Front matter of a kb document. kind: postmortem or kind: runbook checks it as one; without kind: the folder decides, which this schema cannot see: use postmortem.json or runbook.json for the files of each folder. "+unknownKeys, "")
}

// kindSchema is the schema of one kind's front matter.
func kindSchema(cfg *Config, kind Kind) obj {
	props := obj{}
	var required []string
	var allOf []obj
	for _, f := range Fields() {
		if !f.UsedBy(kind) {
			continue
		}
		addField(props, cfg, f, kind)
		if !f.RequiredBy(kind) {
			continue
		}
		if len(f.Aliases) == 0 {
			required = append(required, f.Name)
			continue
		}
		var anyOf []obj
		for _, k := range f.Keys() {
			anyOf = append(anyOf, obj{"required": []string{k}})
		}
		allOf = append(allOf, obj{"anyOf": anyOf})
	}
	s := obj{
		"title":                "kb " + string(kind) + " front matter",
		"type":                 "object",
		"properties":           props,
		"additionalProperties": true,
	}
	if len(required) > 0 {
		s["required"] = required
	}
	if len(allOf) > 0 {
		s["allOf"] = allOf
	}
	return described(s, "Front matter of a kb "+string(kind)+". "+unknownKeys, "")
}

// addField adds the properties of f, its key and its aliases, to props.
func addField(props obj, cfg *Config, f Field, kind Kind) {
	for _, key := range f.Keys() {
		s := fieldShape(cfg, f, kind)
		text, md := fieldDoc(cfg, f, kind)
		if key != f.Name {
			text = "kb reads " + key + " as " + f.Name + ". " + text
			md = "kb reads `" + key + "` as `" + f.Name + "`. " + md
		}
		props[key] = described(s, text, md)
	}
}

// fieldShape is the schema of one field's value in documents of kind.
func fieldShape(cfg *Config, f Field, kind Kind) obj {
	required := f.RequiredBy(kind)
	var examples []string
	if f.Values == FromOwners {
		examples = cfg.Owners
	}
	switch f.Shape {
	case ShapeList:
		return listShape(required, examples)
	case ShapeDate:
		return dateShape(required)
	case ShapeLint:
		return lintShape()
	case ShapeActions:
		return actionsShape()
	case ShapeImpact:
		return impactShape()
	}
	switch f.Values {
	case FromSeverities:
		return enumShape(cfg.Severities, required)
	case FromPostmortemStatuses:
		return enumShape(PostmortemStatuses(), required)
	case FromKinds:
		kinds := Kinds()
		if kind != KindPage {
			kinds = []string{string(kind)}
		}
		return obj{"type": nullable([]string{"string"}, required), "pattern": anyCaseOf(kinds), "examples": kinds}
	}
	s := textShape(required)
	if len(examples) > 0 {
		s["examples"] = examples
	}
	return s
}

// enumShape accepts one of values (and no value, unless required).
func enumShape(values []string, required bool) obj {
	enum := make([]any, 0, len(values)+1)
	for _, v := range values {
		enum = append(enum, v)
	}
	if !required {
		enum = append(enum, nil)
	}
	return obj{"enum": enum}
}

// fieldDoc returns the description of f, plain and in markdown.
func fieldDoc(cfg *Config, f Field, kind Kind) (text, md string) {
	text, md = f.Doc, f.Doc
	add := func(t, m string) { text, md = text+" "+t, md+" "+m }
	switch f.Shape {
	case ShapeList:
		add("A list, or one comma-separated value.", "A list (`[a, b]`), or one comma-separated value (`a, b`).")
	case ShapeDate:
		add("YYYY-MM-DD, or a timestamp such as 2026-03-14T13:55:00Z.", "`YYYY-MM-DD`, or a timestamp such as `2026-03-14T13:55:00Z`.")
	}
	switch f.Values {
	case FromSeverities:
		add("One of "+strings.Join(cfg.Severities, ", ")+" (kb.yaml severities).", "One of "+quoted(cfg.Severities)+" (kb.yaml `severities`).")
	case FromPostmortemStatuses:
		add("One of "+strings.Join(PostmortemStatuses(), ", ")+".", "One of "+quoted(PostmortemStatuses())+".")
	case FromOwners:
		if len(cfg.Owners) > 0 {
			add("kb.yaml owners: "+strings.Join(cfg.Owners, ", ")+".", "kb.yaml `owners`: "+quoted(cfg.Owners)+".")
		}
	}
	if f.RequiredBy(kind) {
		add("Required: kb lint reports a "+string(kind)+" without it (schema/required).", "Required: `kb lint` reports a "+string(kind)+" without it (`schema/required`).")
	}
	return text, md
}
