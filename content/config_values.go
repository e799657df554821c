package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// configError is a kb.yaml value that kb cannot use, at the value; lines
// indexes kb.yaml, one index for all of its errors.
func configError(lines *LineIndex, n *yaml.Node, format string, args ...any) *Error {
	return lines.errorAt(ErrorConfig, ConfigFile, n.Line, n.Column, format, args...)
}

// checkValue checks the decoded value of the kb.yaml key at node v: a
// value out of range or malformed is an error at the value, and the
// default takes its place.
func checkValue(lines *LineIndex, key string, v *yaml.Node, cfg *Config) []*Error {
	def := DefaultConfig()
	v = resolveAlias(v)
	switch key {
	case "stale_days":
		if isNull(v) {
			cfg.StaleDays = def.StaleDays
		} else if cfg.StaleDays <= 0 {
			cfg.StaleDays = def.StaleDays
			return []*Error{configError(lines, v, "stale_days should be a number of days above 0, not %s; %d is used", describeValue(v), def.StaleDays)}
		}
	case "search":
		if isNull(v) {
			cfg.Search = def.Search
		}
	case "severities":
		return checkSeverities(lines, v, cfg)
	case "kinds":
		cfg.KindsSet = !isNull(v)
		return checkKinds(lines, v, cfg)
	case "ignore":
		return checkIgnore(lines, v, cfg)
	case "alert_rules":
		return checkAlertRules(lines, v, cfg)
	case "limits":
		return checkLimits(lines, v, cfg)
	}
	return nil
}

// checkLimits refuses limits that are not positive (the defaults take
// their place) and holds the per-document caps to their ceilings, with an
// error at each value past its ceiling.
func checkLimits(lines *LineIndex, v *yaml.Node, cfg *Config) []*Error {
	if !cfg.Limits.valid() {
		cfg.Limits = DefaultConfig().Limits
		return []*Error{configError(lines, v, "limits: every limit must be a positive number (of bytes, or of values); the defaults are used")}
	}
	var errs []*Error
	for _, c := range []struct {
		key      string
		value    *int
		ceiling  int
		counting string
	}{
		{"terms_per_document", &cfg.Limits.TermsPerDocument, MaxTermsPerDocument, "values per front matter list"},
		{"actions_per_document", &cfg.Limits.ActionsPerDocument, MaxActionsPerDocument, "action items per document"},
	} {
		if *c.value <= c.ceiling {
			continue
		}
		errs = append(errs, configError(lines, mappingValue(v, c.key), "limits.%s: %d is over kb's ceiling of %d %s; %d is used",
			c.key, *c.value, c.ceiling, c.counting, c.ceiling))
		*c.value = c.ceiling
	}
	return errs
}

// mappingValue returns the value of key in the mapping m, or m itself
// when it has no such key of its own (a value merged in with "<<").
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if r := resolveAlias(m); r != nil && r.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(r.Content); i += 2 {
			if r.Content[i].Value == key && r.Content[i+1] != nil {
				return r.Content[i+1]
			}
		}
	}
	return m
}

// checkSeverities keeps each severity once and refuses an empty list,
// which would leave postmortems no severity to have.
func checkSeverities(lines *LineIndex, v *yaml.Node, cfg *Config) []*Error {
	def := DefaultConfig().Severities
	if isNull(v) {
		cfg.Severities = def
		return nil
	}
	var errs []*Error
	var kept []string
	seen := map[string]int{}
	for _, item := range v.Content {
		s := strings.TrimSpace(item.Value)
		if first, dup := seen[s]; dup {
			errs = append(errs, configError(lines, item, "severity %q is listed twice (first at line %d); it is kept once", s, first))
			continue
		}
		if s == "" {
			errs = append(errs, configError(lines, item, "a severity is empty; it is left out"))
			continue
		}
		seen[s] = item.Line
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		cfg.Severities = def
		return append(errs, configError(lines, v, "severities lists none: postmortems need at least one; the defaults %s are used", strings.Join(def, ", ")))
	}
	cfg.Severities = kept
	return errs
}

// kindNames are the kinds kb.yaml's kinds: may map.
var kindNames = []string{string(KindPostmortem), string(KindRunbook), string(KindPage)}

// checkKinds leaves out the globs of kinds: that are malformed (path.Match
// would never match them) and the kinds kb does not know; a kind left
// with no glob gets its default globs back.
func checkKinds(lines *LineIndex, v *yaml.Node, cfg *Config) []*Error {
	if v.Kind != yaml.MappingNode {
		return nil
	}
	def := DefaultConfig().Kinds
	var errs []*Error
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, globs := v.Content[i], resolveAlias(v.Content[i+1])
		kind := Kind(k.Value)
		if !slices.Contains(kindNames, k.Value) {
			errs = append(errs, configError(lines, k, "kinds: unknown kind %q%s; the kinds are postmortem, runbook and page", k.Value, suggestKey(k.Value, kindNames)))
			delete(cfg.Kinds, kind)
			continue
		}
		var kept []string
		var last *Error
		for _, g := range globs.Content {
			if err := validGlob(g.Value); err != nil {
				last = configError(lines, g, "kinds.%s: %q is not a glob kb can match (%v); it is left out", k.Value, g.Value, err)
				errs = append(errs, last)
				continue
			}
			kept = append(kept, g.Value)
		}
		if len(kept) == 0 && last != nil && def[kind] != nil {
			kept = def[kind]
			last.Msg += fmt.Sprintf(", and with no glob left the default %s is used", strings.Join(kept, ", "))
		}
		cfg.Kinds[kind] = kept
	}
	return errs
}

// checkIgnore leaves out the globs of ignore: that are malformed, with an
// error at each, as checkKinds does for kinds:.
func checkIgnore(lines *LineIndex, v *yaml.Node, cfg *Config) []*Error {
	var errs []*Error
	var kept []string
	for _, g := range resolveAlias(v).Content {
		g = resolveAlias(g)
		if err := validGlob(g.Value); err != nil {
			errs = append(errs, configError(lines, g, "ignore: %q is not a glob kb can match (%v); it is left out, and the files it names are read", g.Value, err))
			continue
		}
		kept = append(kept, g.Value)
	}
	cfg.Ignore = kept
	return errs
}

// checkAlertRules leaves out the globs of alert_rules: that are
// malformed, with an error at each, and keeps the position of the others.
func checkAlertRules(lines *LineIndex, v *yaml.Node, cfg *Config) []*Error {
	var errs []*Error
	cfg.AlertRules, cfg.AlertRulePos = nil, nil
	for _, g := range resolveAlias(v).Content {
		g = resolveAlias(g)
		if err := validGlob(g.Value); err != nil || strings.TrimSpace(g.Value) == "" {
			errs = append(errs, configError(lines, g, "alert_rules: %q is not a glob kb can match; it is left out", g.Value))
			continue
		}
		cfg.AlertRules = append(cfg.AlertRules, g.Value)
		cfg.AlertRulePos = append(cfg.AlertRulePos, Pos{File: ConfigFile, Line: g.Line, Col: g.Column})
	}
	return errs
}

// dateKeys are the keys of kb.yaml's dates: mapping.
var dateKeys = []string{"earliest", "max_days_ahead"}

// decodeDates reads kb.yaml's dates: {earliest, max_days_ahead}. A value
// kb cannot use is an error at the value, and its default is kept.
func decodeDates(lines *LineIndex, n *yaml.Node) (DateRange, []*Error) {
	r := DefaultDateRange()
	n = resolveAlias(n)
	if isNull(n) {
		return r, nil
	}
	if n.Kind != yaml.MappingNode {
		return r, []*Error{configError(lines, n, "dates should be a mapping such as {earliest: 1990-01-01, max_days_ahead: 365}, not a %s; the defaults are used", nodeKindName(n))}
	}
	var errs []*Error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		switch k.Value {
		case "earliest":
			t, ok := ParseTime(scalarText(v))
			if !ok {
				errs = append(errs, configError(lines, v, "dates.earliest should be a date (YYYY-MM-DD), not %s; %s is used",
					describeValue(v), r.Earliest.Format("2006-01-02")))
				continue
			}
			r.Earliest = t
		case "max_days_ahead":
			days, err := strconv.Atoi(scalarText(v))
			if err != nil || days < 0 {
				errs = append(errs, configError(lines, v, "dates.max_days_ahead should be a whole number of days, 0 or more, not %s; %d is used",
					describeValue(v), r.MaxDaysAhead))
				continue
			}
			r.MaxDaysAhead = days
		default:
			errs = append(errs, configError(lines, k, "unknown key %q in dates%s", k.Value, suggestKey(k.Value, dateKeys)))
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

// resolveAlias returns the value an alias of kb.yaml stands for. kb.yaml
// is decoded by yaml.v3, whose alias ratio already bounds what its aliases
// expand to; the checks here look at one value at a time.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxYAMLDepth; i++ {
		n = n.Alias
	}
	return n
}
