// Package lint checks a KB's documents: blameless language, owned and dated
// action items, structure, timelines, runbook freshness, links and what
// must not be published. Rules are small values that report through their
// Pass and never print; Run drives them and the formatters print findings.
package lint

import (
	"encoding/json"
	"fmt"

	"github.com/kb-tools/kb/content"
)

// Severity is how much a finding matters: errors fail the lint.
type Severity int

// The severities, from most to least severe; Off turns a rule off.
const (
	Error Severity = iota
	Warning
	Info
	Off
)

var severityNames = [...]string{"error", "warning", "info", "off"}

// String returns "error", "warning", "info" or "off".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, bool) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), true
		}
	}
	return 0, false
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Diagnostic is one finding.
type Diagnostic struct {
	Pos        content.Pos
	Rule       string
	Severity   Severity
	Message    string
	Suggestion string
	// Excerpt is a short cut of the line at Pos around its column, for
	// formatters that show it (never the whole of a long line); empty when
	// unknown.
	Excerpt content.Excerpt
	// excerptRead records that Excerpt was read, even if the line is empty.
	excerptRead bool
}

// jsonDiagnostic is the JSON shape of a finding, a contract of kb lint.
type jsonDiagnostic struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
}

// MarshalJSON writes the finding with the keys file, line, column, rule,
// severity, message and, where there is one, suggestion.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonDiagnostic{
		File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Rule: d.Rule,
		Severity: d.Severity.String(), Message: d.Message, Suggestion: d.Suggestion,
	})
}
