package content

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// metaDecoder reads the known front matter fields of one document into its
// Meta, recording values of the wrong shape as field errors.
type metaDecoder struct {
	doc *Doc
	// lines indexes the document's source for the errors' context.
	lines  *LineIndex
	limits Limits
	// id, kind, title and date are read here and applied by the loader,
	// which knows the fallbacks.
	id, kind, title string
	date            Time
	datePos         Pos
	actions         *yaml.Node
	// actionsLeft counts the front matter action items past the limit.
	actionsLeft int
	// aliases counts what following YAML aliases costs.
	aliases aliasBudget
}

// decode walks the top-level mapping of the front matter.
func (d *metaDecoder) decode(root *yaml.Node) {
	if root == nil {
		return
	}
	m := &d.doc.Meta
	if len(root.Content) >= 2 {
		d.doc.Keys = make([]Key, 0, len(root.Content)/2)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], d.follow(root.Content[i+1])
		name := k.Value
		d.doc.Keys = append(d.doc.Keys, Key{Name: name, Pos: d.pos(k), ValuePos: d.pos(root.Content[i+1])})
		switch name {
		case "id":
			d.id = d.scalar(name, v)
		case "kind":
			d.kind = d.scalar(name, v)
		case "title":
			d.title = d.scalar(name, v)
		case "date":
			d.date, d.datePos = d.time(name, v), d.pos(root.Content[i+1])
		case "description", "summary":
			m.Description = d.scalar(name, v)
		case "severity":
			m.Severity = d.scalar(name, v)
		case "status":
			m.Status = d.scalar(name, v)
		case "services", "service":
			m.Services = d.terms(k, v)
		case "tags":
			m.Tags = d.terms(k, v)
		case "authors", "author":
			m.Authors = d.terms(k, v)
		case "incident_commander":
			m.IncidentCommander = d.scalar(name, v)
		case "started":
			m.Started = d.time(name, v)
		case "detected":
			m.Detected = d.time(name, v)
		case "mitigated":
			m.Mitigated = d.time(name, v)
		case "resolved":
			m.Resolved = d.time(name, v)
		case "contributing_factors":
			m.ContributingFactors = d.terms(k, v)
		case "insight":
			m.Insight = d.scalar(name, v)
		case "guardrails":
			m.Guardrails = d.terms(k, v)
		case "runbooks":
			m.Runbooks = d.terms(k, v)
		case "impact":
			m.Impact = d.impact(v)
		case "owner":
			m.Owner = d.scalar(name, v)
		case "escalation":
			m.Escalation = d.scalar(name, v)
		case "alerts":
			m.Alerts = d.terms(k, v)
		case "last_reviewed":
			m.LastReviewed = d.time(name, v)
		case "last_drilled":
			m.LastDrilled = d.time(name, v)
		case "actions":
			d.actions = v
		case "lint":
			m.LintDisable = d.lintDisable(v)
		}
	}
}

func (d *metaDecoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.doc.Path, Line: n.Line, Col: n.Column}
}

func (d *metaDecoder) fieldError(n *yaml.Node, format string, args ...any) {
	d.doc.FieldErrors = append(d.doc.FieldErrors, d.lines.errorAt(ErrorUnreadable, d.doc.Path, n.Line, n.Column, format, args...))
}

// lintDisable reads lint: {disable: [rule, ...]}.
func (d *metaDecoder) lintDisable(n *yaml.Node) []string {
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.fieldError(n, "lint should be a mapping such as {disable: [blameless/counterfactual]}, not a %s", nodeKindName(n))
		return nil
	}
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], d.follow(n.Content[i+1])
		if k.Value != "disable" {
			d.fieldError(k, "lint: unknown key %q; the key is disable", shortValue(k.Value))
			continue
		}
		rules, _ := d.list("lint.disable", v, 0)
		out = append(out, rules...)
	}
	return out
}

// isNull reports a null value: "!!null", or a plain "", "~" or "null" as
// YAML resolves them (the fast front matter path leaves plain scalars
// untagged).
func isNull(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	if n.Tag == "!!null" {
		return true
	}
	if n.Tag != "" || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return false
	}
	switch n.Value {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// scalar reads a single value; a null value is empty.
func (d *metaDecoder) scalar(key string, n *yaml.Node) string {
	if n == nil || isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.fieldError(n, "%s should be a single value, not a %s", key, nodeKindName(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// terms reads the list of values of the key k, keeping the first ones up
// to limits.terms_per_document: one document cannot fill the site with
// term pages. Values past the limit are left out, with a field error of
// kind ErrorOverLimit at the key.
func (d *metaDecoder) terms(k, v *yaml.Node) []string {
	limit := d.limits.terms()
	out, left := d.list(k.Value, v, limit)
	if left > 0 {
		d.doc.FieldErrors = append(d.doc.FieldErrors, d.lines.errorAt(ErrorOverLimit, d.doc.Path, k.Line, k.Column,
			"%s lists %d values; kb uses the first %d (kb.yaml limits.terms_per_document), so that one document cannot fill the site with pages",
			k.Value, limit+left, limit))
	}
	return out
}

// list reads a list of values; a single value is a list of one, and a
// comma-separated value is split, as hand-written front matter often has it.
// It keeps at most limit values (any number for 0) and counts those left
// out, without reading them further.
func (d *metaDecoder) list(key string, n *yaml.Node, limit int) (out []string, left int) {
	if n == nil || isNull(n) {
		return nil, 0
	}
	full := func() bool { return limit > 0 && len(out) == limit }
	switch n.Kind {
	case yaml.ScalarNode:
		for rest, more := n.Value, true; more; {
			var s string
			s, rest, more = strings.Cut(rest, ",")
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if full() {
				left++
				continue
			}
			out = append(out, s)
		}
		return out, left
	case yaml.SequenceNode:
		size := len(n.Content)
		if limit > 0 {
			size = min(size, limit)
		}
		out = make([]string, 0, size)
		for i, c := range n.Content {
			if full() {
				return out, len(n.Content) - i
			}
			if s := d.scalar(key+" item", d.follow(c)); s != "" {
				out = append(out, s)
			}
		}
		return out, 0
	}
	d.fieldError(n, "%s should be a list of values, not a %s", key, nodeKindName(n))
	return nil, 0
}

// time reads a date or a timestamp; a value that is not one is a field
// error and no time.
func (d *metaDecoder) time(key string, n *yaml.Node) Time {
	s := d.scalar(key, n)
	if s == "" {
		return Time{}
	}
	t, ok := ParseTime(s)
	if !ok {
		d.fieldError(n, "%s: %q is not a date (YYYY-MM-DD) or a timestamp (YYYY-MM-DDTHH:MM:SSZ)", key, shortValue(s))
		return Time{}
	}
	return At(t)
}
