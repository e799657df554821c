package content

import (
	"regexp"
	"strings"
)

// obj is a JSON Schema object as Schema builds it.
type obj = map[string]any

// The JSON types of YAML values as editors' YAML servers present them:
// a date is a string there.
var (
	scalarTypes         = []string{"string", "number", "boolean"}
	nullableScalarTypes = []string{"string", "number", "boolean", "null"}
)

// Date and time forms ParseTime reads, as patterns of ECMA-262 and RE2
// alike: the pattern checks the form; kb lint checks the calendar
// (2026-02-30) and the zone names (CEST).
const (
	patternDay     = `[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`
	patternClock   = `([01][0-9]|2[0-3]):[0-5][0-9]`
	patternSeconds = `:([0-5][0-9]|60)(\.[0-9]+)?`
	patternOffset  = `[+-][0-9]{2}:[0-9]{2}`
	patternAbbrev  = `([A-Z]{3,5}([+-][0-9]{1,2})?|[+-][0-9]{2})`
	// DatePattern matches the dates and timestamps kb reads in front
	// matter: YYYY-MM-DD, RFC 3339 timestamps, and the same with a space
	// for the T, without seconds or without a zone (then UTC).
	DatePattern = `^` + patternDay + `(` +
		`T` + patternClock + `(` + patternSeconds + `(Z|` + patternOffset + `|[+-][0-9]{4})?|(Z|` + patternOffset + `)?)` +
		`| ` + patternClock + `(` + patternSeconds + `(Z|` + patternOffset + `| [+-][0-9]{2}:?[0-9]{2}| ` + patternAbbrev + `)?|(Z|` + patternOffset + `| ` + patternAbbrev + `)?)` +
		`)?$`
)

// anyCase returns a pattern that matches s in any case of its ASCII
// letters, other characters quoted.
func anyCase(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteString("[" + string(r) + string(r-'a'+'A') + "]")
		case r >= 'A' && r <= 'Z':
			b.WriteString("[" + string(r-'A'+'a') + string(r) + "]")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// anyCaseOf returns a pattern of a whole value that is one of words, in
// any case.
func anyCaseOf(words []string) string {
	alts := make([]string, len(words))
	for i, w := range words {
		alts[i] = anyCase(w)
	}
	return "^(" + strings.Join(alts, "|") + ")$"
}

// actionStatusPattern matches the statuses normalizeStatus reads: a word
// of ActionStatusWords in any case, with marks (. ! * _) around it, any
// text with a check mark, or nothing (open).
func actionStatusPattern() string {
	words := ActionStatusWords()
	alts := make([]string, 0, len(words))
	for _, w := range words {
		if !strings.ContainsAny(w, "✅✔☑✓") {
			alts = append(alts, anyCase(w))
		}
	}
	return `^\s*$|^[ .!*_]*(` + strings.Join(alts, "|") + `)[ .!*_]*$|[✅✔☑✓]`
}

// described adds a description (shown by editors on hover) to s, and a
// markdownDescription when md says more.
func described(s obj, text, md string) obj {
	s["description"] = text
	if md != "" && md != text {
		s["markdownDescription"] = md
	}
	return s
}

// nullable lets s accept null too: kb reads a key without a value as an
// absent one.
func nullable(types []string, required bool) []string {
	if required {
		return types
	}
	return append(append([]string(nil), types...), "null")
}

// textShape is a single value; a required one (owner) must hold text.
func textShape(required bool) obj {
	s := obj{"type": nullable(scalarTypes, required)}
	if required {
		s["pattern"] = `\S`
	}
	return s
}

// listShape is a list of single values, or one comma-separated value; a
// required one must hold a value.
func listShape(required bool, examples []string) obj {
	item := obj{"type": nullableScalarTypes}
	if len(examples) > 0 {
		item["examples"] = examples
	}
	if !required {
		return obj{"type": []string{"array", "string", "number", "boolean", "null"}, "items": item}
	}
	return obj{"anyOf": []obj{
		{"type": "array", "items": item, "contains": obj{"type": scalarTypes, "pattern": `\S`}},
		{"type": scalarTypes, "pattern": `[^,\s]`},
	}}
}

// dateShape is a date or a timestamp.
func dateShape(required bool) obj {
	return obj{"type": nullable([]string{"string"}, required), "pattern": DatePattern}
}
