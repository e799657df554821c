package site

import (
	"html/template"
	"sync"

	"github.com/kb-tools/kb/content"
)

// lessonCache keeps each postmortem's rendered lessons section, by KB
// path, with the markdown it was rendered from, so that a live site
// renders again only the sections that changed, and that markdown, cut
// from the document it came from, so that it is not looked for again in
// a document that did not change. A nil cache keeps nothing. It may be
// used by several goroutines at once.
type lessonCache struct {
	mu       sync.Mutex
	sections map[string]cachedLesson
	sources  map[string]cachedSource
}

type cachedSource struct {
	doc *content.Doc
	src []byte
}

type cachedLesson struct {
	at, src string
	html    template.HTML
}

func newLessonCache() *lessonCache {
	return &lessonCache{sections: map[string]cachedLesson{}, sources: map[string]cachedSource{}}
}

// source returns the markdown of d's lessons section (see sectionSource):
// the kept one when it was cut from d itself, the same value as the last
// time (a live site's documents that did not change are).
func (c *lessonCache) source(d *content.Doc) []byte {
	if c == nil {
		return sectionSource(d, content.SectionLessons)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.sources[d.Path]; ok && kept.doc == d {
		return kept.src
	}
	src := sectionSource(d, content.SectionLessons)
	c.sources[d.Path] = cachedSource{doc: d, src: src}
	return src
}

// render returns the section of path rendered from src for the page at
// site path at: the kept one when it was rendered from src for at, else
// what render gives, kept.
func (c *lessonCache) render(path, at string, src []byte, render func() template.HTML) template.HTML {
	if c == nil {
		return render()
	}
	c.mu.Lock()
	kept, ok := c.sections[path]
	c.mu.Unlock()
	if ok && kept.at == at && kept.src == string(src) {
		return kept.html
	}
	html := render()
	c.mu.Lock()
	c.sections[path] = cachedLesson{at: at, src: string(src), html: html}
	c.mu.Unlock()
	return html
}

// keepOnly forgets the sections of documents not in paths.
func (c *lessonCache) keepOnly(paths map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.sections {
		if !paths[p] {
			delete(c.sections, p)
		}
	}
	for p := range c.sources {
		if !paths[p] {
			delete(c.sources, p)
		}
	}
}
