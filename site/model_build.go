package site

import (
	"cmp"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/templates"
)

// model is a site worked out from a KB: every page with what it shows,
// ready to render. newModel makes the document pages; finish works out
// the rest (taxonomies, similar incidents, lessons, trends, the site's
// own pages).
type model struct {
	kb    *content.KB
	sd    *siteData
	docs  []*page // one per document, in the KB's order
	pages []*page // the site's own
	urls  map[*content.Doc]string
	// byPath gives each document's site path by its KB path.
	byPath      map[string]string
	files       *assets
	newRenderer func() *bodyRenderer
	// feedBase is the absolute base of the feed and sitemap, or feedNote
	// why there are none.
	feedBase, feedNote string
}

// newModel makes the document pages of kb, with the links between them
// still to be worked out by finish. Linked files are published into out.
//
// prev holds the document pages of the last model by KB path, from which
// those of the same documents take what they worked out (see docPage), or
// is nil.
func newModel(kb *content.KB, opts Options, history map[string]*gitInfo, out sink, prev map[string]*page) *model {
	baseURL := opts.BaseURL
	if baseURL == "" {
		baseURL = kb.Config.BaseURL
	}
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	sd := &siteData{
		Title: kb.Config.Title, Description: kb.Config.Description, BaseURL: baseURL, DocCount: len(kb.Docs),
		Search:        kb.Config.Search && !opts.NoSearch,
		Today:         time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC),
		severityOrder: kb.Config.Severities, staleDays: kb.Config.StaleDays, dates: kb.Config.Dates,
		partBytes: cmp.Or(opts.partBytes, defaultPartBytes), forge: newForgeLinks(kb.Config.RepoURL, kb.Config.EditPath),
	}
	m := &model{kb: kb, sd: sd, urls: URLs(kb.Docs)}
	m.feedBase, m.feedNote = absoluteBase(baseURL)
	sd.Feed = m.feedNote == ""
	m.byPath = make(map[string]string, len(kb.Docs))
	m.docs = make([]*page, len(kb.Docs))
	for i, d := range kb.Docs {
		m.byPath[d.Path] = m.urls[d]
		p := docPage(d, m.urls[d], prev[d.Path])
		p.Site, p.Git = sd, history[d.Path]
		m.docs[i] = p
	}
	m.files = newAssets(kb.Files, kb.Config.Limits.File(), out, kb.Config.PublishesFile)
	vocab := kb.Config.Vocabulary()
	m.newRenderer = func() *bodyRenderer {
		r := newBodyRenderer(content.NewMarkdown(kb.Config.UnsafeHTML), m.byPath, m.files)
		r.vocab = vocab
		r.sourceLines = opts.SourceLines
		return r
	}
	return m
}

// finish works out what the document pages share and makes the site's own
// pages. A non-nil cache keeps rendered lessons sections between models.
//
// A non-nil carry keeps the similar incidents a change cannot have
// reached, and a non-nil trendsFrom the sections of the trends.
func (m *model) finish(cache *lessonCache, carry *similarCarry, trendsFrom *trendsCarry) {
	buildModel(m.sd, m.docs, m.kb.Config.StaleDays, carry.with(m.docs))
	m.sd.Alerts = buildAlerts(m.sd, m.docs, m.kb.Alerts, m.sd.BaseURL)
	m.sd.Tally = countAll(m.sd)
	// The lessons and the trends read the model, not each other: they are
	// worked out side by side.
	trends := make(chan *trends, 1)
	go func() { trends <- computeTrends(m.sd, trendsFrom) }()
	m.sd.Lessons = lessons(m.sd, m.newRenderer, cache)
	m.sd.Trends = <-trends
	m.pages = sitePages(m.sd)
}

// all lists every page to render: the site's own first, as they are the
// largest.
func (m *model) all() []*page {
	return append(append([]*page(nil), m.pages...), m.docs...)
}

// writeRest writes the files beside the pages: the stylesheet, the page
// script (site.js), the front matter schemas, the search page's scripts,
// the feed and the sitemap.
func (m *model) writeRest(tpl *layouts, out sink) (Result, error) {
	if err := out.write("style.css", tpl.css); err != nil {
		return Result{}, err
	}
	js, err := templates.Read(m.kb.Files.Templates, "static/site.js")
	if err != nil {
		return Result{}, err
	}
	if err := out.write("site.js", js.Data); err != nil {
		return Result{}, err
	}
	if err := writeSchemas(m.kb.Config, m.sd.BaseURL, out); err != nil {
		return Result{}, err
	}
	if m.sd.Search {
		if err := writeSearchScripts(m.kb.Files.Templates, out); err != nil {
			return Result{}, err
		}
	}
	res := Result{Docs: len(m.docs), Pages: len(m.docs) + len(m.pages), Notes: m.files.notes()}
	if !m.sd.Feed {
		res.Notes = append(res.Notes, m.feedNote)
		return res, nil
	}
	return res, writeFeeds(m.sd, m.all(), m.feedBase, out)
}
