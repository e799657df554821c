package site

import (
	"cmp"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kb-tools/kb/content"
)

// siteData is what every template sees as .Site: the KB's settings and
// the views the pages share.
type siteData struct {
	Title, Description, BaseURL string
	// Today is the day overdue and freshness are judged against.
	Today    time.Time
	DocCount int
	// Search says the site has its search page, and every page the
	// search box that leads there.
	Search bool
	// Feed says the site has its Atom feed (and sitemap), which need an
	// absolute base URL: pages link to the feed only then.
	Feed bool

	Postmortems []*page // newest first
	Runbooks    []*page // by title
	Pages       []*page // plain pages, by path

	Services, Tags, Severities, Owners []*term
	// Factors and Guardrails are the postmortems' contributing factors
	// and the guardrails they added, each with the incidents that share it.
	Factors, Guardrails []*term
	Actions             []*actionRow // every action item
	Lessons             []*lesson
	// LessonServices are the services whose incidents taught lessons,
	// each with its page of them (set with the site's own pages).
	LessonServices []serviceLessons
	Trends         *trends
	// Alerts are the alerts of the rule files and of the runbooks, by
	// name (see buildAlerts).
	Alerts []*alertEntry
	// Tally counts the action items and runbooks by standing, once for
	// every page that shows a count.
	Tally tally
	// ReviewList is the page of the runbooks to review or drill, and
	// ActionParts the parts of the action board (nil when it is one page).
	ReviewList  *page
	ActionParts []part

	byID          map[content.Kind]map[string]*page
	runbookByPath map[string]*page
	severityOrder []string
	staleDays     int
	// partBytes is the size of a part of a long list (see split).
	partBytes int
	// forge makes the links of a document to its file on the KB's forge.
	forge forgeLinks
	// dates is the range of dates the trends charts take as real.
	dates content.DateRange
	// slugs keeps the slug of each value named in the model: owners,
	// services and tags recur on thousands of pages.
	slugs slugMemo
}

// slug returns content.Slug(s), worked out once per value. It is called
// by one goroutine at a time: while the model is made, and by the pages'
// RunbookOwners, for owners that ownerTerms has already asked about.
func (sd *siteData) slug(s string) string {
	if sd.slugs == nil {
		sd.slugs = slugMemo{}
	}
	return sd.slugs.slug(s)
}

// slugMemo keeps the slug of each value it was asked about. It is for one
// goroutine.
type slugMemo map[string]string

// slug returns content.Slug(s), worked out once per value.
func (m slugMemo) slug(s string) string {
	if v, ok := m[s]; ok {
		return v
	}
	v := content.Slug(s)
	m[s] = v
	return v
}

// page is what a template renders: a document's page, or one of the
// site's own (home, lists, taxonomies, actions, lessons, trends, 404).
type page struct {
	Title string
	URL   string // site path without the base path
	// Path is URL without its leading slash, naming the page's file
	// ("postmortems/x/index.html", see pageFile); Root is the link from
	// this page to the site's root ("../../"), set when it is rendered.
	// Lists link with {{ $.Root }}{{ .Path }}, cheaper than a call per row.
	Path, Root string
	// Layout names the template that renders the page.
	Layout  string
	Doc     *content.Doc
	Content template.HTML
	// ActionsInBody says Content shows the action table where the body
	// wrote its action items, so the page shows no second one.
	ActionsInBody bool
	// bodyDone says Content holds the rendered body, or bodyErr why not.
	bodyDone bool
	bodyErr  error
	Site     *siteData
	// base, for the 404 page, is the site's base path: the page is served
	// at any path, so its links are absolute.
	base string

	// Document pages: what lists show of them, cut to a bounded length
	// (see listText), worked out once, and the row last written for them
	// (see IncidentRows).
	DateText, SevClass, SevText, ServicesText string
	// ListTitle is the title as lists show it: cut when it is long.
	ListTitle   string
	incidentRow [2]atomic.Pointer[cachedRow]
	// listed says the list texts and runbookLinks are worked out (see
	// setListTexts); runbookLinks are the KB paths of the documents the
	// body links to.
	listed       bool
	runbookLinks []string
	// sizeHint is the length of the page as last rendered, or 0.
	sizeHint int

	Durations []labelled
	Actions   []*actionRow
	Runbooks  []*page  // a postmortem's runbooks
	Missing   []string // runbook ids that name no runbook
	Similar   []*page  // incidents sharing services, tags or factors
	UsedBy    []*page  // postmortems that used a runbook
	Fresh     freshness
	Git       *gitInfo

	// Alerts are a runbook's alerts; Alert is the alert of an alert's
	// page.
	Alerts []*alertEntry
	Alert  *alertEntry

	// List pages.
	List  []*page
	Term  *term
	Terms []*term
	// Groups are the action board's columns.
	Groups []actionGroup
	// Lessons are the entries of a lessons page.
	Lessons []*lesson
	// Parts are the parts of a list too long for one page (see split),
	// of which the page shows the Part-th; nil when the list is one page.
	Parts []part
	Part  int
}

type labelled struct{ Label, Value string }

// Rel returns the link from this page to the site path target ("/runbooks/x/"
// or "style.css"), relative so the site works under any sub-path; a
// folder's link names its index.html (see pageFile).
func (p *page) Rel(target string) string {
	return pageFile(p.rootLink(target))
}

// rootLink is Rel without the index.html.
func (p *page) rootLink(target string) string {
	if p.base != "" {
		return p.base + strings.TrimPrefix(target, "/")
	}
	return relPath(p.URL, target)
}

// setLinks sets the page's Path and Root from its URL, before any page is
// rendered: lists read the Path of the pages they show.
func (p *page) setLinks() {
	p.Path, p.Root = pageFile(strings.TrimPrefix(p.URL, "/")), p.rootLink("/")
	if p.Root == "./" {
		p.Root = ""
	}
}

// IsPostmortem and IsRunbook let templates branch on a document's kind.
func (p *page) IsPostmortem() bool { return p.Doc != nil && p.Doc.Kind == content.KindPostmortem }

// IsRunbook reports a runbook's page.
func (p *page) IsRunbook() bool { return p.Doc != nil && p.Doc.Kind == content.KindRunbook }

// term is one value of a taxonomy (a service, a tag, a severity, an owner)
// and what carries it.
type term struct {
	Taxonomy string
	Name     string
	URL      string
	Path     string // URL without its leading slash, naming its index.html
	Pages    []*page
	Actions  []*actionRow
}

// Kind names what the term is, as its page's label says: "Service" for
// a term of services.
func (t *term) Kind() string {
	switch t.Taxonomy {
	case "services":
		return "Service"
	case "owners":
		return "Owner"
	case "tags":
		return "Tag"
	case "severities":
		return "Severity"
	}
	return t.Taxonomy
}

// actionRow is an action item with its postmortem and its standing.
type actionRow struct {
	content.ActionItem
	Page        *page
	Overdue     bool
	DaysOverdue int
	// OwnerPath is the owner's page (without a leading slash); DueLabel
	// and Badge are what the due and status cells show.
	OwnerPath, DueLabel, Badge string
}

// StatusClass is the badge class of the item: overdue stands out.
func (a *actionRow) StatusClass() string {
	if a.Overdue {
		return "overdue"
	}
	return a.Status
}

// actionGroup is a group of the action board: its name, the items the
// page shows and how many the group holds in all (more than the page
// shows when the board is split in parts). A closed group (done, won't
// do) is folded on a board that shows other groups too.
type actionGroup struct {
	Name   string
	Items  []*actionRow
	Total  int
	Closed bool
}

// freshness is how recently a runbook was reviewed and drilled.
type freshness struct {
	// State is "fresh", "due" (over three quarters of stale_days), "stale"
	// or "never".
	State        string
	ReviewAge    int // days; -1 when never reviewed
	DrillAge     int
	ReviewState  string
	DrillState   string
	StaleDays    int
	LastReviewed content.Time
	LastDrilled  content.Time
}

func freshnessOf(d *content.Doc, today time.Time, staleDays int) freshness {
	f := freshness{StaleDays: staleDays, LastReviewed: d.Meta.LastReviewed, LastDrilled: d.Meta.LastDrilled}
	f.ReviewAge, f.ReviewState = ageState(d.Meta.LastReviewed, today, staleDays)
	f.DrillAge, f.DrillState = ageState(d.Meta.LastDrilled, today, staleDays)
	f.State = worse(f.ReviewState, f.DrillState)
	return f
}

func ageState(t content.Time, today time.Time, staleDays int) (int, string) {
	if !t.Set {
		return -1, "never"
	}
	age := ageDays(t, today)
	switch {
	case age > staleDays:
		return age, "stale"
	case age*4 > staleDays*3:
		return age, "due"
	default:
		return age, "fresh"
	}
}

// ageDays is the number of days from t to today, in calendar days (right
// for any year), capped to what an int holds on every platform.
func ageDays(t content.Time, today time.Time) int {
	const most = 1<<31 - 1
	return int(max(-most, min(most, content.DaysBetween(t.Time, today))))
}

var stateRank = map[string]int{"fresh": 0, "due": 1, "stale": 2, "never": 3}

func worse(a, b string) string {
	if stateRank[b] > stateRank[a] {
		return b
	}
	return a
}

// lesson is what one postmortem taught: its insight, its lessons-learned
// section, the guardrails it added and the runbooks it produced or changed.
type lesson struct {
	Page       *page
	Insight    string
	Section    template.HTML
	Guardrails []string
	Runbooks   []*page
	// src is the markdown of the section; size estimates the entry's
	// length on the lessons page, from src (see lessonBytes).
	src  []byte
	size int
}

// buildModel computes the views of the site from the document pages.
//
// A non-nil carry keeps the similar incidents of postmortems a change
// cannot have reached (see similarCarry).
func buildModel(sd *siteData, pages []*page, staleDays int, carry *similarCarry) {
	sd.byID = map[content.Kind]map[string]*page{}
	for _, p := range pages {
		d := p.Doc
		p.setListTexts()
		if sd.byID[d.Kind] == nil {
			sd.byID[d.Kind] = map[string]*page{}
		}
		sd.byID[d.Kind][d.ID] = p
		switch d.Kind {
		case content.KindPostmortem:
			sd.Postmortems = append(sd.Postmortems, p)
		case content.KindRunbook:
			sd.Runbooks = append(sd.Runbooks, p)
			p.Fresh = freshnessOf(d, sd.Today, staleDays)
		default:
			sd.Pages = append(sd.Pages, p)
		}
	}
	sort.SliceStable(sd.Postmortems, func(i, j int) bool { return sd.Postmortems[i].Doc.Date.After(sd.Postmortems[j].Doc.Date.Time) })
	sort.SliceStable(sd.Runbooks, func(i, j int) bool {
		return strings.ToLower(sd.Runbooks[i].Title) < strings.ToLower(sd.Runbooks[j].Title)
	})
	for _, p := range sd.Postmortems {
		linkRunbooks(sd, p)
		for _, a := range p.Doc.Actions {
			row := &actionRow{ActionItem: a, Page: p, Badge: content.StatusLabel(a.Status), DueLabel: a.DueText}
			if days, late := overdueDays(a, sd.Today); late {
				row.Overdue = true
				row.DaysOverdue = days
				row.Badge = "overdue " + strconv.Itoa(row.DaysOverdue) + "d"
			}
			if a.Due.Set {
				row.DueLabel = formatDate(a.Due)
			}
			if slug := sd.slug(a.Owner); slug != "" {
				row.OwnerPath = "owners/" + slug + "/index.html"
			}
			p.Actions = append(p.Actions, row)
			sd.Actions = append(sd.Actions, row)
		}
	}
	// The similar incidents, the owners and the other taxonomies read the
	// pages and write nothing the others read: they are worked out side by
	// side, the taxonomies with slugs of their own.
	var wg sync.WaitGroup
	wg.Go(func() { similarIncidents(sd.Postmortems, 5, carry) })
	wg.Go(func() { sd.Owners = ownerTerms(sd) })
	// A term lists its incidents newest first, then its runbooks and pages.
	pages = slices.Concat(sd.Postmortems, sd.Runbooks, sd.Pages)
	slugs := slugMemo{}
	sd.Services = taxonomy(slugs, "services", func(p *page) []string { return p.Doc.Meta.Services }, pages)
	sd.Tags = taxonomy(slugs, "tags", func(p *page) []string { return p.Doc.Meta.Tags }, pages)
	sd.Severities = taxonomy(slugs, "severities", func(p *page) []string {
		if p.Doc.Kind == content.KindPostmortem && p.Doc.Meta.Severity != "" {
			return []string{p.Doc.Meta.Severity}
		}
		return nil
	}, pages)
	sd.Factors = taxonomy(slugs, "factors", func(p *page) []string { return p.Doc.Meta.ContributingFactors }, sd.Postmortems)
	sd.Guardrails = taxonomy(slugs, "guardrails", func(p *page) []string { return p.Doc.Meta.Guardrails }, sd.Postmortems)
	wg.Wait()
}

// linkRunbooks resolves a postmortem's runbooks: ids and the runbooks its
// body links to, and records the postmortem on each runbook's page.
func linkRunbooks(sd *siteData, p *page) {
	// A postmortem names a few runbooks: a look through them costs less
	// than a set made for each of thousands, until there are many.
	var seen map[*page]bool
	had := func(rb *page) bool {
		if seen == nil && len(p.Runbooks) >= 16 {
			seen = make(map[*page]bool, 2*len(p.Runbooks))
			for _, q := range p.Runbooks {
				seen[q] = true
			}
		}
		if seen == nil {
			return slices.Contains(p.Runbooks, rb)
		}
		was := seen[rb]
		seen[rb] = true
		return was
	}
	add := func(rb *page) {
		if rb != nil && !had(rb) {
			p.Runbooks = append(p.Runbooks, rb)
			rb.UsedBy = append(rb.UsedBy, p)
		}
	}
	for _, id := range p.Doc.Meta.Runbooks {
		rb := sd.byID[content.KindRunbook][sd.slug(id)]
		if rb == nil {
			p.Missing = append(p.Missing, id)
		}
		add(rb)
	}
	for _, path := range p.runbookLinks {
		if rb := sd.runbookAt(path); rb != nil {
			add(rb)
		}
	}
}

// runbookAt returns the runbook at the KB path path.
func (sd *siteData) runbookAt(path string) *page {
	if sd.runbookByPath == nil {
		sd.runbookByPath = make(map[string]*page, len(sd.Runbooks))
		for _, rb := range sd.Runbooks {
			sd.runbookByPath[rb.Doc.Path] = rb
		}
	}
	return sd.runbookByPath[path]
}

// similarIncidents gives each postmortem the n others that share most with
// it: contributing factors weigh most, then services, then tags. Shared
// values are found through an index of each value's incidents.
//
// With carry, a postmortem that carry says the change cannot reach keeps
// the incidents it had.
func similarIncidents(all []*page, n int, carry *similarCarry) {
	if carry.keepsAll(all) {
		return
	}
	type index map[string][]int
	build := func(values func(*page) []string) index {
		x := index{}
		for i, p := range all {
			for _, v := range values(p) {
				k := strings.ToLower(v)
				x[k] = append(x[k], i)
			}
		}
		return x
	}
	weights := []struct {
		x      index
		values func(*page) []string
		weight int
	}{
		{build(func(p *page) []string { return p.Doc.Meta.ContributingFactors }), func(p *page) []string { return p.Doc.Meta.ContributingFactors }, 3},
		{build(func(p *page) []string { return p.Doc.Meta.Services }), func(p *page) []string { return p.Doc.Meta.Services }, 2},
		{build(func(p *page) []string { return p.Doc.Meta.Tags }), func(p *page) []string { return p.Doc.Meta.Tags }, 1},
	}
	score := make([]int, len(all))
	var touched []int
	for i, p := range all {
		if kept, ok := carry.kept(p); ok {
			p.Similar = kept
			continue
		}
		touched = touched[:0]
		for _, w := range weights {
			for _, v := range dedupe(w.values(p)) {
				for _, j := range w.x[strings.ToLower(v)] {
					if j == i {
						continue
					}
					if score[j] == 0 {
						touched = append(touched, j)
					}
					score[j] += w.weight
				}
			}
		}
		p.Similar = nil
		for _, j := range topScores(touched, score, n) {
			p.Similar = append(p.Similar, all[j])
		}
		for _, j := range touched {
			score[j] = 0
		}
	}
}

// topScores returns the n candidates with the highest scores, highest
// first; ties go to the lower index (the newer incident).
func topScores(cands, score []int, n int) []int {
	better := func(a, b int) bool { return score[a] > score[b] || score[a] == score[b] && a < b }
	top := make([]int, 0, n+1)
	for _, c := range cands {
		if len(top) == n && !better(c, top[n-1]) {
			continue
		}
		i := len(top)
		top = append(top, c)
		for i > 0 && better(c, top[i-1]) {
			top[i] = top[i-1]
			i--
		}
		top[i] = c
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// dedupe returns the values without repeats, ignoring case.
func dedupe(values []string) []string {
	if len(values) < 2 {
		return values
	}
	seen := map[string]bool{}
	var out []string
	for _, v := range values {
		if k := strings.ToLower(v); !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// taxonomy groups the pages by the values values gives them, with the
// slugs of slugs.
func taxonomy(slugs slugMemo, name string, values func(*page) []string, pages []*page) []*term {
	byName := map[string]*term{}
	for _, p := range pages {
		for _, v := range values(p) {
			slug := slugs.slug(v)
			if slug == "" {
				continue
			}
			t := byName[slug]
			if t == nil {
				t = &term{Taxonomy: name, Name: v, URL: "/" + name + "/" + slug + "/", Path: name + "/" + slug + "/index.html"}
				byName[slug] = t
			}
			t.Pages = append(t.Pages, p)
		}
	}
	return sortedTerms(byName)
}

// ownerTerms lists the owners of action items and runbooks.
func ownerTerms(sd *siteData) []*term {
	byName := map[string]*term{}
	get := func(owner string) *term {
		slug := sd.slug(owner)
		if slug == "" {
			return nil
		}
		t := byName[slug]
		if t == nil {
			t = &term{Taxonomy: "owners", Name: strings.TrimPrefix(owner, "@"), URL: "/owners/" + slug + "/", Path: "owners/" + slug + "/index.html"}
			byName[slug] = t
		}
		return t
	}
	for _, a := range sd.Actions {
		if t := get(a.Owner); t != nil {
			t.Actions = append(t.Actions, a)
		}
	}
	for _, rb := range sd.Runbooks {
		if t := get(rb.Doc.Meta.Owner); t != nil {
			t.Pages = append(t.Pages, rb)
		}
	}
	for _, t := range byName {
		sortActions(t.Actions)
	}
	return sortedTerms(byName)
}

func sortedTerms(m map[string]*term) []*term {
	out := make([]*term, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// sortActions puts overdue items first (most overdue first), then open and
// in-progress by due date, then the rest. Each row's rank is worked out
// once: the board and the owners' pages sort tens of thousands of rows.
func sortActions(rows []*actionRow) {
	type keyed struct {
		rank int
		row  *actionRow
	}
	keys := make([]keyed, len(rows))
	for i, a := range rows {
		keys[i] = keyed{actionRank(a), a}
	}
	slices.SortStableFunc(keys, func(x, y keyed) int {
		a, b := x.row, y.row
		switch {
		case x.rank != y.rank:
			return cmp.Compare(x.rank, y.rank)
		case a.Due.Set != b.Due.Set:
			if a.Due.Set {
				return -1
			}
			return 1
		}
		return a.Due.Compare(b.Due.Time)
	})
	for i, k := range keys {
		rows[i] = k.row
	}
}

// actionRank is the place of a row's kind in sortActions.
func actionRank(a *actionRow) int {
	switch {
	case a.Overdue:
		return 0
	case a.Open():
		return 1
	case a.Status == content.StatusDone:
		return 2
	default:
		return 3
	}
}

// actionGroups makes the action board: overdue first, then by status.
func actionGroups(rows []*actionRow) []actionGroup {
	groups := []actionGroup{{Name: "Overdue"}, {Name: "Open"}, {Name: "In progress"}, {Name: "Done", Closed: true}, {Name: "Won't do", Closed: true}, {Name: "Other"}}
	for _, a := range rows {
		i := 5
		switch {
		case a.Overdue:
			i = 0
		case a.Status == content.StatusOpen:
			i = 1
		case a.Status == content.StatusInProgress:
			i = 2
		case a.Status == content.StatusDone:
			i = 3
		case a.Status == content.StatusWontDo:
			i = 4
		}
		groups[i].Items = append(groups[i].Items, a)
	}
	for i := range groups {
		sortActions(groups[i].Items)
	}
	return groups
}

// OpenActions returns the open items, overdue first, at most n.
func (sd *siteData) OpenActions(n int) []*actionRow {
	var open []*actionRow
	for _, a := range sd.Actions {
		if a.Open() {
			open = append(open, a)
		}
	}
	sortActions(open)
	if len(open) > n {
		open = open[:n]
	}
	return open
}

// OverdueCount counts the overdue action items.
func (sd *siteData) OverdueCount() int { return sd.Tally.Overdue }

// StaleRunbooks returns the runbooks not reviewed or drilled in time.
func (sd *siteData) StaleRunbooks() []*page {
	var out []*page
	for _, rb := range sd.Runbooks {
		if rb.Fresh.State == "stale" || rb.Fresh.State == "never" {
			out = append(out, rb)
		}
	}
	return out
}

// Recent returns the n newest postmortems.
func (sd *siteData) Recent(n int) []*page {
	if len(sd.Postmortems) < n {
		return sd.Postmortems
	}
	return sd.Postmortems[:n]
}

// serviceLessons are the lessons of one service's incidents, and the
// page that lists them.
type serviceLessons struct {
	Service *term
	Lessons []*lesson
	Page    *page
}

// lessonsByService groups the lessons by the services of their incidents,
// newest first within each service.
func (sd *siteData) lessonsByService() []serviceLessons {
	byPage := map[*page]*lesson{}
	for _, l := range sd.Lessons {
		byPage[l.Page] = l
	}
	var out []serviceLessons
	for _, svc := range sd.Services {
		var ls []*lesson
		for _, p := range svc.Pages {
			if l := byPage[p]; l != nil {
				ls = append(ls, l)
			}
		}
		if len(ls) > 0 {
			sort.SliceStable(ls, func(i, j int) bool { return ls[i].Page.Doc.Date.After(ls[j].Page.Doc.Date.Time) })
			out = append(out, serviceLessons{Service: svc, Lessons: ls})
		}
	}
	return out
}
