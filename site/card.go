package site

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// Card writes the header card of a postmortem or runbook page: the kind
// line with its badges, the title, the facts of the front matter as a
// definition list and, for a postmortem, its milestones, insight,
// contributing factors and guardrails. It is the default layouts' header,
// written in Go because every document page has one; a KB's own layout
// may write its header from the same fields instead.
func (p *page) Card() template.HTML {
	if p.Doc == nil {
		return ""
	}
	w := newHTMLWriter(2048)
	w.raw("<header class=\"card\">\n  <p class=\"kind\">")
	if p.Doc.Kind == content.KindRunbook {
		w.raw("Runbook ")
		p.Fresh.writeBadge(w)
	} else {
		w.raw("Postmortem ")
		writeSevBadge(w, p)
		if s := p.Doc.Meta.Status; s != "" {
			w.raw(` <span class="badge status">`)
			w.text(s)
			w.raw("</span>")
		}
	}
	w.raw("</p>\n  <h1>")
	w.text(p.Title)
	w.raw("</h1>\n  <dl class=\"meta\">")
	if p.Doc.Kind == content.KindRunbook {
		p.runbookFacts(w)
		w.raw("\n  </dl>\n</header>")
		return w.html()
	}
	p.postmortemFacts(w)
	w.raw("\n  </dl>")
	w.raw(string(p.Milestones()))
	m := &p.Doc.Meta
	if m.Insight != "" {
		w.raw(`<p class="insight">`)
		w.text(m.Insight)
		w.raw("</p>")
	}
	p.termLine(w, "factors", "Contributing factors: ", "factors", m.ContributingFactors)
	p.termLine(w, "guardrails", "Guardrails added: ", "guardrails", m.Guardrails)
	w.raw("\n</header>")
	return w.html()
}

// postmortemFacts writes the facts of a postmortem's card: date,
// services, tags, incident commander, authors and durations.
func (p *page) postmortemFacts(w *htmlWriter) {
	d := p.Doc
	if d.Date.Set {
		fact(w, "Date", "", formatDate(d.Date))
	}
	p.termFact(w, "Services", "services", d.Meta.Services)
	p.termFact(w, "Tags", "tags", d.Meta.Tags)
	if c := d.Meta.IncidentCommander; c != "" {
		fact(w, "Incident commander", "", c)
	}
	if len(d.Meta.Authors) > 0 {
		fact(w, "Authors", "", strings.Join(d.Meta.Authors, ", "))
	}
	for _, x := range p.Durations {
		fact(w, x.Label, "", x.Value)
	}
	if im := d.Meta.Impact; im.Known() {
		fact(w, "Impact", "impact", impactText(im))
	}
}

// runbookFacts writes the facts of a runbook's card: owner (linked to the
// owner's page), escalation, services, alerts and when it was last
// reviewed and drilled.
func (p *page) runbookFacts(w *htmlWriter) {
	m := &p.Doc.Meta
	if m.Owner != "" {
		w.raw("<div><dt>Owner</dt><dd>")
		if slug := content.Slug(m.Owner); slug != "" {
			p.linkTo(w, "owners/"+slug+"/index.html", m.Owner)
		} else {
			w.text(m.Owner)
		}
		w.raw("</dd></div>")
	}
	if m.Escalation != "" {
		fact(w, "Escalation", "escalation", m.Escalation)
	}
	p.termFact(w, "Services", "services", m.Services)
	if len(p.Alerts) > 0 {
		w.raw("<div><dt>Alerts</dt><dd>")
		for i, a := range p.Alerts {
			if i > 0 {
				w.raw(", ")
			}
			w.raw("<code>")
			if a.Path != "" {
				p.linkTo(w, a.Path, a.Name)
			} else {
				w.text(a.Name)
			}
			w.raw("</code>")
			if sev := a.Severity(); sev != "" {
				w.raw(" (")
				w.text(sev)
				w.raw(")")
			}
		}
		w.raw("</dd></div>")
	}
	w.raw("\n    <div><dt>Last reviewed</dt><dd>")
	writeAge(w, p.Fresh.LastReviewed, p.Fresh.ReviewAge)
	w.raw("</dd></div>\n    <div><dt>Last drilled</dt><dd>")
	writeAge(w, p.Fresh.LastDrilled, p.Fresh.DrillAge)
	w.raw("</dd></div>")
}

// fact writes one term and its description, the description's element
// of class class when class is not empty.
func fact(w *htmlWriter, term, class, desc string) {
	w.raw("<div><dt>")
	w.text(term)
	if class != "" {
		w.raw(`</dt><dd class="`)
		w.text(class)
		w.raw(`">`)
	} else {
		w.raw("</dt><dd>")
	}
	w.text(desc)
	w.raw("</dd></div>")
}

// termFact writes a fact whose description links each name to its term
// page in taxonomy; nothing when there are no names.
func (p *page) termFact(w *htmlWriter, term, taxonomy string, names []string) {
	if len(names) == 0 {
		return
	}
	w.raw("<div><dt>")
	w.text(term)
	w.raw("</dt><dd>")
	p.writeTermLinks(w, taxonomy, names)
	w.raw("</dd></div>")
}

// termLine writes a paragraph of class class: lead, then each name linked
// to its term page in taxonomy; nothing when there are no names.
func (p *page) termLine(w *htmlWriter, class, lead, taxonomy string, names []string) {
	if len(names) == 0 {
		return
	}
	w.raw(`<p class="`)
	w.text(class)
	w.raw(`">`)
	w.text(lead)
	p.writeTermLinks(w, taxonomy, names)
	w.raw("</p>")
}

// writeAge writes a date and its age in days, or "never" when unset.
func writeAge(w *htmlWriter, t content.Time, days int) {
	if !t.Set {
		w.raw("never")
		return
	}
	w.text(formatDate(t))
	w.raw(" (")
	w.raw(strconv.Itoa(days))
	w.raw(" days)")
}
