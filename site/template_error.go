package site

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
)

// TemplateError is a mistake in a template of the site: a layout of the
// KB's own (or, for an error kb's defaults meet through an override, the
// default file) that does not parse, lacks a template the others need or
// fails to render. It names the file and, where known, the line.
type TemplateError struct {
	// File is the template file at fault: the path of a KB override as
	// the KB's reader names it, or "(embedded) layouts/NAME" for a default.
	File string
	// Line and Col locate the mistake in File, from 1 (Col in bytes); 0
	// when not known.
	Line, Col int
	Msg       string
	// Err is the error of html/template behind it, if any.
	Err error
}

// Error formats the error as "file:line:col: message".
func (e *TemplateError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
		if e.Col > 0 {
			loc += ":" + strconv.Itoa(e.Col)
		}
	}
	return loc + ": " + e.Msg
}

// Unwrap returns html/template's error.
func (e *TemplateError) Unwrap() error { return e.Err }

// templatePos is a position in a template file.
type templatePos struct {
	file      string
	line, col int
}

// layoutSet is what errors of one layout set are told with: its files, as
// parsed, and where each of its templates is defined.
type layoutSet struct {
	files   []string
	defined map[string]templatePos
}

// locate reads a location text/template writes, "file:line:col: rest" or
// "file:line: rest", whose file is one of files, and returns it (with the
// column counted from 1, in bytes) and rest.
func locate(files []string, s string) (templatePos, string, bool) {
	for _, f := range files {
		rest, ok := strings.CutPrefix(s, f+":")
		if !ok {
			continue
		}
		p := templatePos{file: f}
		var n int
		if p.line, n = leadingNumber(rest); n == 0 {
			continue
		}
		rest = rest[n:]
		if strings.HasPrefix(rest, ":") {
			if col, m := leadingNumber(rest[1:]); m > 0 {
				p.col, rest = col+1, rest[1+m:] // text/template counts from 0
			}
		}
		return p, strings.TrimPrefix(rest, ": "), true
	}
	return templatePos{}, "", false
}

// leadingNumber reads the decimal number s starts with and its length.
func leadingNumber(s string) (int, int) {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	v, err := strconv.Atoi(s[:n])
	if err != nil {
		return 0, 0
	}
	return v, n
}

// parseError is the error of parsing the template file path.
func parseError(path string, err error) error {
	// "template: PATH:LINE: message", as text/template writes it.
	if p, desc, ok := locate([]string{path}, strings.TrimPrefix(err.Error(), "template: ")); ok {
		return &TemplateError{File: path, Line: p.line, Col: p.col, Msg: desc, Err: err}
	}
	return &TemplateError{File: path, Msg: err.Error(), Err: err}
}

// renderError names the file of an error of html/template met with set.
// The innermost error that tells its place is the one at fault: a
// template rendered through partialCached that leaves a tag open, say,
// rather than its caller.
func (set layoutSet) renderError(err error) error {
	if err == nil {
		return nil
	}
	var te *template.Error
	if errors.As(err, &te) {
		if te.Node != nil {
			// The node knows its own tree, which names its file.
			loc, _ := (&parse.Tree{}).ErrorContext(te.Node)
			if p, _, ok := locate(set.files, loc+": "); ok {
				return &TemplateError{File: p.file, Line: p.line, Col: p.col, Msg: te.Description, Err: err}
			}
		}
		if p, ok := set.defined[te.Name]; ok && te.Name != "" {
			if te.Line > 0 {
				p.line, p.col = te.Line, 0
			}
			return &TemplateError{File: p.file, Line: p.line, Col: p.col, Msg: te.Description, Err: err}
		}
	}
	if ee, ok := innermostExecError(err); ok {
		// "template: FILE:LINE:COL: executing ...".
		if p, desc, ok := locate(set.files, strings.TrimPrefix(ee.Error(), "template: ")); ok {
			return &TemplateError{File: p.file, Line: p.line, Col: p.col, Msg: desc, Err: err}
		}
	}
	return err
}

// innermostExecError returns the last text/template execution error in
// err's chain: that of a template rendered by partialCached rather than of
// the call.
func innermostExecError(err error) (texttemplate.ExecError, bool) {
	var last texttemplate.ExecError
	found := false
	for e := err; e != nil; e = errors.Unwrap(e) {
		if x, ok := e.(texttemplate.ExecError); ok {
			last, found = x, true
		}
	}
	return last, found
}
