package serve

import (
	"errors"
	"io/fs"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
	"github.com/kb-tools/kb/templates"
)

func finding(line int, sev lint.Severity, rule, msg string) lint.Diagnostic {
	return lint.Diagnostic{Pos: content.Pos{File: pmPath, Line: line, Col: 1}, Rule: rule, Severity: sev, Message: msg}
}

// yamlError is a front matter error of pmPath at line 3, column 7, with
// the lines around it.
func yamlError() *content.Error {
	return &content.Error{Pos: content.Pos{File: pmPath, Line: 3, Col: 7}, Msg: "did not find expected key <here>",
		Context: []string{"---", "title: x", "date: [2026", "\tsev: 1"}, ContextStart: 1, ContextCol: 7}
}

// previewSnapshot has findings for the postmortem, load errors in it and
// in three other files (kb.yaml has no page; the runbook has one).
func previewSnapshot(stale bool) *Snapshot {
	snap := newSnapshot(testSite(), 5)
	snap.Findings[pmPath] = []lint.Diagnostic{
		finding(2, lint.Error, "schema/frontmatter", "bad <b>front</b> matter"),
		finding(10, lint.Warning, "blameless/blame", "blames a person"),
		finding(12, lint.Error, "actions/owner", "no owner"),
	}
	snap.Findings[rbPath] = []lint.Diagnostic{finding(1, lint.Info, "runbook/stale", "old")}
	snap.Errors[pmPath] = []*content.Error{yamlError()}
	snap.Errors["kb.yaml"] = []*content.Error{{Pos: content.Pos{File: "kb.yaml", Line: 1, Col: 1}, Msg: "unknown key"}}
	snap.Errors[rbPath] = []*content.Error{{Pos: content.Pos{File: rbPath, Line: 2}, Msg: "a"}, {Pos: content.Pos{File: rbPath, Line: 4}, Msg: "b"}}
	snap.Errors["notes/empty.md"] = nil
	snap.Stale[pmPath] = stale
	return snap
}

func TestPreviewOf(t *testing.T) {
	snap := previewSnapshot(true)
	d := previewOf(snap, pmPath)
	wantCounts := []severityCount{{"error", 2, "2 errors"}, {"warning", 1, "1 warning"}, {"info", 0, "0 info"}}
	if !reflect.DeepEqual(d.Counts, wantCounts) {
		t.Errorf("counts %v, want %v", d.Counts, wantCounts)
	}
	if len(d.Findings) != 3 || d.Findings[1] != (findingView{Severity: "warning", Rule: "blameless/blame", Message: "blames a person", Line: 10, Col: 1}) {
		t.Errorf("findings %+v", d.Findings)
	}
	wantOthers := []otherFile{{Path: "kb.yaml", Count: 1}, {Path: rbPath, Count: 2, URL: "/runbooks/cache/"}}
	if !reflect.DeepEqual(d.Others, wantOthers) || d.Total != 2 || d.More != 0 {
		t.Errorf("others %+v (total %d, more %d), want %+v", d.Others, d.Total, d.More, wantOthers)
	}
	wantLines := []contextLine{{1, "---", false, ""}, {2, "title: x", false, ""}, {3, "date: [2026", true, "      "}, {4, "\tsev: 1", false, ""}}
	if !d.Stale || len(d.Errors) != 1 || d.Errors[0].Pos != pmPath+":3:7" || !reflect.DeepEqual(d.Errors[0].Lines, wantLines) {
		t.Errorf("errors %+v", d.Errors)
	}

	if d := previewOf(previewSnapshot(false), pmPath); d.Stale || d.Errors != nil {
		t.Errorf("not stale: overlay data %v %+v", d.Stale, d.Errors)
	}
	site := previewOf(snap, "")
	if site.Counts != nil || site.Findings != nil || site.Total != 3 || site.Others[0].Path != "kb.yaml" || site.Others[1].Path != pmPath || site.Others[1].URL != "/postmortems/checkout/" {
		t.Errorf("site page: %+v", site)
	}
}

func TestBannerLimit(t *testing.T) {
	snap := newSnapshot(testSite(), 1)
	for i := 0; i < maxBannerFiles+3; i++ {
		p := "docs/" + string(rune('a'+i)) + ".md"
		snap.Errors[p] = []*content.Error{{Pos: content.Pos{File: p, Line: 1}, Msg: "x"}}
	}
	d := previewOf(snap, "docs/a.md")
	if len(d.Others) != maxBannerFiles || d.Total != maxBannerFiles+2 || d.More != 2 || d.Others[0].Path != "docs/b.md" {
		t.Errorf("others %d of %d (more %d), first %q", len(d.Others), d.Total, d.More, d.Others[0].Path)
	}
}

func TestCaretSpacing(t *testing.T) {
	for _, tc := range []struct {
		line string
		col  int
		want string
	}{
		{"abc", 1, ""},
		{"abc", 3, "  "},
		{"\tab", 3, "\t "},
		{"日本語x", 4, "   "},
		{"ab", 5, "    "},
	} {
		if got := caretSpacing(tc.line, tc.col); got != tc.want {
			t.Errorf("caretSpacing(%q, %d) = %q, want %q", tc.line, tc.col, got, tc.want)
		}
	}
}

func TestCountLabel(t *testing.T) {
	for _, tc := range []struct {
		n    int
		sev  string
		want string
	}{{0, "error", "0 errors"}, {1, "error", "1 error"}, {2, "warning", "2 warnings"}, {1, "info", "1 info"}, {3, "info", "3 info"}} {
		if got := countLabel(tc.n, tc.sev); got != tc.want {
			t.Errorf("countLabel(%d, %s) = %q, want %q", tc.n, tc.sev, got, tc.want)
		}
	}
}

// preview returns the preview markup of a served page.
func preview(t *testing.T, h http.Handler, target string) string {
	t.Helper()
	_, body := get(t, h, http.MethodGet, target)
	i := strings.Index(body, `<div class="kb-preview"`)
	if i < 0 {
		t.Fatalf("%s has no preview:\n%s", target, body)
	}
	return body[i:]
}

func TestPreviewMarkup(t *testing.T) {
	for _, tc := range []struct {
		name     string
		stale    bool
		target   string
		want     []string
		wantNone []string
	}{
		{"stale postmortem", true, "/postmortems/checkout/", []string{
			`<div class="kb-preview-overlay" role="alertdialog"`,
			postmortemTitle,
			`<code class="kb-preview-pos">` + pmPath + `:3:7</code> did not find expected key &lt;here&gt;`,
			`<span class="kb-preview-line kb-preview-line-marked"><span class="kb-preview-lineno">3</span>date: [2026</span>`,
			`<span class="kb-preview-line kb-preview-caret"><span class="kb-preview-lineno"></span>      ^</span>`,
			`<span class="kb-preview-line"><span class="kb-preview-lineno">4</span>` + "\tsev: 1</span>",
			`<span class="kb-preview-count kb-preview-sev-error">2 errors</span>`,
			`<span class="kb-preview-count kb-preview-sev-warning">1 warning</span>`,
			`<span class="kb-preview-count kb-preview-sev-info kb-preview-zero">0 info</span>`,
			`<details class="kb-preview-panel" open>`,
			`<li class="kb-preview-finding kb-preview-sev-error" data-kb-finding-line="2"><a class="kb-preview-goto" href="#">line 2</a> <code class="kb-preview-rule">schema/frontmatter</code> <span class="kb-preview-message">bad &lt;b&gt;front&lt;/b&gt; matter</span></li>`,
			`data-kb-finding-line="10"`, `data-kb-finding-line="12"`,
			`<strong>2 other files with errors:</strong>`,
			`<span class="kb-preview-file">kb.yaml</span> (1), <a href="/runbooks/cache/">runbooks/cache.md</a> (2)`,
		}, []string{"notes/empty.md", "<b>front"}},
		{"fresh postmortem", false, "/postmortems/checkout/", []string{
			`<span class="kb-preview-count kb-preview-sev-error">2 errors</span>`,
			`<strong>2 other files with errors:</strong>`,
		}, []string{"kb-preview-overlay", "did not find expected key"}},
		{"runbook", false, "/runbooks/cache/", []string{
			`<span class="kb-preview-count kb-preview-sev-info">1 info</span>`,
			`<strong>2 other files with errors:</strong>`,
			`<span class="kb-preview-file">kb.yaml</span> (1), <a href="/postmortems/checkout/">` + pmPath + `</a> (1)`,
		}, []string{"kb-preview-overlay", "blameless/blame", "runbooks/cache.md</a>"}},
		{"home", true, "/", []string{
			`<strong>3 other files with errors:</strong>`,
			`<a href="/runbooks/cache/">runbooks/cache.md</a> (2)`,
		}, []string{"kb-preview-overlay", "kb-preview-panel", "kb-preview-finding"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t, previewSnapshot(tc.stale), serverOptions{})
			got := preview(t, s, tc.target)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("preview lacks %q", w)
				}
			}
			for _, w := range tc.wantNone {
				if strings.Contains(got, w) {
					t.Errorf("preview holds %q", w)
				}
			}
			if t.Failed() {
				t.Logf("preview:\n%s", got)
			}
		})
	}
}

const postmortemTitle = `<strong id="kb-preview-overlay-title">` + pmPath + ` could not be read</strong>`

func TestPanelWithoutFindings(t *testing.T) {
	snap := newSnapshot(testSite(), 1)
	s, _ := newTestServer(t, snap, serverOptions{})
	got := preview(t, s, "/postmortems/checkout/")
	for _, w := range []string{`<details class="kb-preview-panel">`, "No lint findings in " + pmPath, "0 errors"} {
		if !strings.Contains(got, w) {
			t.Errorf("preview lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "kb-preview-banner") {
		t.Errorf("a banner without errors:\n%s", got)
	}
}

func TestPanelLimit(t *testing.T) {
	snap := newSnapshot(testSite(), 1)
	for i := 0; i < maxPanelFindings+7; i++ {
		snap.Findings[pmPath] = append(snap.Findings[pmPath], finding(i+1, lint.Warning, "x/y", "m"))
	}
	s, _ := newTestServer(t, snap, serverOptions{})
	got := preview(t, s, "/postmortems/checkout/")
	if n := strings.Count(got, "<li class=\"kb-preview-finding"); n != maxPanelFindings {
		t.Errorf("%d findings listed, want %d", n, maxPanelFindings)
	}
	if !strings.Contains(got, "and 7 more") || !strings.Contains(got, "207 warnings") {
		t.Errorf("the panel does not tell the findings it leaves out:\n%.400s", got)
	}
}

// overrides is a KB templates/ folder in a map.
type overrides map[string]string

func (o overrides) read(name string) ([]byte, string, error) {
	p := "templates/" + name
	if s, ok := o[name]; ok {
		return []byte(s), p, nil
	}
	return nil, p, fs.ErrNotExist
}

func TestPreviewOverride(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    overrides
		want     []string
		wantNone []string
	}{
		{"override", overrides{templates.PreviewPath: `<div class="kb-preview" data-my>{{ .Doc }}: {{ len .Findings }}</div>`,
			templates.LiveScriptPath: "my script"},
			[]string{`<div class="kb-preview" data-my>` + pmPath + `: 3</div>`}, []string{"kb-preview-panel"}},
		{"does not parse", overrides{templates.PreviewPath: `{{ .Doc `},
			[]string{"kb-preview-panel", `<div class="kb-preview-problem">templates/serve/preview.html:1: `}, nil},
		{"fails to render", overrides{templates.PreviewPath: `<p>{{ .Nothing }}</p>`},
			[]string{"kb-preview-panel", `<div class="kb-preview-problem">templates/serve/preview.html:1:`}, []string{"<p>"}},
		{"none", overrides{}, []string{"kb-preview-panel"}, []string{"kb-preview-problem"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t, previewSnapshot(false), serverOptions{Templates: tc.files.read})
			got := preview(t, s, "/postmortems/checkout/")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("preview lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.wantNone {
				if strings.Contains(got, w) {
					t.Errorf("preview holds %q:\n%s", w, got)
				}
			}
			_, js := get(t, s, http.MethodGet, "/_kb/live.js")
			if want, ok := tc.files[templates.LiveScriptPath]; ok && js != want {
				t.Errorf("live.js %q, want the override %q", js, want)
			}
		})
	}
}

// TestOverrideReadPerBuild checks that a change to the KB's preview
// template shows from the next build on, not before.
func TestOverrideReadPerBuild(t *testing.T) {
	files := overrides{templates.PreviewPath: `<div class="kb-preview">one</div>`}
	s, h := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Templates: files.read})
	if got := preview(t, s, "/"); !strings.HasPrefix(got, `<div class="kb-preview">one`) {
		t.Fatalf("first build: %q", got)
	}
	files[templates.PreviewPath] = `<div class="kb-preview">two</div>`
	if got := preview(t, s, "/"); !strings.HasPrefix(got, `<div class="kb-preview">one`) {
		t.Errorf("same build, read again: %q", got)
	}
	h.set(newSnapshot(testSite(), 2))
	if got := preview(t, s, "/"); !strings.HasPrefix(got, `<div class="kb-preview">two`) {
		t.Errorf("next build: %q", got)
	}
}

func TestUnreadableOverride(t *testing.T) {
	broken := func(name string) ([]byte, string, error) {
		return nil, "templates/" + name, errors.New("permission denied")
	}
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Templates: broken})
	got := preview(t, s, "/postmortems/checkout/")
	if !strings.Contains(got, "kb-preview-panel") || !strings.Contains(got, "templates/serve/preview.html: permission denied") {
		t.Errorf("an unreadable override: %s", got)
	}
	if _, js := get(t, s, http.MethodGet, "/_kb/live.js"); !strings.Contains(js, "EventSource") {
		t.Errorf("live.js falls back to kb's: %q", js)
	}
}
