package serve

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRunShowsAPageLayoutThatDoesNotRender starts Run on a KB whose
// postmortem layout fails on every postmortem while the home page renders:
// the server keeps serving and shows the error of templates/ on its pages,
// and once the layout is fixed the pages render again without it.
func TestRunShowsAPageLayoutThatDoesNotRender(t *testing.T) {
	dir := writeRunKB(t)
	layout := filepath.Join(dir, "templates", "layouts", "postmortem.html")
	must(t, os.MkdirAll(filepath.Dir(layout), 0o755))
	must(t, os.WriteFile(layout, []byte(`{{- define "main" -}}{{ .Doc.NoSuchField }}{{- end -}}`), 0o644))
	r := startRun(t, dir, Options{})
	errorShown := `<span class="kb-preview-file">templates/</span>`
	r.waitPage("the error of the layout on the home page", "/", contains(errorShown))
	must(t, os.Remove(layout))
	r.waitPage("the postmortem once the layout is gone", runURL, contains("<article"))
	r.waitPage("the home page without the error", "/", lacks(errorShown))
}
