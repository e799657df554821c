package lint

import (
	"bytes"
	"slices"
	"strings"

	"github.com/kb-tools/kb/content"
)

// suppressions are the parts of one file where rules are turned off:
// <!-- kb-lint-disable RULE… --> … <!-- kb-lint-enable [RULE…] -->,
// <!-- kb-lint-disable-next-line RULE… -->, and the front matter's
// lint: {disable: [...]}. A rule is named by its id or its area; no name
// means every rule.
type suppressions struct {
	whole  []string // rules off for the whole file
	ranges []suppressedRange
}

type suppressedRange struct {
	rules       []string // empty: every rule
	first, last int      // lines; last 0 means to the end of the file
}

const (
	disableDirective  = "kb-lint-disable"
	enableDirective   = "kb-lint-enable"
	nextLineDirective = "kb-lint-disable-next-line"
)

// parseSuppressions reads a document's suppression comments.
func parseSuppressions(d *content.Doc) *suppressions {
	s := &suppressions{whole: d.Meta.LintDisable}
	src := d.Source
	if !bytes.Contains(src, []byte(disableDirective)) {
		return s
	}
	line := 1
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		text := string(src[off : off+end])
		for _, c := range lintComments(text) {
			s.apply(c, line)
		}
		off += end + 1
		line++
	}
	return s
}

// lintComments returns the kb-lint directives of HTML comments on a line.
func lintComments(line string) []string {
	var out []string
	for {
		i := strings.Index(line, "<!--")
		if i < 0 {
			return out
		}
		line = line[i+4:]
		j := strings.Index(line, "-->")
		if j < 0 {
			return out
		}
		body := strings.TrimSpace(line[:j])
		if strings.HasPrefix(body, "kb-lint-") {
			out = append(out, body)
		}
		line = line[j+3:]
	}
}

func (s *suppressions) apply(directive string, line int) {
	fields := strings.Fields(directive)
	rules := fields[1:]
	switch fields[0] {
	case nextLineDirective:
		s.ranges = append(s.ranges, suppressedRange{rules: rules, first: line + 1, last: line + 1})
	case disableDirective:
		s.ranges = append(s.ranges, suppressedRange{rules: rules, first: line})
	case enableDirective:
		for i := range s.ranges {
			r := &s.ranges[i]
			if r.last == 0 && (len(rules) == 0 || slices.Equal(r.rules, rules)) {
				r.last = line
			}
		}
	}
}

// covers reports whether a finding of rule at line is suppressed.
func (s *suppressions) covers(rule string, line int) bool {
	if s == nil {
		return false
	}
	if names(s.whole, rule) {
		return true
	}
	for _, r := range s.ranges {
		if line >= r.first && (r.last == 0 || line <= r.last) && (len(r.rules) == 0 || names(r.rules, rule)) {
			return true
		}
	}
	return false
}

// names reports whether a list of rule names includes rule, by id, by its
// area ("blameless") or by area wildcard ("blameless/*").
func names(list []string, rule string) bool {
	area, _, _ := strings.Cut(rule, "/")
	for _, n := range list {
		if n == rule || n == area || n == area+"/*" {
			return true
		}
	}
	return false
}
