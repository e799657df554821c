package site

import (
	"strings"

	"github.com/kb-tools/kb/content"
)

// similarCarry keeps, from one model of a live site to the next, the
// similar incidents of the postmortems that a change cannot have reached:
// a postmortem's list can only change when it changed itself, or shares a
// contributing factor, service or tag with a postmortem that changed (as
// it was before or as it is now), since the relative order of the others
// stays the same.
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
	for _, p := range changed {
		c.changed[p] = true
		if d := now[p]; d != nil {
			c.addKeys(d)
		}
	}
	for _, p := range before {
		if p.Doc.Kind != content.KindPostmortem {
			continue
		}
		if c.changed[p.Doc.Path] {
			c.addKeys(p.Doc)
		}
		paths := make([]string, len(p.Similar))
		for i, s := range p.Similar {
			paths[i] = s.Doc.Path
		}
		c.prev[p.Doc.Path] = paths
	}
	return c
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
			if c.keys[similarKey(kind, v)] {
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
