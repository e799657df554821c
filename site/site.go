// Package site renders a loaded KB into a static website.
package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kb-tools/kb/content"
)

// Options says where and how to build.
type Options struct {
	// Out is the folder the site is written to; it is replaced as a whole.
	Out string
	// BaseURL overrides kb.yaml's base_url, the address the site is
	// published at. Links between pages are relative, so the site works
	// under any sub-path and from disk.
	BaseURL string
}

// Result counts what a build wrote.
type Result struct {
	Docs    int
	Pages   int
	Elapsed time.Duration
}

// siteData is what every template sees as .Site.
type siteData struct {
	Title, Description, BaseURL string
	DocCount                    int
	Postmortems, Runbooks       []*page
	Pages                       []*page
}

// page is what a template renders.
type page struct {
	Title     string
	URL       string // site path without the base path
	Doc       *content.Doc
	Content   template.HTML
	Durations []labelled
	Site      *siteData
}

type labelled struct{ Label, Value string }

// Rel returns the link from this page to the site path target ("/runbooks/x/"
// or "style.css"), relative so the site works under any sub-path.
func (p *page) Rel(target string) string {
	return relPath(p.URL, target)
}

// Build renders kb into opts.Out: one page per document and a home page.
// The previous site stays in place unless the whole build succeeds.
func Build(kb *content.KB, opts Options) (Result, error) {
	start := time.Now()
	baseURL := opts.BaseURL
	if baseURL == "" {
		baseURL = kb.Config.BaseURL
	}
	tpl, err := loadLayouts(filepath.Join(kb.Root, "templates"))
	if err != nil {
		return Result{}, err
	}
	out, err := newOutput(opts.Out)
	if err != nil {
		return Result{}, err
	}
	res, err := render(kb, baseURL, tpl, out)
	if err != nil {
		out.discard()
		return Result{}, err
	}
	if err := out.commit(); err != nil {
		out.discard()
		return Result{}, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func render(kb *content.KB, baseURL string, tpl *layouts, out *output) (Result, error) {
	sd := &siteData{Title: kb.Config.Title, Description: kb.Config.Description, BaseURL: baseURL, DocCount: len(kb.Docs)}
	urls := assignURLs(kb.Docs)
	byPath := make(map[string]string, len(kb.Docs))
	pages := make([]*page, len(kb.Docs))
	for i, d := range kb.Docs {
		byPath[d.Path] = urls[d]
		pages[i] = &page{Title: d.Title, URL: urls[d], Doc: d, Durations: durations(d), Site: sd}
		switch d.Kind {
		case content.KindPostmortem:
			sd.Postmortems = append(sd.Postmortems, pages[i])
		case content.KindRunbook:
			sd.Runbooks = append(sd.Runbooks, pages[i])
		default:
			sd.Pages = append(sd.Pages, pages[i])
		}
	}
	sort.SliceStable(sd.Postmortems, func(i, j int) bool { return sd.Postmortems[i].Doc.Date.After(sd.Postmortems[j].Doc.Date) })
	sort.SliceStable(sd.Runbooks, func(i, j int) bool { return sd.Runbooks[i].Doc.Title < sd.Runbooks[j].Doc.Title })
	if err := renderDocs(kb, pages, byPath, tpl, out); err != nil {
		return Result{}, err
	}
	home, err := tpl.execute(tpl.home, &page{URL: "/", Site: sd})
	if err != nil {
		return Result{}, err
	}
	if err := out.write("index.html", home); err != nil {
		return Result{}, err
	}
	if err := out.write("style.css", tpl.css); err != nil {
		return Result{}, err
	}
	return Result{Docs: len(kb.Docs), Pages: len(pages) + 1}, nil
}

// renderDocs renders the document pages on all processors.
func renderDocs(kb *content.KB, pages []*page, byPath map[string]string, tpl *layouts, out *output) error {
	next := make(chan *page)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &bodyRenderer{md: content.NewMarkdown(kb.Config.UnsafeHTML), byPath: byPath}
			for p := range next {
				if err := renderDoc(r, tpl, out, p); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func renderDoc(r *bodyRenderer, tpl *layouts, out *output, p *page) error {
	body, err := r.render(p.Doc, p.URL)
	if err != nil {
		return fmt.Errorf("%s: %w", p.Doc.Path, err)
	}
	p.Content = template.HTML(body)
	html, err := tpl.execute(tpl.single, p)
	p.Content = "" // the rendered body is not needed once written
	if err != nil {
		return fmt.Errorf("%s: %w", p.Doc.Path, err)
	}
	return out.write(strings.TrimPrefix(p.URL, "/")+"index.html", html)
}

// durations lists a postmortem's derived times for its header.
func durations(d *content.Doc) []labelled {
	var out []labelled
	for _, x := range []struct {
		label string
		f     func() (time.Duration, bool)
	}{
		{"Time to detect", d.TimeToDetect},
		{"Time to mitigate", d.TimeToMitigate},
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
		return "-" + FormatDuration(-d)
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

// renderTo executes a template into a buffer.
func renderTo(t *template.Template, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
