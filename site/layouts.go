package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/templates"
)

// layoutNames are the page layouts, each a file layouts/NAME.html that
// defines "main" and is rendered inside layouts/base.html.
var layoutNames = []string{"home", "postmortem", "runbook", "page", "list", "terms", "term", "actions", "lessons", "trends", "404", "search", "alerts", "alert"}

// layouts holds the parsed page templates of one build.
type layouts struct {
	sets map[string]*template.Template
	// files says, per layout, which files its set read and where each
	// of its templates is defined, for errors.
	files map[string]layoutSet
	css   []byte
	// cached keeps the output of partialCached for the build.
	cached *partialCache
}

// loadLayouts parses the layouts, each from the KB's templates folder when
// it overrides them, else from the embedded defaults. Errors name the file
// and line.
func loadLayouts(kbTemplates templates.Overrides) (*layouts, error) {
	l := &layouts{sets: map[string]*template.Template{}, files: map[string]layoutSet{},
		cached: &partialCache{out: map[string]template.HTML{}}}
	for _, name := range layoutNames {
		t, files, err := parseLayout(kbTemplates, "layouts/"+name+".html", l.cached)
		if err != nil {
			return nil, err
		}
		l.sets[name], l.files[name] = t, files
	}
	css, err := templates.Read(kbTemplates, "static/style.css")
	if err != nil {
		return nil, err
	}
	l.css = css.Data
	return l, nil
}

// parseLayout reads the base layout, the shared partials and one page
// layout into a template set, and checks it (see checkLayout).
func parseLayout(kbTemplates templates.Overrides, name string, cache *partialCache) (*template.Template, layoutSet, error) {
	var t *template.Template
	t = template.New(name).Funcs(funcs()).Funcs(template.FuncMap{
		// partialCached renders a template once per build for each key
		// and reuses its output, as Hugo's function of that name does:
		// for partials that are the same on many pages, such as the site
		// header at one depth. What it renders must depend only on the
		// site and the keys.
		"partialCached": func(name string, data any, keys ...any) (template.HTML, error) {
			return cache.get(t, name, data, keys)
		},
	})
	var srcs [3]templates.Source
	for i, n := range []string{"layouts/base.html", "layouts/partials.html", name} {
		src, err := templates.Read(kbTemplates, n)
		if err != nil {
			return nil, layoutSet{}, err
		}
		if _, err := t.New(src.Path).Parse(string(src.Data)); err != nil {
			return nil, layoutSet{}, parseError(src.Path, err)
		}
		srcs[i] = src
	}
	files := layoutFiles{base: srcs[0], partials: srcs[1], page: srcs[2]}
	if err := checkLayout(t, files); err != nil {
		return nil, layoutSet{}, err
	}
	return t, newLayoutSet(t, files), nil
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"date":     dateText,
		"join":     strings.Join,
		"lower":    strings.ToLower,
		"slug":     content.Slug,
		"duration": FormatDuration,
		// args passes several values to a partial template.
		"args":          func(v ...any) []any { return v },
		"postmortemsOf": func(ps []*page) []*page { return ofKind(ps, content.KindPostmortem) },
		"runbooksOf":    func(ps []*page) []*page { return ofKind(ps, content.KindRunbook) },
		// first is at most the n first pages of a list.
		"first":  func(n int, ps []*page) []*page { return ps[:min(n, len(ps))] },
		"plural": plural,
	}
}

// plural writes n and word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// execute renders page p with its layout into buf.
func (l *layouts) execute(buf *bytes.Buffer, p *page) error {
	return l.files[p.Layout].renderError(l.sets[p.Layout].ExecuteTemplate(buf, "base", p))
}

// partial renders the template name of a layout's set with data into
// buf, as {{ template name data }} in the layout would.
func (l *layouts) partial(buf *bytes.Buffer, layout, name string, data any) error {
	return l.files[layout].renderError(l.sets[layout].ExecuteTemplate(buf, name, data))
}

// cacheKey is the key of partialCached's output for the template name of
// the layout set and keys. A layout may redefine a partial, so the key
// names the layout too. Keys of the kinds layouts pass (strings, booleans,
// integers) are written without fmt, as this runs for every page.
func cacheKey(set, name string, keys []any) string {
	b := make([]byte, 0, 64)
	b = append(b, set...)
	b = append(b, ' ')
	b = append(b, name...)
	for _, k := range keys {
		b = append(b, ' ')
		switch v := k.(type) {
		case string:
			b = strconv.AppendQuote(b, v)
		case bool:
			b = strconv.AppendBool(b, v)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		default:
			b = fmt.Appendf(b, "%T(%#v)", v, v)
		}
	}
	return string(b)
}

// partialCache holds the output of partialCached, by template and keys.
type partialCache struct {
	mu  sync.Mutex
	out map[string]template.HTML
}

// reset forgets every output, for a build of the site as it is now.
func (c *partialCache) reset() {
	c.mu.Lock()
	clear(c.out)
	c.mu.Unlock()
}

// get returns the output of the template name of set for keys, rendering
// it with data the first time.
func (c *partialCache) get(set *template.Template, name string, data any, keys []any) (template.HTML, error) {
	key := cacheKey(set.Name(), name, keys)
	c.mu.Lock()
	html, ok := c.out[key]
	c.mu.Unlock()
	if ok {
		return html, nil
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	html = template.HTML(buf.String())
	c.mu.Lock()
	c.out[key] = html
	c.mu.Unlock()
	return html, nil
}

func ofKind(ps []*page, k content.Kind) []*page {
	var out []*page
	for _, p := range ps {
		if p.Doc != nil && p.Doc.Kind == k {
			out = append(out, p)
		}
	}
	return out
}

// formatDate writes a date a document gives as YYYY-MM-DD, and nothing
// for none.
func formatDate(t content.Time) string {
	if !t.Set {
		return ""
	}
	return t.Format("2006-01-02")
}

// dateText is the template function date: a document's date or a
// commit's (a time.Time, zero for none) as YYYY-MM-DD.
func dateText(v any) (string, error) {
	switch t := v.(type) {
	case content.Time:
		return formatDate(t), nil
	case time.Time:
		return formatDate(content.Time{Time: t, Set: !t.IsZero()}), nil
	}
	return "", fmt.Errorf("date: %T is not a date", v)
}
