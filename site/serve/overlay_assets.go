package serve

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/kb-tools/kb/templates"
)

// assets are the preview's own files for one build: the template of its
// markup, its stylesheet and the live script, each the KB's override
// where it has a usable one, else kb's default.
type assets struct {
	preview  *template.Template
	css, js  []byte
	problems []string
}

// assetCache reads the assets again when the build changes, since a
// change to the KB's templates/ folder makes a new build.
type assetCache struct {
	overrides templates.Overrides
	defaults  *assets
	mu        sync.Mutex
	gen       uint64
	cur       *assets
}

// newAssetCache reads kb's defaults, and the KB's overrides on first use.
func newAssetCache(overrides templates.Overrides) (*assetCache, error) {
	defaults, problems := loadAssets(nil, nil)
	if len(problems) > 0 {
		return nil, &templateError{msg: strings.Join(problems, "; ")}
	}
	return &assetCache{overrides: overrides, defaults: defaults}, nil
}

// templateError is a default of the preview that does not load, which
// only a broken build of kb could have.
type templateError struct{ msg string }

func (e *templateError) Error() string { return "kb serve's embedded preview: " + e.msg }

// get returns the assets for build gen.
func (c *assetCache) get(gen uint64) *assets {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == nil || c.gen != gen {
		c.cur, _ = loadAssets(c.overrides, c.defaults)
		c.gen = gen
	}
	return c.cur
}

// loadAssets reads the assets through overrides. A file that cannot be
// read or a template that does not parse is replaced by its default from
// fallback, and said in problems (with fallback nil, there is none to
// replace it with, and the asset stays empty).
func loadAssets(overrides templates.Overrides, fallback *assets) (*assets, []string) {
	a := &assets{}
	if fallback != nil {
		*a = assets{preview: fallback.preview, css: fallback.css, js: fallback.js}
	}
	var problems []string
	if src, err := templates.Read(overrides, templates.PreviewPath); err != nil {
		problems = append(problems, err.Error())
	} else if t, err := template.New(src.Path).Parse(string(src.Data)); err != nil {
		problems = append(problems, templateProblem(err))
	} else {
		a.preview = t
	}
	for _, f := range []struct {
		name string
		dst  *[]byte
	}{{templates.PreviewStylePath, &a.css}, {templates.LiveScriptPath, &a.js}} {
		if src, err := templates.Read(overrides, f.name); err != nil {
			problems = append(problems, err.Error())
		} else {
			*f.dst = src.Data
		}
	}
	a.problems = problems
	return a, problems
}

// render writes the preview markup of d. A template of the KB's that fails
// to render leaves the page with kb's default, and the failure in its
// banner.
func (c *assetCache) render(a *assets, d previewData) []byte {
	d.Problems = append(d.Problems, a.problems...)
	var buf bytes.Buffer
	err := a.preview.Execute(&buf, d)
	if err == nil {
		return buf.Bytes()
	}
	buf.Reset()
	d.Problems = append(d.Problems, templateProblem(err))
	if c.defaults.preview.Execute(&buf, d) != nil {
		// kb's own template fails on data it was made for: say so
		// rather than leave the page without a word.
		return []byte(`<div class="kb-preview">` + template.HTMLEscapeString(strings.Join(d.Problems, "; ")) + `</div>`)
	}
	return buf.Bytes()
}

// templateProblem writes an error of html/template as "file:line: ...",
// without its package's prefix.
func templateProblem(err error) string {
	s := err.Error()
	for _, prefix := range []string{"template: ", "html/template:"} {
		s = strings.TrimPrefix(s, prefix)
	}
	return s
}
