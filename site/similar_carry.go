package site

import (
	"slices"
	"strings"

	"github.com/kb-tools/kb/content"
)

// similarCarry keeps, from one model of a live site to the next, the
// similar incidents of the postmortems that a change cannot have reached.
// Lists are made from contributing factors, services and tags, ties going
// to the newer incident: a postmortem's list can only change when one of
// these or its date changed, or when it shares one of these with a
// postmortem whose values or date changed (as they were or as they are
// now); the relative order of the others stays the same.
type similarCarry struct {
	// prev holds each postmortem's similar incidents, by KB path.
	prev map[string][]string
	// changed names the documents that changed, appeared or went away,
	// and keys the values they had or have ("weight\x00value").
	changed map[string]bool
	keys    map[string]bool
	// pages gives the next model's document pages by KB path.
	pages map[string]*page
}

// newSimilarCarry returns the carry from the document pages of a model
// (whose similar incidents are worked out) to the next, after the
// documents at changed changed; now holds the changed documents as they
// are now, by path.
func newSimilarCarry(before []*page, changed []string, now map[string]*content.Doc) *similarCarry {
	c := &similarCarry{prev: make(map[string][]string, len(before)), changed: map[string]bool{}, keys: map[string]bool{}}
	old := make(map[string]*content.Doc, len(changed))
	for _, p := range before {
		old[p.Doc.Path] = p.Doc
	}
	for _, p := range changed {
		was, is := old[p], now[p]
		if was != nil && is != nil && sameSimilarity(was, is) {
			continue // what its list and the others' are made from is the same
		}
		c.changed[p] = true
		for _, d := range []*content.Doc{was, is} {
			if d != nil && d.Kind == content.KindPostmortem {
				c.addKeys(d)
			}
		}
	}
	for _, p := range before {
		if p.Doc.Kind != content.KindPostmortem {
			continue
		}
		paths := make([]string, len(p.Similar))
		for i, s := range p.Similar {
			paths[i] = s.Doc.Path
		}
		c.prev[p.Doc.Path] = paths
	}
	return c
}

// sameSimilarity reports whether a and b, two versions of one document,
// give and take the same place in lists of similar incidents: the same
// kind, date and values.
func sameSimilarity(a, b *content.Doc) bool {
	if a.Kind != b.Kind || !a.Date.Time.Equal(b.Date.Time) || a.Date.Set != b.Date.Set {
		return false
	}
	va, vb := similarValues(a), similarValues(b)
	for i := range va {
		if !slices.Equal(va[i], vb[i]) {
			return false
		}
	}
	return true
}

// similarValues are the values similar incidents are found by: factors,
// services and tags, in that order.
func similarValues(d *content.Doc) [3][]string {
	return [3][]string{d.Meta.ContributingFactors, d.Meta.Services, d.Meta.Tags}
}

// similarKey names a value of kind (its place in similarValues).
func similarKey(kind int, value string) string {
	return string(rune('0'+kind)) + "\x00" + strings.ToLower(value)
}

func (c *similarCarry) addKeys(d *content.Doc) {
	for kind, values := range similarValues(d) {
		for _, v := range values {
			c.keys[similarKey(kind, v)] = true
		}
	}
}

// with returns c ready for the model whose document pages are docs.
func (c *similarCarry) with(docs []*page) *similarCarry {
	if c == nil {
		return nil
	}
	c.pages = make(map[string]*page, len(docs))
	for _, p := range docs {
		c.pages[p.Doc.Path] = p
	}
	return c
}

// kept returns the similar incidents p had, when the change cannot have
// reached them.
func (c *similarCarry) kept(p *page) ([]*page, bool) {
	if c == nil || c.changed[p.Doc.Path] {
		return nil, false
	}
	paths, ok := c.prev[p.Doc.Path]
	if !ok {
		return nil, false
	}
	for kind, values := range similarValues(p.Doc) {
		for _, v := range values {
			if len(c.keys) > 0 && c.keys[similarKey(kind, v)] {
				return nil, false
			}
		}
	}
	out := make([]*page, len(paths))
	for i, path := range paths {
		if out[i] = c.pages[path]; out[i] == nil {
			return nil, false
		}
	}
	return out, true
}

// keepsAll gives every postmortem of all the incidents it had, when no
// change reached any list, and reports whether it did.
func (c *similarCarry) keepsAll(all []*page) bool {
	if c == nil || len(c.changed) > 0 {
		return false
	}
	kept := make([][]*page, len(all))
	for i, p := range all {
		var ok bool
		if kept[i], ok = c.kept(p); !ok {
			return false
		}
	}
	for i, p := range all {
		p.Similar = kept[i]
	}
	return true
}
