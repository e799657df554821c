package lint

import (
	"slices"
	"sort"
)

// credentialSpans are the byte ranges of the credentials a document's
// named patterns reported, so that the API key finder does not report one
// of them again as the value of a setting ("token=ghp_…" is a GitHub
// token, once).
type credentialSpans struct {
	spans [][2]int
}

// add records the credential at src[start:end].
func (c *credentialSpans) add(start, end int) {
	c.spans = append(c.spans, [2]int{start, end})
}

// merge sorts the spans and joins those that overlap, so that covers can
// search them: call it after the last add.
func (c *credentialSpans) merge() {
	slices.SortFunc(c.spans, func(a, b [2]int) int { return a[0] - b[0] })
	merged := c.spans[:0]
	for _, s := range c.spans {
		if n := len(merged); n > 0 && s[0] < merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	c.spans = merged
}

// covers reports whether src[start:end] overlaps a recorded credential.
func (c *credentialSpans) covers(start, end int) bool {
	k := sort.Search(len(c.spans), func(k int) bool { return c.spans[k][1] > start })
	return k < len(c.spans) && c.spans[k][0] < end
}
