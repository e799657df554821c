package site

import (
	"html/template"

	"github.com/kb-tools/kb/content"
)

// The lists of a large KB run to over a hundred thousand rows (each
// incident on its services', tags' and severity's pages, each action item
// on the board and on its owner's page), so the default partials write
// their rows with these methods instead of ranging in the template. A KB
// that overrides partials.html may use them or range over the list itself.

// IncidentRows writes the table rows of an incident list: date, severity
// badge, title linked from this page, services. An incident is listed on
// the pages of each of its services and tags, its severity and the similar
// incidents of others, mostly at one link depth, so each incident keeps
// its row as last written and reuses it from pages with the same Root:
// one for the lists one folder deep (the postmortems), one for the others.
func (p *page) IncidentRows(list []*page) template.HTML {
	w := newHTMLWriter(200 * len(list))
	slot := 1
	if p.Root == "../" {
		slot = 0
	}
	for _, x := range list {
		if c := x.incidentRow[slot].Load(); c != nil && c.root == p.Root {
			w.raw(c.html)
			continue
		}
		row := newHTMLWriter(256)
		row.raw("\n<tr><td class=\"date\">")
		row.text(x.DateText)
		row.raw("</td><td>")
		writeSevBadge(row, x)
		row.raw("</td><td>")
		p.pageLink(row, x)
		row.raw("</td><td>")
		row.text(x.ServicesText)
		row.raw("</td></tr>")
		html := row.b.String()
		x.incidentRow[slot].Store(&cachedRow{root: p.Root, html: html})
		w.raw(html)
	}
	return w.html()
}

// cachedRow is a page's row in a list as written for pages whose Root is
// root.
type cachedRow struct {
	root, html string
}

// RunbookRows writes the table rows of a runbook list: title linked from
// this page, the alerts it answers, owner (but on an owner's page, see
// ShowsOwner), services, last review and the freshness badge.
func (p *page) RunbookRows(list []*page) template.HTML {
	w := newHTMLWriter(250 * len(list))
	owner := p.ShowsOwner()
	for _, x := range list {
		w.raw("\n<tr><td>")
		p.pageLink(w, x)
		w.raw(`</td><td class="alerts">`)
		writeAlerts(w, x.Doc.Meta.Alerts)
		if owner {
			w.raw("</td><td>")
			w.text(listText(x.Doc.Meta.Owner))
		}
		w.raw("</td><td>")
		w.text(x.ServicesText)
		w.raw(`</td><td class="date">`)
		w.text(formatDate(x.Doc.Meta.LastReviewed))
		w.raw("</td><td>")
		x.Fresh.writeBadge(w)
		w.raw("</td></tr>")
	}
	return w.html()
}

// writeAlerts writes alert names as code, separated by spaces so a narrow
// column wraps between them.
func writeAlerts(w *htmlWriter, alerts []string) {
	for i, a := range alerts {
		if i > 0 {
			w.raw(" ")
		}
		w.raw("<code>")
		w.text(a)
		w.raw("</code>")
	}
}

// ActionRows writes the table rows of an action-item list: what (with its
// ticket), owner linked to the owner's page (but on an owner's page, see
// ShowsOwner), due date, status badge, and
// with showDoc the postmortem it came from. Overdue rows are marked.
func (p *page) ActionRows(list []*actionRow, showDoc bool) template.HTML {
	w := newHTMLWriter(300 * len(list))
	owner := p.ShowsOwner()
	board := p.Layout == "actions"
	for _, a := range list {
		w.raw("\n<tr")
		if a.Overdue {
			w.raw(` class="overdue"`)
		}
		if board {
			writeFilterData(w, a)
		}
		w.raw("><td>")
		w.text(a.What)
		if a.Link != "" {
			w.raw(` <a class="ticket" href="`)
			w.link(a.Link)
			w.raw(`">ticket</a>`)
		}
		w.raw("</td>")
		if owner {
			w.raw(`<td class="owner">`)
			switch {
			case a.OwnerPath != "":
				p.linkTo(w, a.OwnerPath, a.Owner)
			case a.Owner != "":
				w.text(a.Owner) // nothing in it to name a page with
			default:
				w.raw(`<span class="missing">no owner</span>`)
			}
			w.raw("</td>")
		}
		w.raw(`<td class="date">`)
		if a.DueLabel != "" {
			w.text(a.DueLabel)
		} else {
			w.raw(`<span class="missing">no date</span>`)
		}
		w.raw(`</td><td class="status"><span class="badge status-`)
		w.text(a.StatusClass())
		w.raw(`">`)
		w.text(a.Badge)
		w.raw("</span>")
		if a.Status == content.StatusDone && a.Done.Set {
			w.raw(` <time class="done" datetime="`)
			w.text(a.Done.Format("2006-01-02"))
			w.raw(`">`)
			w.text(a.Done.Format("2006-01-02"))
			w.raw(`</time>`)
		}
		w.raw("</td>")
		if showDoc {
			w.raw(`<td class="doc">`)
			p.pageLink(w, a.Page)
			w.raw("</td>")
		}
		w.raw("</tr>")
	}
	return w.html()
}

// writeFilterData writes what the action board's filters read of a row,
// as slugs: its owner, its incident's services (separated by spaces) and
// its status (overdue apart).
func writeFilterData(w *htmlWriter, a *actionRow) {
	w.raw(` data-owner="`)
	w.text(content.Slug(a.Owner))
	w.raw(`" data-services="`)
	for i, s := range a.Page.Doc.Meta.Services {
		if i > 0 {
			w.raw(" ")
		}
		w.text(content.Slug(s))
	}
	w.raw(`" data-status="`)
	w.text(a.StatusClass())
	w.raw(`"`)
}

// SevBadge is the page's severity badge, or nothing when it has no
// severity.
func (p *page) SevBadge() template.HTML {
	w := newHTMLWriter(48)
	writeSevBadge(w, p)
	return w.html()
}

// writeSevBadge writes the severity badge of incident x, if it has one.
func writeSevBadge(w *htmlWriter, x *page) {
	if x.SevClass != "" {
		w.raw(`<span class="badge sev sev-`)
		w.text(x.SevClass)
		w.raw(`">`)
		w.text(x.SevText)
		w.raw("</span>")
	}
}

// pageLink writes a link from p to page x, titled with x's title as lists
// show it.
func (p *page) pageLink(w *htmlWriter, x *page) { p.linkTo(w, x.Path, x.ListTitle) }

// linkTo writes a link from p to the site path path (without its leading
// slash), reading text.
func (p *page) linkTo(w *htmlWriter, path, text string) {
	w.raw(`<a href="`)
	w.link(p.Root)
	w.link(path)
	w.raw(`">`)
	w.text(text)
	w.raw("</a>")
}

// Badge is the runbook's freshness badge.
func (f freshness) Badge() template.HTML {
	w := newHTMLWriter(48)
	f.writeBadge(w)
	return w.html()
}

// writeBadge writes the freshness badge.
func (f freshness) writeBadge(w *htmlWriter) {
	w.raw(`<span class="badge fresh-`)
	w.text(f.State)
	w.raw(`">`)
	w.text(f.label())
	w.raw("</span>")
}

// label is what the freshness badge says.
func (f freshness) label() string {
	switch f.State {
	case "never":
		return "never drilled"
	case "stale":
		return "stale"
	case "due":
		return "review due"
	}
	return "fresh"
}

// TermLinks writes names as links from this page to their pages in the
// taxonomy ("services", "tags"), separated by commas; a name that makes no
// page (nothing in it to slug) is written as text.
func (p *page) TermLinks(taxonomy string, names []string) template.HTML {
	w := newHTMLWriter(64 * len(names))
	p.writeTermLinks(w, taxonomy, names)
	return w.html()
}

// writeTermLinks writes what TermLinks returns.
func (p *page) writeTermLinks(w *htmlWriter, taxonomy string, names []string) {
	for i, name := range names {
		if i > 0 {
			w.raw(", ")
		}
		slug := content.Slug(name)
		if slug == "" {
			w.text(name)
			continue
		}
		p.linkTo(w, taxonomy+"/"+slug+"/index.html", name)
	}
}
