package site

import (
	"errors"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/kb-tools/kb/templates"
)

// layoutFiles are the files of one layout set, in the order they are
// parsed: layouts/base.html, layouts/partials.html and the page layout.
type layoutFiles struct {
	base, partials, page templates.Source
}

// own lists the KB's own files among them.
func (f layoutFiles) own() []string {
	var out []string
	for _, s := range []templates.Source{f.base, f.partials, f.page} {
		if s.Override {
			out = append(out, s.Path)
		}
	}
	return out
}

// checkLayout finds, once a layout set is parsed, the mistakes that
// html/template would otherwise report while rendering a page, without the
// name of the file at fault or with the name of another: no "base", a
// page layout that defines "base" (the frame of every page) or no "main",
// a template that leaves a tag or an attribute open, a call of a template
// that no file defines. Each is a *TemplateError.
func checkLayout(t *template.Template, files layoutFiles) error {
	base := t.Lookup("base")
	if base == nil || base.Tree == nil {
		return &TemplateError{File: files.base.Path, Msg: `defines no "base" template: layouts/base.html is {{ define "base" }} … {{ end }}, the frame of every page`}
	}
	if base.Tree.ParseName != files.base.Path {
		at := definedAt(base)
		return &TemplateError{File: at.file, Line: at.line, Col: at.col,
			Msg: `defines "base", the frame of every page, which only layouts/base.html defines: a page layout defines "main" (and may redefine partials)`}
	}
	if main := t.Lookup("main"); (main == nil || main.Tree == nil) && calls(base.Tree.Root, "main") {
		return &TemplateError{File: files.page.Path, Msg: `defines no "main" template: a page layout is {{ define "main" }} … {{ end }}, rendered inside layouts/base.html`}
	}
	return checkEscaping(t, files)
}

// definedAt returns where template t is defined.
func definedAt(t *template.Template) templatePos {
	loc, _ := t.Tree.ErrorContext(t.Tree.Root)
	if p, _, ok := locate([]string{t.Tree.ParseName}, loc+": "); ok {
		return p
	}
	return templatePos{file: t.Tree.ParseName}
}

// newLayoutSet records the files of a parsed set and where each of its
// templates is defined, before rendering: html/template forgets the tree
// of a template that fails to escape.
func newLayoutSet(t *template.Template, files layoutFiles) layoutSet {
	s := layoutSet{files: []string{files.base.Path, files.partials.Path, files.page.Path}, defined: map[string]templatePos{}}
	for _, x := range t.Templates() {
		if x.Tree != nil {
			s.defined[x.Name()] = definedAt(x)
		}
	}
	return s
}

// calls reports whether the tree under n calls the template name.
func calls(n parse.Node, name string) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if calls(c, name) {
				return true
			}
		}
	case *parse.TemplateNode:
		return n.Name == name
	case *parse.IfNode:
		return calls(n.List, name) || calls(n.ElseList, name)
	case *parse.RangeNode:
		return calls(n.List, name) || calls(n.ElseList, name)
	case *parse.WithNode:
		return calls(n.List, name) || calls(n.ElseList, name)
	}
	return false
}

// checkEscaping has html/template escape the set now, on a clone, rather
// than on the first page it renders. html/template names no file when a
// template ends in the middle of a tag or an attribute, and blames "base",
// which calls it: kb escapes each template of the KB's own alone to find
// the one at fault.
func checkEscaping(t *template.Template, files layoutFiles) error {
	te := escapeError(t, "base")
	if te == nil {
		return nil
	}
	if te.ErrorCode == template.ErrEndContext {
		for _, name := range ownTemplates(t, files) {
			if e := escapeError(t, name); e != nil && e.ErrorCode == template.ErrEndContext && e.Name == name {
				at := definedAt(t.Lookup(name))
				return &TemplateError{File: at.file, Line: at.line, Col: at.col, Err: e,
					Msg: fmt.Sprintf("template %q ends inside an HTML tag, attribute or script (is a quote or a tag left open?): %s", name, e.Description)}
			}
		}
	}
	err := newLayoutSet(t, files).renderError(te)
	var tErr *TemplateError
	if own := files.own(); len(own) > 0 && errors.As(err, &tErr) && !slices.Contains(own, tErr.File) {
		tErr.Msg += " (this page's layouts read the KB's own " + strings.Join(own, ", ") + ")"
	}
	return err
}

// escapeError escapes template name of a clone of t and returns the
// escaping error, if any. The clone is executed with no data into a
// writer that stops it at its first byte, after the escaping.
func escapeError(t *template.Template, name string) *template.Error {
	c, err := t.Clone()
	if err != nil {
		return nil
	}
	// What a template calls through partialCached is escaped when it is
	// rendered; the clone must not fill the build's cache.
	c.Funcs(template.FuncMap{"partialCached": func(string, any, ...any) (template.HTML, error) { return "", errStopped }})
	var te *template.Error
	if err := c.ExecuteTemplate(stopWriter{}, name, nil); errors.As(err, &te) {
		return te
	}
	return nil
}

// ownTemplates lists the templates defined in the KB's own files, sorted.
func ownTemplates(t *template.Template, files layoutFiles) []string {
	own := map[string]bool{}
	for _, p := range files.own() {
		own[p] = true
	}
	var out []string
	for _, x := range t.Templates() {
		if x.Tree != nil && own[x.Tree.ParseName] && x.Name() != x.Tree.ParseName {
			out = append(out, x.Name())
		}
	}
	sort.Strings(out)
	return out
}

var errStopped = errors.New("stopped after escaping")

// stopWriter fails every write, so that a check run stops at once.
type stopWriter struct{}

// Write writes nothing and fails with errStopped.
func (stopWriter) Write([]byte) (int, error) { return 0, errStopped }
