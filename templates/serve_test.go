package templates

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"
)

// TestBuildFilesHoldNoPreview checks that no file kb build or kb init
// reads (every embedded file outside serve/) holds the preview's markup or
// the live reload script: they come from kb serve's injection alone.
func TestBuildFilesHoldNoPreview(t *testing.T) {
	markers := []string{"_kb/", "kb-preview", "kb-gen", "kb-server", "EventSource", "live.js"}
	checked := 0
	err := fs.WalkDir(Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "serve/") {
			return err
		}
		data, err := fs.ReadFile(Default(), p)
		if err != nil {
			return err
		}
		for _, m := range markers {
			if strings.Contains(string(data), m) {
				t.Errorf("%s holds %q, which only kb serve adds", p, m)
			}
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("checked %d files, want the layouts, static files, archetypes and skeleton", checked)
	}
}

// TestPreviewFiles checks that the preview's files are embedded, that
// its template parses and that its stylesheet scopes every rule.
func TestPreviewFiles(t *testing.T) {
	for _, name := range []string{PreviewPath, PreviewStylePath, LiveScriptPath} {
		src, err := Read(nil, name)
		if err != nil || len(src.Data) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
	}
	src, _ := Read(nil, PreviewPath)
	if _, err := template.New(src.Path).Parse(string(src.Data)); err != nil {
		t.Errorf("%s: %v", PreviewPath, err)
	}
	css, _ := Read(nil, PreviewStylePath)
	for i, rule := range cssSelectors(string(css.Data)) {
		for _, sel := range strings.Split(rule, ",") {
			if !strings.Contains(sel, ".kb-preview") {
				t.Errorf("rule %d: selector %q is not scoped under a kb-preview class", i, strings.TrimSpace(sel))
			}
		}
	}
}

// cssSelectors returns the selectors of a stylesheet's rules, inside
// @media blocks too, leaving out comments and at-rules.
func cssSelectors(css string) []string {
	for {
		i := strings.Index(css, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(css[i:], "*/")
		if j < 0 {
			css = css[:i]
			break
		}
		css = css[:i] + css[i+j+2:]
	}
	var out []string
	depth := 0
	start := 0
	for i, c := range css {
		switch c {
		case '{':
			sel := strings.TrimSpace(css[start:i])
			if !strings.HasPrefix(sel, "@") && depth < 2 {
				out = append(out, sel)
			}
			depth++
			start = i + 1
		case '}':
			depth--
			start = i + 1
		}
	}
	return out
}
