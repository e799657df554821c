package serve

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
)

// The most findings a panel lists and other files a banner names; the
// counts still tell them all.
const (
	maxPanelFindings = 200
	maxBannerFiles   = 10
)

// previewData is what the preview template (templates.PreviewPath) is
// rendered with; its fields are documented in the template.
type previewData struct {
	Doc      string
	Counts   []severityCount
	Findings []findingView
	// Hidden counts the findings past maxPanelFindings.
	Hidden   int
	Stale    bool
	Errors   []errorView
	Others   []otherFile
	Total    int
	More     int
	Problems []string
}

type severityCount struct {
	Severity string
	N        int
	Label    string
}

type findingView struct {
	Severity, Rule, Message, Suggestion string
	Line, Col                           int
}

type errorView struct {
	Pos, Message string
	Lines        []contextLine
}

type contextLine struct {
	Number int
	Text   string
	Marked bool
	// Caret is the spacing that puts a caret under the error's column.
	Caret string
}

type otherFile struct {
	Path  string
	Count int
	URL   string
}

// previewOf gathers the preview of the page of doc ("" for a page of the
// site's own) from snap.
func previewOf(snap *Snapshot, doc string) previewData {
	d := previewData{Doc: doc}
	if doc != "" {
		d.Counts, d.Findings, d.Hidden = findingsOf(snap.Findings[doc])
		if snap.Stale[doc] {
			d.Stale = true
			for _, e := range snap.Errors[doc] {
				d.Errors = append(d.Errors, errorViewOf(e))
			}
		}
	}
	d.Others, d.Total = otherFiles(snap, doc)
	d.More = d.Total - len(d.Others)
	return d
}

// findingsOf counts a document's findings by severity and lists the
// first maxPanelFindings of them.
func findingsOf(ds []lint.Diagnostic) ([]severityCount, []findingView, int) {
	counts := []severityCount{{Severity: "error"}, {Severity: "warning"}, {Severity: "info"}}
	var list []findingView
	for _, d := range ds {
		if d.Severity < lint.Error || d.Severity > lint.Info {
			continue
		}
		counts[d.Severity].N++
		if len(list) < maxPanelFindings {
			list = append(list, findingView{Severity: d.Severity.String(), Rule: d.Rule,
				Message: d.Message, Suggestion: d.Suggestion, Line: d.Pos.Line, Col: d.Pos.Col})
		}
	}
	for i := range counts {
		counts[i].Label = countLabel(counts[i].N, counts[i].Severity)
	}
	n := counts[0].N + counts[1].N + counts[2].N
	return counts, list, n - len(list)
}

// countLabel writes "1 error", "2 warnings", "3 info".
func countLabel(n int, severity string) string {
	if n != 1 && severity != "info" {
		severity += "s"
	}
	return strconv.Itoa(n) + " " + severity
}

// errorViewOf shows a load error with its source lines, the error's own
// marked and a caret under its column.
func errorViewOf(e *content.Error) errorView {
	v := errorView{Pos: e.Pos.String(), Message: e.Msg}
	for i, text := range e.Context {
		l := contextLine{Number: e.ContextStart + i, Text: text}
		l.Marked = l.Number == e.Pos.Line
		if l.Marked && e.ContextCol > 0 {
			l.Caret = caretSpacing(text, e.ContextCol)
		}
		v.Lines = append(v.Lines, l)
	}
	return v
}

// caretSpacing returns what goes before a caret under the 1-based
// character column col of line: a space for each character before it, a
// tab for a tab, so that it lines up in a <pre>.
func caretSpacing(line string, col int) string {
	var b strings.Builder
	n := 0
	for _, r := range line {
		if n == col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < col-1; n++ {
		b.WriteByte(' ')
	}
	return b.String()
}

// otherFiles lists the files other than doc with load errors, sorted by
// path, the first maxBannerFiles of them, and how many there are.
func otherFiles(snap *Snapshot, doc string) ([]otherFile, int) {
	var paths []string
	for p, errs := range snap.Errors {
		if p != doc && len(errs) > 0 {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	total := len(paths)
	if len(paths) > maxBannerFiles {
		paths = paths[:maxBannerFiles]
	}
	out := make([]otherFile, len(paths))
	for i, p := range paths {
		out[i] = otherFile{Path: p, Count: len(snap.Errors[p])}
		if name, ok := snap.Site.PageOf(p); ok {
			out[i].URL = pageURL(name)
		}
	}
	return out, total
}

// pageURL is the URL path of a site page: its folder for an index.html.
func pageURL(name string) string {
	if name == "index.html" {
		name = ""
	} else if dir, ok := strings.CutSuffix(name, "/index.html"); ok {
		name = dir + "/"
	}
	return (&url.URL{Path: "/" + name}).EscapedPath()
}
