package site

import (
	"html/template"
	"sync"
)

// lessonCache keeps each postmortem's rendered lessons section, by KB
// path, with the markdown it was rendered from, so that a live site
// renders again only the sections that changed. A nil cache keeps
// nothing. It may be used by several goroutines at once.
type lessonCache struct {
	mu       sync.Mutex
	sections map[string]cachedLesson
}

type cachedLesson struct {
	at, src string
	html    template.HTML
}

func newLessonCache() *lessonCache {
	return &lessonCache{sections: map[string]cachedLesson{}}
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
}
