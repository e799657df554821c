package site

import (
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// defaultPartBytes is how much of a long list one page holds, by the
// estimate of its rows' sizes: with the page around it, a part stays well
// under the 1 MB a phone opens without trouble.
const defaultPartBytes = 400 << 10

// A part is one page of a list too long for one: its label ("2025",
// "Overdue 1,401–2,800"), its page and how many items it holds.
type part struct {
	// Label is Group and Run together; Run is "" when the part holds
	// all of its group.
	Label, Group, Run string
	// URL is the part's site path; Path names its index.html, without a
	// leading slash, as a page's Path does.
	URL, Path string
	Count     int
}

// cut is the items lo to hi (excluded) of a list, all of one group.
type cut struct {
	group  string
	lo, hi int
}

// cuts splits n items into runs of at most budget bytes, by size, that do
// not cross groups (group(i) names the group of item i; the items of a
// group are next to one another). A list that fits in budget is one run,
// whatever its groups; a single item larger than budget is a run of its
// own.
func cuts(n int, group func(int) string, size func(int) int, budget int) []cut {
	var out []cut
	c := cut{}
	bytes, total := 0, 0
	for i := range n {
		g, s := group(i), size(i)
		switch {
		case i == 0:
			c.group = g
		case g != c.group || bytes+s > budget:
			c.hi = i
			out = append(out, c)
			c, bytes = cut{group: g, lo: i}, 0
		}
		bytes += s
		total += s
	}
	if total <= budget {
		return []cut{{lo: 0, hi: n}}
	}
	c.hi = n
	return append(out, c)
}

// partPaths gives each cut of a list at base (a site path such as
// "/lessons/") its site path: base/<group>/ for the first cut of each
// group, base/<group>-2/, base/<group>-3/... for its further cuts
// (base/2/... without groups), all one folder below base so that what is
// rendered for one part's depth fits the others. The first cut is base
// itself unless own says that it has a page of its own. A path a document
// holds (taken) moves to base/part-<group>/.
func partPaths(base string, cs []cut, own bool, taken func(string) bool) []string {
	paths := make([]string, len(cs))
	seen := map[string]int{}
	for i, c := range cs {
		seen[c.group]++
		if i == 0 && !own {
			paths[i] = base
			continue
		}
		seg := slugOrDash(c.group)
		if c.group == "" {
			seg = strconv.Itoa(i + 1)
		} else if k := seen[c.group]; k > 1 {
			seg += "-" + strconv.Itoa(k)
		}
		if taken(base + seg + "/") {
			seg = "part-" + seg
		}
		paths[i] = base + seg + "/"
	}
	return paths
}

// slugOrDash is the path segment of a group's name.
func slugOrDash(group string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(group) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if s := strings.TrimSuffix(b.String(), "-"); s != "" {
		return s
	}
	return "other"
}

// partRuns tells for each cut which of its group's items it holds
// ("1,401–2,800"), or "" when it holds them all.
func partRuns(cs []cut) []string {
	runs := map[string]int{}
	start := map[string]int{}
	for _, c := range cs {
		if runs[c.group] == 0 {
			start[c.group] = c.lo
		}
		runs[c.group]++
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		if runs[c.group] < 2 {
			continue
		}
		from, to := c.lo-start[c.group]+1, c.hi-start[c.group]
		out[i] = thousands(from)
		if to > from {
			out[i] += "–" + thousands(to)
		}
	}
	return out
}

// thousands writes n with a comma between thousands: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// makeParts turns the cuts of a list at base into its parts, their groups
// named by groupLabel; own says the first has a page of its own (see
// partPaths).
func makeParts(base string, cs []cut, own bool, groupLabel func(string) string, taken func(string) bool) []part {
	paths := partPaths(base, cs, own, taken)
	runs := partRuns(cs)
	parts := make([]part, len(cs))
	for i, c := range cs {
		g := groupLabel(c.group)
		parts[i] = part{Label: strings.TrimSpace(g + " " + runs[i]), Group: g, Run: runs[i],
			URL: paths[i], Path: pageFile(strings.TrimPrefix(paths[i], "/")), Count: c.hi - c.lo}
	}
	return parts
}

// partGroup is the parts of one group, as the nav of parts shows them:
// the group's name and count, and its parts by their runs.
type partGroup struct {
	Name  string
	Total int
	// Parts are indexes into the page's Parts.
	Parts []int
}

// PartGroups groups the page's parts by group, in their order.
func (p *page) PartGroups() []partGroup {
	var out []partGroup
	for i, pt := range p.Parts {
		if n := len(out); n == 0 || out[n-1].Name != pt.Group {
			out = append(out, partGroup{Name: pt.Group})
		}
		g := &out[len(out)-1]
		g.Total += pt.Count
		g.Parts = append(g.Parts, i)
	}
	return out
}

// partPage is a copy of p, the first part of a list, made to show its
// i-th part.
func partPage(p *page, i int) *page {
	q := &page{Title: p.Title, URL: p.Parts[i].URL, Layout: p.Layout, Site: p.Site, Term: p.Term, Parts: p.Parts, Part: i}
	q.ListTitle = p.ListTitle
	q.setLinks()
	return q
}

// IsFirstPart says the page is the list's own page: its first part, the
// contents of its parts, or the whole list when it is not split. What a
// list page shows besides its list (a term's action items and runbooks,
// the lessons by service) is there only.
func (p *page) IsFirstPart() bool { return p.Part <= 0 }

// PartLabel is the label of the part the page shows, "" when its list is
// one page or the page shows the contents of its parts.
func (p *page) PartLabel() string {
	if len(p.Parts) < 2 || p.Part < 0 {
		return ""
	}
	return p.Parts[p.Part].Label
}

// ListURL is the site path of the list the page shows: its own, or that
// of its first part.
func (p *page) ListURL() string {
	if len(p.Parts) > 0 {
		return p.Parts[0].URL
	}
	return p.URL
}

// ListOf is the kind of the documents the page lists, when they all have
// the one kind ("postmortem", "runbook"), else "".
func (p *page) ListOf() string {
	kind := ""
	for i, q := range p.List {
		if q.Doc == nil || (i > 0 && string(q.Doc.Kind) != kind) {
			return ""
		}
		kind = string(q.Doc.Kind)
	}
	return kind
}

// ActionsLink is the link from this page to the group of the action
// board named group: the first part of it when the board is split, else
// the group's section of the board.
func (p *page) ActionsLink(group string) string {
	for _, pt := range p.Site.ActionParts {
		if pt.Group == group {
			return p.Rel(pt.URL)
		}
	}
	return p.Rel("/actions/") + "#" + content.Slug(group)
}
