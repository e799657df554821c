package site

import (
	"slices"
	"strings"
	"testing"
)

// TestLiveChangeListsOnlyChangedFiles checks that an update that renders
// every page again lists only the files whose bytes changed: a new
// stylesheet changes style.css alone (kb serve swaps it without reloading
// the page), a new layout changes the pages.
func TestLiveChangeListsOnlyChangedFiles(t *testing.T) {
	dir := writeLiveKB(t)
	kb := loadLive(t, dir)
	live, err := NewLive(kb, Options{Today: testToday, NoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name, file, text string
		// whole says every page is rendered: a stylesheet renders none.
		whole bool
		want  func(files []string) bool
	}{
		{"stylesheet", "templates/static/style.css", "body { color: rgb(1, 2, 3) }\n", false,
			func(files []string) bool { return slices.Equal(files, []string{"style.css"}) }},
		{"layout", "templates/layouts/page.html", `{{ define "main" }}<article class="other">{{ .Content }}</article>{{ end }}`, true,
			func(files []string) bool {
				return slices.ContainsFunc(files, func(f string) bool { return strings.HasSuffix(f, "index.html") })
			}},
	} {
		writeOrRemove(t, dir, step.file, step.text)
		if kb, err = kb.Reload([]string{step.file}); err != nil {
			t.Fatal(err)
		}
		ch, err := live.Update(kb, []string{step.file})
		if err != nil {
			t.Fatal(err)
		}
		if ch.Whole != step.whole || (ch.Rendered > 0) != step.whole || !step.want(ch.Files) || !slices.IsSorted(ch.Files) {
			t.Errorf("%s: whole %v, %d rendered, files %v", step.name, ch.Whole, ch.Rendered, ch.Files)
		}
	}
}
