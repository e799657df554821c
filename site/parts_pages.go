package site

import (
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// The long lists of a site are split into parts of partBytes each (see
// cuts): incidents and lessons by year, newest first, action items by
// their group on the board (overdue, open, in progress, done), runbooks
// by title. A part's page has its own address and shows the others'
// labels, counts and links; the first part is at the list's own address.

// splitter splits the lists of one site: budget is the size of a part,
// taken the site paths the documents hold.
type splitter struct {
	budget int
	taken  map[string]bool
}

func newSplitter(sd *siteData, budget int) *splitter {
	s := &splitter{budget: budget, taken: map[string]bool{}}
	for _, list := range [][]*page{sd.Postmortems, sd.Runbooks, sd.Pages} {
		for _, p := range list {
			s.taken[p.URL] = true
		}
	}
	return s
}

func (s *splitter) isTaken(url string) bool { return s.taken[url] }

// free returns url, or when a document holds it, the first of url-2/,
// url-3/... that none does.
func (s *splitter) free(url string) string {
	base := strings.TrimSuffix(url, "/")
	for n := 2; s.taken[url]; n++ {
		url = base + "-" + strconv.Itoa(n) + "/"
	}
	return url
}

// yearOf is the group of a document's page in a list by year.
func yearOf(p *page) string {
	if p.Doc == nil || !p.Doc.Date.Set {
		return "Undated"
	}
	// DateText is YYYY-MM-DD (see formatDate), with as many digits of
	// the year as it has.
	if i := strings.IndexByte(p.DateText[min(1, len(p.DateText)):], '-'); p.listed && i >= 0 {
		return p.DateText[:i+1]
	}
	return strconv.Itoa(p.Doc.Date.Year())
}

// sameLabel labels a group by its name.
func sameLabel(g string) string { return g }

// incidentBytes estimates the size of an incident's row in a list.
func incidentBytes(p *page) int {
	return 120 + len(p.DateText) + len(p.SevText) + 2*len(p.Path) + len(p.ListTitle) + len(p.ServicesText)
}

// runbookBytes estimates the size of a runbook's row in a list.
func runbookBytes(p *page) int {
	n := 260 + 2*len(p.Path) + len(p.ListTitle)
	if p.Doc != nil {
		for _, a := range p.Doc.Meta.Alerts {
			n += 15 + len(a)
		}
		for _, v := range p.Doc.Meta.Services {
			n += 2 + len(v)
		}
		n += len(p.Doc.Meta.Owner)
	}
	return n
}

// split splits list page p, whose list is items, into parts by group
// and size: p becomes the first part, the pages of the others follow it
// in the result. show gives each part's page its run of items; a page
// not split (len(q.Parts) < 2) is given all of them. With contents, p
// shows none of the items when they are split (Part -1), only the
// contents of the parts, each of which has a page of its own.
func split[T any](s *splitter, p *page, items []T, contents bool, group func(T) string, size func(T) int, show func(q *page, run []T, c cut)) []*page {
	cs := cuts(len(items), func(i int) string { return group(items[i]) }, func(i int) int { return size(items[i]) }, s.budget)
	if len(cs) == 1 {
		show(p, items, cs[0])
		return []*page{p}
	}
	p.Parts = makeParts(p.URL, cs, contents, sameLabel, s.isTaken)
	out := []*page{p}
	if contents {
		p.Part = -1
	}
	for i, c := range cs {
		q := p
		if i > 0 || contents {
			q = partPage(p, i)
			out = append(out, q)
		}
		show(q, items[c.lo:c.hi], c)
	}
	return out
}

// listPages splits list page p of list by year (or not, by group).
func (s *splitter) listPages(p *page, list []*page, group func(*page) string, size func(*page) int) []*page {
	return split(s, p, list, false, group, size, func(q *page, run []*page, _ cut) { q.List = run })
}

// termPages splits a term's page when its incidents are too many for
// one, newest first: its runbooks and action items stay on the first
// part, with the newest incidents.
func (s *splitter) termPages(p *page) []*page {
	pms := ofKind(p.Term.Pages, content.KindPostmortem) // newest first (see taxonomy)
	rbs := ofKind(p.Term.Pages, content.KindRunbook)
	out := s.listPages(p, pms, yearOf, incidentBytes)
	if len(out) == 1 {
		p.List = p.Term.Pages
	} else {
		p.List = append(append([]*page(nil), rbs...), p.List...)
	}
	return out
}

// lessonBytes estimates the size of a lesson's entry on the lessons page,
// from the markdown of its section: it decides the page the section is
// rendered for before it is rendered (see lessons).
func lessonBytes(l *lesson) int {
	n := 400 + 5*len(l.src)/4 + len(l.Insight) + 2*len(l.Page.Path) + len(l.Page.ListTitle)
	for _, g := range l.Guardrails {
		n += 40 + len(g)
	}
	for _, rb := range l.Runbooks {
		n += 20 + 2*len(rb.Path) + len(rb.ListTitle)
	}
	return n
}

// lessonItemBytes estimates the size of a lesson's item in a service's
// list of lessons.
func lessonItemBytes(l *lesson) int {
	return 100 + 2*len(l.Page.Path) + min(len(l.Insight), 4*lessonChars) + 4*guardrailChars
}

// lessonPages splits lessons page p by year; with contents, p lists the
// parts only (see split).
func (s *splitter) lessonPages(p *page, lessons []*lesson, contents bool, size func(*lesson) int) []*page {
	return split(s, p, lessons, contents, func(l *lesson) string { return yearOf(l.Page) }, size,
		func(q *page, run []*lesson, _ cut) { q.Lessons = run })
}

// actionBytes estimates the size of an action item's row on the board.
func actionBytes(a *actionRow) int {
	return 200 + len(a.What) + len(a.Link) + len(a.Owner) + len(a.OwnerPath) + len(a.DueLabel) + 2*len(a.Badge) +
		2*len(a.Page.Path) + len(a.Page.ListTitle)
}

// actionPages splits the action board p by its groups, and a group too
// long for one page into runs of it.
func (s *splitter) actionPages(p *page, groups []actionGroup) []*page {
	type row struct {
		a     *actionRow
		group string
	}
	var rows []row
	for i, g := range groups {
		groups[i].Total = len(g.Items)
		for _, a := range g.Items {
			rows = append(rows, row{a, g.Name})
		}
	}
	return split(s, p, rows, false, func(r row) string { return r.group }, func(r row) int { return actionBytes(r.a) },
		func(q *page, run []row, c cut) {
			if len(q.Parts) == 0 {
				q.Groups = groups
				return
			}
			g := actionGroup{Name: c.group, Total: groupTotal(groups, c.group)}
			for _, r := range run {
				g.Items = append(g.Items, r.a)
			}
			q.Groups = []actionGroup{g}
		})
}

// groupTotal is how many items the board's group name holds.
func groupTotal(groups []actionGroup, name string) int {
	for _, g := range groups {
		if g.Name == name {
			return len(g.Items)
		}
	}
	return 0
}

// serviceLessonPages makes the page of each service's lessons, at
// /lessons/services/<slug>/, and records them on sd.LessonServices.
func (s *splitter) serviceLessonPages(sd *siteData) []*page {
	var out []*page
	sd.LessonServices = sd.lessonsByService()
	for i, sl := range sd.LessonServices {
		p := &page{Title: "Lessons: " + sl.Service.Name, URL: "/lessons/services/" + sd.slug(sl.Service.Name) + "/", Layout: "lessons", Term: sl.Service}
		sd.LessonServices[i].Page = p
		out = append(out, s.lessonPages(p, sl.Lessons, false, lessonItemBytes)...)
	}
	return out
}
