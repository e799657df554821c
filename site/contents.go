package site

import (
	"html/template"
	"path"
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// contentsEntry is a line of a page's contents list: a link to the
// heading at Anchor, or without one, a label over the lines below it.
// Count, when not 0, is how many items its part of the page holds.
type contentsEntry struct {
	Level  int
	Title  string
	Anchor string
	Count  int
}

// lessonContentsMax is the most lessons the contents of a lessons page
// list one by one; a page of more lists its years only.
const lessonContentsMax = 40

// Contents is the page's contents list: a document's sections, the groups
// of the action board, the years and lessons of a lessons page. A short
// page has none: a contents list helps on a long page and is noise on a
// short one.
func (p *page) Contents() []contentsEntry {
	switch {
	case p.Doc != nil:
		return sectionContents(p.Doc.Sections)
	case p.Layout == "actions":
		return boardContents(p.Groups)
	case p.Layout == "lessons" && p.Term == nil:
		return p.lessonContents()
	}
	return nil
}

// ContentsList writes the page's contents list (see Contents) as a nav of
// links to its headings; nothing when it has none. It is written here
// rather than by a template range, as list rows are: every document page
// has one.
func (p *page) ContentsList() template.HTML { return contentsHTML(p.Contents()) }

// contentsHTML writes the nav of a contents list of entries.
func contentsHTML(entries []contentsEntry) template.HTML {
	if len(entries) == 0 {
		return ""
	}
	w := newHTMLWriter(120 + 80*len(entries))
	w.raw("\n<nav class=\"contents\" aria-label=\"Contents\">\n<p class=\"contents-title\">Contents</p>\n<ol>")
	for _, e := range entries {
		w.raw(`<li class="level`)
		w.raw(strconv.Itoa(e.Level))
		w.raw(`">`)
		if e.Anchor != "" {
			w.raw(`<a href="#`)
			w.fragment(e.Anchor)
			w.raw(`">`)
			w.text(e.Title)
			w.raw("</a>")
		} else {
			w.raw(`<span class="label">`)
			w.text(e.Title)
			w.raw("</span>")
		}
		if e.Count != 0 {
			w.raw(` <span class="count">`)
			w.raw(strconv.Itoa(e.Count))
			w.raw("</span>")
		}
		w.raw("</li>")
	}
	w.raw("</ol>\n</nav>")
	return w.html()
}

// sectionContents lists a document's second- and third-level headings
// when it has three second-level ones or more.
func sectionContents(sections []content.Section) []contentsEntry {
	var out []contentsEntry
	top := 0
	for _, s := range sections {
		if (s.Level == 2 || s.Level == 3) && s.Anchor != "" && s.Title != "" {
			out = append(out, contentsEntry{Level: s.Level, Title: s.Title, Anchor: s.Anchor})
			if s.Level == 2 {
				top++
			}
		}
	}
	if top < 3 {
		return nil
	}
	return out
}

// boardContents lists the groups of the action board that have items,
// with their counts, when there are two or more: a part of a split board
// holds one group.
func boardContents(groups []actionGroup) []contentsEntry {
	var out []contentsEntry
	for _, g := range groups {
		if len(g.Items) > 0 {
			out = append(out, contentsEntry{Level: 2, Title: g.Name, Anchor: content.Slug(g.Name), Count: g.Total})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// lessonContents lists the lessons of the page under their years, newest
// first, or its years alone, each linking to its first lesson, when they
// are more than lessonContentsMax; the first part of the page lists its
// services' lessons first.
func (p *page) lessonContents() []contentsEntry {
	if len(p.Lessons) < 3 {
		return nil
	}
	var out []contentsEntry
	if p.IsFirstPart() && len(p.Site.LessonServices) > 0 {
		out = append(out, contentsEntry{Level: 2, Title: "By service", Anchor: "by-service", Count: len(p.Site.LessonServices)})
	}
	each := len(p.Lessons) <= lessonContentsMax
	year := -1 // index in out of the current year's entry
	for _, l := range p.Lessons {
		if y := yearOf(l.Page); year < 0 || out[year].Title != y {
			year = len(out)
			e := contentsEntry{Level: 2, Title: y}
			if !each {
				e.Anchor = l.Anchor()
			}
			out = append(out, e)
		}
		out[year].Count++
		if each {
			out = append(out, contentsEntry{Level: 3, Title: l.Page.ListTitle, Anchor: l.Anchor()})
		}
	}
	if len(out) < 2 {
		return nil // one year alone, as on a part of a split page
	}
	return out
}

// Anchor is the id of the lesson's section on a lessons page: its
// incident's slug, which stays the same when other lessons are added.
func (l *lesson) Anchor() string {
	return "lesson-" + path.Base(strings.TrimSuffix(l.Page.URL, "/"))
}
