package lint

import (
	"fmt"
	"slices"
	"strings"
)

// moreVagueReason says why an item's words, lower-cased, are vague in the
// ways beyond vagueReason's lists, or "": an item that asks for a look or
// an effort ("Look into cronjobs"), a goal without its means ("Minimize
// downtime"), or an improvement of an area behind a determiner ("Improve
// the alerting").
func (c *Config) moreVagueReason(words []string) string {
	if n := c.vagueStarts.prefixLen(words); n > 0 {
		return fmt.Sprintf("%q asks for a look or an effort, not a change someone can finish", strings.Join(words[:n], " "))
	}
	if c.goalVerbs[words[0]] && !slices.ContainsFunc(words[1:], func(w string) bool { return c.meansWords[w] }) {
		return fmt.Sprintf("%q names a goal without the change that reaches it", words[0])
	}
	if c.improvementWords[words[0]] && len(words) > 2 && c.areaDeterminers[words[1]] {
		if n := c.vagueAreas.prefixLen(words[2:]); n > 0 {
			return fmt.Sprintf("%q names an area to improve, not the change that improves it", strings.Join(words[:2+n], " "))
		}
	}
	return ""
}
