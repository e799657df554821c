package site

import "html/template"

// LessonSections writes the lessons page's entries, newest first: the
// incident linked from this page with its date, severity and services, its
// insight, its lessons-learned section, its guardrails and its runbooks.
// A KB of thousands of postmortems has as many entries, so they are
// written here rather than by a template range, as list rows are.
func (p *page) LessonSections(lessons []*lesson) template.HTML {
	size := 0
	for _, l := range lessons {
		size += 400 + len(l.Section)
	}
	w := newHTMLWriter(size)
	for _, l := range lessons {
		w.raw("\n<section class=\"lesson\" id=\"")
		w.text(l.Anchor())
		w.raw("\">\n<h2>")
		p.pageLink(w, l.Page)
		w.raw("</h2>\n<p class=\"meta\">")
		w.text(l.Page.DateText)
		w.raw(" ")
		writeSevBadge(w, l.Page)
		w.raw(" ")
		w.text(l.Page.ServicesText)
		w.raw("</p>")
		if l.Insight != "" {
			w.raw(`<p class="insight">`)
			w.text(l.Insight)
			w.raw("</p>")
		}
		if l.Section != "" {
			w.raw(`<div class="body">`)
			w.raw(string(l.Section))
			w.raw("</div>")
		}
		if len(l.Guardrails) > 0 {
			w.raw(`<p class="guardrails">Guardrails: `)
			for i, g := range l.Guardrails {
				if i > 0 {
					w.raw(", ")
				}
				w.raw(`<span class="badge guardrail">`)
				w.text(g)
				w.raw("</span>")
			}
			w.raw("</p>")
		}
		if len(l.Runbooks) > 0 {
			w.raw("<p>Runbooks: ")
			for i, rb := range l.Runbooks {
				if i > 0 {
					w.raw(", ")
				}
				p.pageLink(w, rb)
			}
			w.raw("</p>")
		}
		w.raw("\n</section>")
	}
	return w.html()
}

// LessonItems writes one service's lessons as list items: the incident's
// date linked from this page, its insight (else its title) and guardrails,
// cut to a bounded length: an incident has its lesson in the list of each
// of its services.
func (p *page) LessonItems(lessons []*lesson) template.HTML {
	w := newHTMLWriter(200 * len(lessons))
	for _, l := range lessons {
		w.raw("<li>")
		p.linkTo(w, l.Page.Path, l.Page.DateText)
		w.raw(": ")
		if l.Insight != "" {
			w.text(truncate(l.Insight, lessonChars))
		} else {
			w.text(l.Page.ListTitle)
		}
		if len(l.Guardrails) > 0 {
			w.raw(` <span class="path">(guardrails: `)
			w.text(listValues(l.Guardrails, guardrailChars))
			w.raw(")</span>")
		}
		w.raw("</li>")
	}
	return w.html()
}
