package site

import (
	"strings"

	"github.com/kb-tools/kb/content"
)

// docPage makes the page of document d at url. A live site's documents
// that did not change are the same values from one model to the next:
// when prev, the page of d's path in the last model, shows the very same
// document at the same address, what was worked out from the document
// alone (list texts, durations, the runbooks its links lead to, its row
// in incident lists) is taken from it instead of worked out again.
func docPage(d *content.Doc, url string, prev *page) *page {
	p := &page{Doc: d, URL: url, Layout: layoutOf(d)}
	if prev != nil && prev.Doc == d && prev.URL == url && prev.listed {
		p.Title, p.ListTitle, p.Durations = prev.Title, prev.ListTitle, prev.Durations
		p.Path, p.Root = prev.Path, prev.Root
		p.DateText, p.SevText, p.SevClass, p.ServicesText = prev.DateText, prev.SevText, prev.SevClass, prev.ServicesText
		p.runbookLinks, p.listed = prev.runbookLinks, true
		for i := range p.incidentRow {
			p.incidentRow[i].Store(prev.incidentRow[i].Load())
		}
		return p
	}
	p.Title, p.ListTitle, p.Durations = d.Title, listText(d.Title), durations(d)
	p.setLinks()
	return p
}

// setListTexts works out, once for each page, what lists show of its
// document and the KB paths its relative links to documents lead to.
func (p *page) setListTexts() {
	if p.listed {
		return
	}
	d := p.Doc
	p.DateText, p.ServicesText = formatDate(d.Date), listValues(d.Meta.Services, listChars)
	p.SevText = listText(d.Meta.Severity)
	p.SevClass = strings.ToLower(p.SevText)
	for _, l := range d.Links {
		if path, ok := docLinkPath(d.Path, l.Dest); ok {
			p.runbookLinks = append(p.runbookLinks, path)
		}
	}
	p.listed = true
}

// docLinkPath returns the KB path of the document a relative link from
// the document at from leads to.
func docLinkPath(from, dest string) (string, bool) {
	target := strings.SplitN(dest, "#", 2)[0]
	if !content.IsMarkdown(target) || strings.Contains(dest, "://") {
		return "", false
	}
	return cleanJoin(from, target), true
}

// hintSizes gives each of pages the length of its file in mem, the site
// before they are rendered again: the buffer a page is written into then
// grows once, where a page of megabytes (the lessons of thousands of
// incidents) would grow it many times over.
func hintSizes(pages []*page, mem *memory) {
	for _, p := range pages {
		p.sizeHint = len(mem.files[fileOf(p)])
	}
}
