package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/kb-tools/kb/templates"
)

// layouts holds the parsed page templates of one build.
type layouts struct {
	home, single *template.Template
	css          []byte
}

// loadLayouts parses the layouts, each from the KB's templates folder when
// it overrides them, else from the embedded defaults. Errors name the file
// and line.
func loadLayouts(kbTemplates string) (*layouts, error) {
	l := &layouts{}
	var err error
	if l.home, err = l.parse(kbTemplates, "layouts/home.html"); err != nil {
		return nil, err
	}
	if l.single, err = l.parse(kbTemplates, "layouts/single.html"); err != nil {
		return nil, err
	}
	css, err := templates.Read(kbTemplates, "static/style.css")
	if err != nil {
		return nil, err
	}
	l.css = css.Data
	return l, nil
}

// parse reads the base layout and one page layout into a template set.
func (l *layouts) parse(kbTemplates, name string) (*template.Template, error) {
	t := template.New(name).Funcs(l.funcs())
	for _, n := range []string{"layouts/base.html", name} {
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

func (l *layouts) funcs() template.FuncMap {
	return template.FuncMap{
		"date":  formatDate,
		"join":  strings.Join,
		"lower": strings.ToLower,
	}
}

func (l *layouts) execute(t *template.Template, p *page) ([]byte, error) {
	return renderTo(t, p)
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
