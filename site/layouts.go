package site

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/templates"
)

// layoutNames are the page layouts, each a file layouts/NAME.html that
// defines "main" and is rendered inside layouts/base.html.
var layoutNames = []string{"home", "postmortem", "runbook", "page", "list", "terms", "term", "actions", "lessons", "trends", "404"}

// layouts holds the parsed page templates of one build.
type layouts struct {
	sets map[string]*template.Template
	css  []byte
}

// loadLayouts parses the layouts, each from the KB's templates folder when
// it overrides them, else from the embedded defaults. Errors name the file
// and line.
func loadLayouts(kbTemplates string) (*layouts, error) {
	l := &layouts{sets: map[string]*template.Template{}}
	for _, name := range layoutNames {
		t, err := parseLayout(kbTemplates, "layouts/"+name+".html")
		if err != nil {
			return nil, err
		}
		l.sets[name] = t
	}
	css, err := templates.Read(kbTemplates, "static/style.css")
	if err != nil {
		return nil, err
	}
	l.css = css.Data
	return l, nil
}

// parseLayout reads the base layout, the shared partials and one page
// layout into a template set.
func parseLayout(kbTemplates, name string) (*template.Template, error) {
	t := template.New(name).Funcs(funcs())
	for _, n := range []string{"layouts/base.html", "layouts/partials.html", name} {
		src, err := templates.Read(kbTemplates, n)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(src.Path).Parse(string(src.Data)); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"date":     formatDate,
		"join":     strings.Join,
		"lower":    strings.ToLower,
		"slug":     content.Slug,
		"duration": FormatDuration,
		// args passes several values to a partial template.
		"args":          func(v ...any) []any { return v },
		"postmortemsOf": func(ps []*page) []*page { return ofKind(ps, content.KindPostmortem) },
		"runbooksOf":    func(ps []*page) []*page { return ofKind(ps, content.KindRunbook) },
		"plural": func(n int, word string) string {
			if n == 1 {
				return "1 " + word
			}
			return strconv.Itoa(n) + " " + word + "s"
		},
	}
}

func (l *layouts) execute(p *page) ([]byte, error) {
	p.Path, p.Root = strings.TrimPrefix(p.URL, "/"), p.Rel("/")
	if p.Root == "./" {
		p.Root = ""
	}
	return renderTo(l.sets[p.Layout], p)
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

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
