package content

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// configError is a kb.yaml value that kb cannot use, at the value.
func configError(src []byte, n *yaml.Node, format string, args ...any) *Error {
	return newKindError(ErrorConfig, ConfigFile, src, n.Line, n.Column, format, args...)
}

// dateKeys are the keys of kb.yaml's dates: mapping.
var dateKeys = []string{"earliest", "max_days_ahead"}

// decodeDates reads kb.yaml's dates: {earliest, max_days_ahead}. A value
// kb cannot use is an error at the value, and its default is kept.
func decodeDates(src []byte, n *yaml.Node) (DateRange, []*Error) {
	r := DefaultDateRange()
	n = resolveAlias(n)
	if isNull(n) {
		return r, nil
	}
	if n.Kind != yaml.MappingNode {
		return r, []*Error{configError(src, n, "dates should be a mapping such as {earliest: 1990-01-01, max_days_ahead: 365}, not a %s; the defaults are used", nodeKindName(n))}
	}
	var errs []*Error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		switch k.Value {
		case "earliest":
			t, ok := ParseTime(scalarText(v))
			if !ok {
				errs = append(errs, configError(src, v, "dates.earliest should be a date (YYYY-MM-DD), not %s; %s is used",
					describeValue(v), r.Earliest.Format("2006-01-02")))
				continue
			}
			r.Earliest = t
		case "max_days_ahead":
			days, err := strconv.Atoi(scalarText(v))
			if err != nil || days < 0 {
				errs = append(errs, configError(src, v, "dates.max_days_ahead should be a whole number of days, 0 or more, not %s; %d is used",
					describeValue(v), r.MaxDaysAhead))
				continue
			}
			r.MaxDaysAhead = days
		default:
			errs = append(errs, configError(src, k, "unknown key %q in dates%s", k.Value, suggestKey(k.Value, dateKeys)))
		}
	}
	return r, errs
}

// scalarText is the text of a single value, or "" for anything else.
func scalarText(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// describeValue quotes a single value, or names the kind of another.
func describeValue(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return "a " + nodeKindName(n)
}

// suggestKey returns "; did you mean "x"?" for the nearest key, or "".
func suggestKey(s string, keys []string) string {
	if c := Closest(s, keys); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}
