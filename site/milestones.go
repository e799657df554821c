package site

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// milestone is a moment of an incident's timeline and the span of the
// stage that ends with it.
type milestone struct {
	name, class string
	at          time.Time
	span        time.Duration // since the milestone before; 0 for the first
}

// milestonesOf returns the milestones of a postmortem that are known, in
// order, from its start; nil unless it has a start, one later milestone,
// and no milestone earlier than the one before (lint reports those).
func milestonesOf(m content.Meta) []milestone {
	if !m.Started.Set {
		return nil
	}
	out := []milestone{{name: "Started", class: "m-started", at: m.Started.Time}}
	for _, x := range []struct {
		name, class string
		t           content.Time
	}{
		{"Detected", "m-detect", m.Detected},
		{"Mitigated", "m-mitigate", m.Mitigated},
		{"Resolved", "m-resolve", m.Resolved},
	} {
		if !x.t.Set {
			continue
		}
		last := out[len(out)-1].at
		if x.t.Time.Before(last) {
			return nil
		}
		out = append(out, milestone{name: x.name, class: x.class, at: x.t.Time, span: x.t.Time.Sub(last)})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Milestones draws the incident's own timeline: a bar of its stages, each
// as long as it took (a sliver at least, so that a two-minute detection
// beside a day of repair stays in view), over the list of its milestones
// with their times and the span of each stage.
func (p *page) Milestones() template.HTML {
	ms := milestonesOf(p.Doc.Meta)
	if ms == nil {
		return ""
	}
	total := ms[len(ms)-1].at.Sub(ms[0].at)
	const width, sliver = 720.0, 8.0
	var bar, list, label strings.Builder
	var widths []float64
	for _, m := range ms[1:] {
		w := sliver
		if total > 0 {
			w = max(sliver, width*float64(m.span)/float64(total))
		}
		widths = append(widths, w)
	}
	x := 0.0
	for i, m := range ms[1:] {
		w := widths[i] * width / sum(widths)
		fmt.Fprintf(&bar, `<rect class="%s" x="%.1f" y="0" width="%.1f" height="14"><title>%s after %s</title></rect>`,
			m.class, x, w, esc(m.name), esc(FormatDuration(m.span)))
		x += w
	}
	zone := ms[0].at.Location() // every time as the start gives it
	for i, m := range ms {
		at := m.at.In(zone)
		when := at.Format("2006-01-02 15:04 MST")
		if i > 0 && sameDay(ms[i-1].at.In(zone), at) {
			when = at.Format("15:04")
		}
		fmt.Fprintf(&list, `<li class="%s"><span class="mname">%s</span> <time datetime="%s">%s</time>`,
			m.class, m.name, at.Format(time.RFC3339), esc(when))
		if i > 0 {
			fmt.Fprintf(&list, ` <span class="span">+%s</span>`, esc(FormatDuration(m.span)))
			fmt.Fprintf(&label, "; %s %s later", strings.ToLower(m.name), FormatDuration(m.span))
		}
		list.WriteString(`</li>`)
	}
	return template.HTML(fmt.Sprintf(`<figure class="milestones"><svg class="milestone-bar" viewBox="0 0 720 14" preserveAspectRatio="none" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">%s</svg><ol>%s</ol></figure>`,
		esc("Started"+label.String()), bar.String(), list.String()))
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
