package content

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// AlertRule is one alerting rule of a Prometheus rule file: an entry of
// groups[].rules[] with an alert: name (recording rules are left out).
type AlertRule struct {
	// Name is the alert's name; Pos the position of its value.
	Name string
	Pos  Pos
	// Group is the name of the rule group it is in.
	Group string
	// Expr is its PromQL expression and For how long it must hold
	// before the alert fires, as written.
	Expr string
	For  string
	// Severity is labels.severity, as written ("" when absent).
	Severity string
	// RunbookURL is annotations.runbook_url ("" when absent), and
	// RunbookURLPos the position of its value.
	RunbookURL    string
	RunbookURLPos Pos
}

// Pages reports whether the alert wakes someone up: its severity label is
// critical or page (in any case).
func (r *AlertRule) Pages() bool {
	return strings.EqualFold(r.Severity, "critical") || strings.EqualFold(r.Severity, "page")
}

// ParseAlertRules reads the alerting rules of one rule file, src, named
// file (a slash path relative to the KB root) in positions. It reads the
// groups: of a Prometheus rule file and the spec.groups: of a Kubernetes
// PrometheusRule resource, in every YAML document of the file (a stream
// of manifests, "---" between them); documents with neither are other
// resources and are passed over. What cannot be read is a positioned
// error, and the rules read before and beside it are kept: a file that is
// not YAML gives one error, a file of no rule groups one error at its
// start.
func ParseAlertRules(file string, src []byte) ([]AlertRule, []*Error) {
	src = normalize(src)
	lines := NewLineIndex(src)
	// The empty first line keeps yaml.v3's error lines right (see
	// parseYAML); every node line is one more than the file's.
	block := append([]byte{'\n'}, src...)
	dec := yaml.NewDecoder(bytes.NewReader(block))
	r := ruleReader{file: file, lines: lines}
	groupsSeen := false
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			r.errs = append(r.errs, yamlSyntaxError(file, "the rule file", src, block, 0, err))
			break
		}
		if len(doc.Content) == 0 {
			continue
		}
		shiftLines(doc.Content[0], -1, 0)
		if groups := groupsOf(doc.Content[0]); groups != nil {
			groupsSeen = true
			r.groups(groups)
		}
	}
	if !groupsSeen && len(r.errs) == 0 {
		r.errorAt(1, 1, "no rule groups in this file: a Prometheus rule file has groups:, a PrometheusRule resource spec.groups:")
	}
	return r.rules, r.errs
}

// groupsOf returns the groups: of a rule file's document, or the
// spec.groups: of a PrometheusRule, or nil for any other document.
func groupsOf(root *yaml.Node) *yaml.Node {
	root = resolveAlias(root)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	if g := lookup(root, "groups"); g != nil {
		return g
	}
	if spec := lookup(root, "spec"); spec != nil && spec.Kind == yaml.MappingNode {
		return lookup(spec, "groups")
	}
	return nil
}

// ruleReader gathers the rules and errors of one rule file.
type ruleReader struct {
	file  string
	lines *LineIndex
	rules []AlertRule
	errs  []*Error
}

func (r *ruleReader) errorAt(line, col int, format string, args ...any) {
	r.errs = append(r.errs, r.lines.errorAt(ErrorUnreadable, r.file, line, col, format, args...))
}

func (r *ruleReader) groups(groups *yaml.Node) {
	if groups.Kind != yaml.SequenceNode {
		if !isNull(groups) {
			r.errorAt(groups.Line, groups.Column, "groups: should be a list of rule groups, not a %s", nodeKindName(groups))
		}
		return
	}
	for _, g := range groups.Content {
		if g = resolveAlias(g); g == nil {
			continue
		}
		if g.Kind != yaml.MappingNode {
			r.errorAt(g.Line, g.Column, "a rule group should be a mapping with name: and rules:, not a %s", nodeKindName(g))
			continue
		}
		name := scalarValue(lookup(g, "name"))
		rules := lookup(g, "rules")
		if rules == nil || isNull(rules) {
			continue
		}
		if rules.Kind != yaml.SequenceNode {
			r.errorAt(rules.Line, rules.Column, "rules: of group %q should be a list, not a %s", name, nodeKindName(rules))
			continue
		}
		for _, rule := range rules.Content {
			r.rule(name, resolveAlias(rule))
		}
	}
}

func (r *ruleReader) rule(group string, n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.errorAt(n.Line, n.Column, "a rule should be a mapping with alert: (or record:) and expr:, not a %s", nodeKindName(n))
		return
	}
	alert := lookup(n, "alert")
	if alert == nil {
		return // a recording rule
	}
	if alert.Kind != yaml.ScalarNode || strings.TrimSpace(alert.Value) == "" {
		r.errorAt(alert.Line, alert.Column, "alert: should be the alert's name")
		return
	}
	a := AlertRule{Name: strings.TrimSpace(alert.Value), Pos: r.pos(alert), Group: group,
		Expr: strings.TrimSpace(scalarValue(lookup(n, "expr"))), For: scalarValue(lookup(n, "for"))}
	if labels := lookup(n, "labels"); labels != nil && labels.Kind == yaml.MappingNode {
		a.Severity = strings.TrimSpace(scalarValue(lookup(labels, "severity")))
	}
	if ann := lookup(n, "annotations"); ann != nil && ann.Kind == yaml.MappingNode {
		if u := lookup(ann, "runbook_url"); u != nil && u.Kind == yaml.ScalarNode && strings.TrimSpace(u.Value) != "" {
			a.RunbookURL, a.RunbookURLPos = strings.TrimSpace(u.Value), r.pos(u)
		}
	}
	r.rules = append(r.rules, a)
}

func (r *ruleReader) pos(n *yaml.Node) Pos { return Pos{File: r.file, Line: n.Line, Col: n.Column} }

// lookup returns the value of key in the mapping m (aliases resolved), or
// nil when it has none.
func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return resolveAlias(m.Content[i+1])
		}
	}
	return nil
}

// scalarValue is the text of a scalar node, or "" for anything else.
func scalarValue(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}
