package content

import (
	"gopkg.in/yaml.v3"
)

// decodeSections reads kb.yaml's sections:, a mapping from a section kind
// to more headings that count for it:
//
//	sections:
//	  action-items: [Things we will fix]
//	  timeline: [Log of events]
//
// A kind kb does not know, or a value that is not a list of headings, is
// an error at it; the rest is used.
func decodeSections(lines *LineIndex, n *yaml.Node) (*Vocabulary, []*Error) {
	base := DefaultVocabulary()
	n = resolveAlias(n)
	if isNull(n) {
		return base, nil
	}
	if n.Kind != yaml.MappingNode {
		return base, []*Error{configError(lines, n, "sections should be a mapping from a section kind to headings, such as {action-items: [Things we will fix]}, not a %s", nodeKindName(n))}
	}
	known := make([]string, 0, len(base.order))
	for _, k := range base.order {
		known = append(known, string(k))
	}
	more := map[SectionKind][]string{}
	var errs []*Error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		kind := SectionKind(k.Value)
		if base.kinds[kind] == nil {
			errs = append(errs, configError(lines, k, "unknown section kind %q in sections%s", k.Value, suggestKey(k.Value, known)))
			continue
		}
		headings, ok := headingList(v)
		if !ok {
			errs = append(errs, configError(lines, v, "sections.%s should be a list of headings, not %s", k.Value, describeValue(v)))
			continue
		}
		more[kind] = append(more[kind], headings...)
	}
	if len(more) == 0 {
		return base, errs
	}
	return base.WithHeadings(more), errs
}

// headingList reads a heading or a list of headings.
func headingList(v *yaml.Node) ([]string, bool) {
	if v.Kind == yaml.ScalarNode && v.Value != "" {
		return []string{v.Value}, true
	}
	if v.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]string, 0, len(v.Content))
	for _, h := range v.Content {
		h = resolveAlias(h)
		if h.Kind != yaml.ScalarNode || NormalizeHeading(h.Value) == "" {
			return nil, false
		}
		out = append(out, h.Value)
	}
	return out, true
}
