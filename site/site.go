// Package site renders a loaded KB into a static website: a page per
// document, lists and taxonomies, the action-item board, the lessons page
// and trend charts, with a feed and a sitemap.
package site

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/work"
)

// Options says where and how to build.
type Options struct {
	// Out is the folder the site is written to; it is replaced as a whole.
	// A symbolic link is followed: the site goes where it points.
	Out string
	// DefaultOut says Out is kb's default output inside the KB (DIR/public),
	// not a folder the user named: a symbolic link there is refused, since
	// the KB's own files, which a pull request may change, must not choose
	// where kb writes.
	DefaultOut bool
	// NoWait makes a build fail at once, with an OutputBusy error, when
	// another build of the same Out is running; by default it waits.
	NoWait bool
	// OnWait, when set, is called once when the build starts to wait
	// for another build of the same Out.
	OnWait func()
	// BaseURL overrides kb.yaml's base_url, the address the site is
	// published at. Links between pages are relative, so the site works
	// under any sub-path and from disk; the feed and the sitemap need it.
	BaseURL string
	// Today is the day overdue items and stale runbooks are judged
	// against; zero means the current date.
	Today time.Time
	// NoGit skips reading each page's last change from git history.
	NoGit bool
	// NoSearch leaves out the search page, its index and the search box,
	// as kb.yaml's search: false does.
	NoSearch bool
	// SourceLines has each block of a document's body (paragraph,
	// heading, list, list item, quote, code, table) carry the line of the
	// file it starts on, as data-kb-line="N", so that a preview can point
	// at the line a finding is on. kb build leaves it off.
	SourceLines bool

	// partBytes, when set, is the size of a part of a long list (see
	// split), for tests of small KBs.
	partBytes int
}

// Result counts what a build wrote.
type Result struct {
	Docs    int
	Pages   int
	Elapsed time.Duration
	// Notes say, a line each, what the build left out and why (the feed
	// and the sitemap without a usable base URL), for the user.
	Notes []string
}

// Build renders kb into opts.Out. The previous site stays in place unless
// the whole build succeeds, and two builds of one Out take turns.
func Build(kb *content.KB, opts Options) (Result, error) {
	return buildWith(kb, opts, outputHooks{})
}

// buildWith is Build with the output's test hooks.
func buildWith(kb *content.KB, opts Options, hooks outputHooks) (Result, error) {
	start := time.Now()
	tpl, err := loadLayouts(kb.Files.Templates)
	if err != nil {
		return Result{}, err
	}
	out, err := newOutput(opts, hooks)
	if err != nil {
		return Result{}, err
	}
	defer out.close()
	// On failure the unfinished site stays in the working folder, which
	// the next build writes over; the target is untouched.
	res, err := build(kb, opts, tpl, out)
	if err != nil {
		return Result{}, err
	}
	if err := out.commit(); err != nil {
		return Result{}, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func build(kb *content.KB, opts Options, tpl *layouts, out *output) (Result, error) {
	var history map[string]*gitInfo
	if !opts.NoGit {
		history = gitHistory(kb.Root)
	}
	m := newModel(kb, opts, history, out, nil)
	waitSearch := func() error { return nil }
	if m.sd.Search {
		// The index is written beside the pages, on the cores they leave.
		waitSearch = searchIndex(kb, m.urls, out)
	}
	ahead := renderBodiesAhead(m.docs, m.newRenderer)
	m.finish(nil, nil, nil)
	ahead.stop()
	// The site's own pages are the largest (lists of everything): render
	// them first, so that the document pages even out the workers' load.
	err := renderPages(m.all(), m.newRenderer, tpl, out)
	if serr := waitSearch(); err == nil {
		err = serr
	}
	if ferr := m.files.err(); err == nil {
		err = ferr
	}
	if err != nil {
		return Result{}, err
	}
	// The data under /api/ is for dashboards, not readers: kb serve, which
	// renders again on every save, leaves it out.
	if err := m.writeAPI(out); err != nil {
		return Result{}, err
	}
	return m.writeRest(tpl, out)
}

// layoutOf names the layout of a document's page.
func layoutOf(d *content.Doc) string {
	switch d.Kind {
	case content.KindPostmortem:
		return "postmortem"
	case content.KindRunbook:
		return "runbook"
	}
	return "page"
}

// sitePages makes the site's own pages: home, lists, taxonomies, the action
// board, lessons, trends and 404.
func sitePages(sd *siteData) []*page {
	s := newSplitter(sd, sd.partBytes)
	pages := []*page{{Title: "", URL: "/", Layout: "home"}}
	pages = append(pages, s.listPages(&page{Title: "Postmortems", URL: "/postmortems/", Layout: "list"}, sd.Postmortems, yearOf, incidentBytes)...)
	pages = append(pages, s.listPages(&page{Title: "Runbooks", URL: "/runbooks/", Layout: "list"}, sd.Runbooks,
		func(*page) string { return "" }, runbookBytes)...)
	review := &page{Title: "Runbooks to review or drill", URL: s.free("/runbooks/review/"), Layout: "list"}
	sd.ReviewList = review
	pages = append(pages, s.listPages(review, sd.StaleRunbooks(), func(*page) string { return "" }, runbookBytes)...)
	board := &page{Title: "Action items", URL: "/actions/", Layout: "actions"}
	pages = append(pages, s.actionPages(board, actionGroups(sd.Actions))...)
	sd.ActionParts = board.Parts
	pages = append(pages, s.lessonPages(&page{Title: "Lessons", URL: "/lessons/", Layout: "lessons"}, sd.Lessons, true, func(l *lesson) int { return l.size })...)
	pages = append(pages, s.serviceLessonPages(sd)...)
	pages = append(pages,
		&page{Title: "Trends", URL: "/trends/", Layout: "trends"},
		&page{Title: "Page not found", URL: "/404/", Layout: "404", base: basePath(sd.BaseURL)})
	if sd.Search {
		pages = append(pages, &page{Title: "Search", URL: "/search/", Layout: "search"})
	}
	pages = append(pages, alertPages(sd)...)
	if len(sd.Pages) > 0 {
		pages = append(pages, s.listPages(&page{Title: "Pages", URL: "/pages/", Layout: "list"}, sd.Pages,
			func(*page) string { return "" }, func(p *page) int { return 100 + 2*len(p.Path) + len(p.ListTitle) + len(p.Doc.Path) })...)
	}
	for _, tax := range []struct {
		title string
		url   string
		terms []*term
	}{
		{"Services", "/services/", sd.Services}, {"Tags", "/tags/", sd.Tags},
		{"Severities", "/severities/", sd.Severities}, {"Owners", "/owners/", sd.Owners},
		{"Contributing factors", "/factors/", sd.Factors}, {"Guardrails", "/guardrails/", sd.Guardrails},
	} {
		pages = append(pages, &page{Title: tax.title, URL: tax.url, Layout: "terms", Terms: tax.terms})
		for _, t := range tax.terms {
			pages = append(pages, s.termPages(&page{Title: t.Name, URL: t.URL, Layout: "term", Term: t})...)
		}
	}
	for _, p := range pages {
		p.Site = sd
		p.ListTitle = listText(p.Title)
		p.setLinks()
	}
	return pages
}

// renderPages renders pages on all processors, each worker taking the
// next page by an atomic index. The first error stops the build.
func renderPages(pages []*page, newRenderer func() *bodyRenderer, tpl *layouts, out sink) error {
	var failed atomic.Bool
	errs := make(chan error, 1)
	work.Each(len(pages), func() func(int) bool {
		r := newRenderer()
		var buf bytes.Buffer
		return func(i int) bool {
			if err := renderPage(r, tpl, out, pages[i], &buf); err != nil && !failed.Swap(true) {
				errs <- err
			}
			return !failed.Load()
		}
	})
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// renderPage renders one page (a document's body first) into buf and
// writes it.
func renderPage(r *bodyRenderer, tpl *layouts, out sink, p *page, buf *bytes.Buffer) error {
	where := p.URL
	if p.Doc != nil {
		where = p.Doc.Path
		if err := p.renderBody(r); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if p.ActionsInBody {
			buf.Reset()
			if err := tpl.partial(buf, p.Layout, "actions", []any{p, p.Actions, false}); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			p.Content = spliceActions(p.Content, template.HTML(buf.String()))
		}
	}
	buf.Reset()
	buf.Grow(p.sizeHint)
	err := tpl.execute(buf, p)
	p.Content = "" // the rendered body is not needed once written
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	name := strings.TrimPrefix(p.URL, "/") + "index.html"
	if p.Layout == "404" {
		name = "404.html"
	}
	return out.write(name, buf.Bytes())
}

// durations lists a postmortem's derived times for its header.
func durations(d *content.Doc) []labelled {
	var out []labelled
	for _, x := range []struct {
		label string
		f     func() (time.Duration, bool)
	}{
		{"Time to detect", d.TimeToDetect},
		{"Time to contain", d.TimeToContain},
		{"Time to resolve", d.TimeToResolve},
	} {
		if v, ok := x.f(); ok {
			out = append(out, labelled{x.label, FormatDuration(v)})
		}
	}
	return out
}

// FormatDuration writes a duration the way incident reviews say it:
// "7m", "1h 36m", "2d 3h".
func FormatDuration(d time.Duration) string {
	if d < 0 {
		return "-" + FormatDuration(-max(d, -math.MaxInt64)) // -MinInt64 overflows
	}
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d/time.Hour)%24, int(d/time.Minute)%60
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("%dh %dm", hours, mins)
	default:
		return fmt.Sprintf("%dm", mins)
	}
}
