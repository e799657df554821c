package site

import (
	"html/template"
	"strings"
)

// navLink is an entry of the site's header: an index of the site.
type navLink struct {
	Title, Section string
}

// NavLinks are the indexes the header links, by their first path segment.
func (sd *siteData) NavLinks() []navLink {
	links := []navLink{{"Postmortems", "postmortems"}, {"Runbooks", "runbooks"}, {"Services", "services"},
		{"Owners", "owners"}, {"Tags", "tags"}, {"Actions", "actions"}, {"Lessons", "lessons"}, {"Trends", "trends"}}
	if len(sd.Pages) > 0 {
		links = append(links, navLink{"Pages", "pages"})
	}
	return links
}

// Section is the first segment of the page's site path, naming the index
// it belongs to in the header ("postmortems" for an incident and for
// /postmortems/2025/); "" for the home page and the 404 page.
func (p *page) Section() string {
	if p.Layout == "404" {
		return ""
	}
	s, _, _ := strings.Cut(strings.TrimPrefix(p.URL, "/"), "/")
	return s
}

// IsIndex says the page is the index of its section itself
// (/postmortems/), which the header marks as the current page.
func (p *page) IsIndex() bool { return p.URL == "/"+p.Section()+"/" }

// crumb is a step of a page's breadcrumbs.
type crumb struct{ Title, Path string }

// Crumbs are the pages above a document's or a term's page: the index of
// its section, and for a later part of a term's list, the term's page.
// Other pages have none.
func (p *page) Crumbs() []crumb {
	sec := p.Section()
	var index string
	for _, l := range p.Site.NavLinks() {
		if l.Section == sec {
			index = l.Title
		}
	}
	if index == "" || p.IsIndex() || (p.Doc == nil && p.Term == nil) {
		return nil
	}
	crumbs := []crumb{{index, sec + "/index.html"}}
	if p.Term != nil && !p.IsFirstPart() {
		crumbs = append(crumbs, crumb{p.Term.Name, p.Term.Path})
	}
	return crumbs
}

// CrumbsNav writes the page's breadcrumbs (see Crumbs) as the navigation
// above its content; nothing when it has none.
func (p *page) CrumbsNav() template.HTML {
	crumbs := p.Crumbs()
	if crumbs == nil {
		return ""
	}
	w := newHTMLWriter(160)
	w.raw(`<nav class="crumbs" aria-label="Breadcrumbs"><ol>`)
	for _, c := range crumbs {
		w.raw("<li>")
		p.linkTo(w, c.Path, c.Title)
		w.raw("</li>")
	}
	w.raw("</ol></nav>")
	return w.html()
}
