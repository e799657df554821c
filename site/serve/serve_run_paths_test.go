package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outsideSecret is in files outside the KB that symbolic links in the KB
// lead to: no answer of the server may hold it.
const outsideSecret = "outside-secret-91c2"

// leakyKB writes runKB with symbolic links that lead out of it (a
// document, a folder, a file a page links to) and a page that links out
// of it, and returns the KB's folder and the outside one.
func leakyKB(t *testing.T) (dir, outside string) {
	t.Helper()
	outside = t.TempDir()
	writeFile(t, outside, "secret.txt", outsideSecret+"\n")
	writeFile(t, outside, "secret.md", "---\ntitle: Leaked "+outsideSecret+"\ndate: 2026-03-03\nseverity: SEV3\n---\n\n"+outsideSecret+"\n")
	writeFile(t, outside, "style.css", "/* "+outsideSecret+" */\n")
	dir = writeRunKB(t)
	writeFile(t, dir, "notes/links.md", "---\ntitle: Links out\n---\n\nSee [the leak](leak.txt), [up](../../"+
		filepath.Base(outside)+"/secret.txt), ![img](outside/secret.txt) and [passwd](/etc/passwd).\n")
	for link, target := range map[string]string{
		"postmortems/2026-03-03-leak.md": "secret.md",
		"outside":                        ".",
		"notes/leak.txt":                 "secret.txt",
		"notes/outside":                  ".",
	} {
		p := filepath.Join(dir, filepath.FromSlash(link))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.Symlink(filepath.Join(outside, target), p))
	}
	return dir, outside
}

// TestRunServesNothingOutsideTheSite asks Run's server, over a real
// connection, for files outside the built site in every spelling that
// tries to leave it, and for files symbolic links lead to outside the KB:
// none is served, and no file of the site holds what they hold.
func TestRunServesNothingOutsideTheSite(t *testing.T) {
	dir, outside := leakyKB(t)
	r := startRun(t, dir, Options{})
	// A document linked in while Run serves, then an edit: once the edit
	// is served, the link was seen.
	must(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "postmortems", "2026-03-04-late-leak.md")))
	appendToFile(t, dir, runDoc, "\nThe symlink check came after this.\n")
	r.waitPage("the edit after the new link", runURL, contains("The symlink check came after this."))
	// A stylesheet override linked in, which kb build refuses: kb serve
	// keeps the site it has and shows the error of templates/ on its pages.
	must(t, os.MkdirAll(filepath.Join(dir, "templates", "static"), 0o755))
	must(t, os.Symlink(filepath.Join(outside, "style.css"), filepath.Join(dir, "templates", "static", "style.css")))
	r.waitPage("the error of the link out", runURL, contains(`<span class="kb-preview-file">templates/</span>`))

	targets := []string{
		"/kb.yaml", "/../kb.yaml", "/%2e%2e/kb.yaml", "/%2E%2E/kb.yaml", "/.%2e/kb.yaml", "/..%2fkb.yaml", "/..%2Fkb.yaml",
		"/postmortems/../../kb.yaml", "/postmortems/%2e%2e/%2e%2e/kb.yaml", "/postmortems/..%2f..%2fkb.yaml",
		`/..\kb.yaml`, `/postmortems\..\..\kb.yaml`, "/%5c..%5ckb.yaml", "/..%5ckb.yaml", "/%252e%252e/kb.yaml",
		"/./kb.yaml", "//kb.yaml", "/kb.yaml%00.html", "/kb.yaml%00", "http://127.0.0.1/../kb.yaml",
		"/" + runDoc, "/about.md", "/.kb/serve.json", "/.kb/index.lock", "/%2ekb/serve.json",
		"/outside/secret.txt", "/outside/secret.md", "/notes/leak.txt", "/notes/outside/secret.txt",
		"/files/notes/leak.txt", "/files/notes/outside/secret.txt", "/files/outside/secret.txt", "/files/../kb.yaml",
		"/postmortems/2026-03-03-leak/", "/postmortems/2026-03-04-late-leak/", "/postmortems/leak/",
		"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/files/etc/passwd",
	}
	for _, target := range targets {
		status, body := rawGet(t, r.addr, target)
		if status == http.StatusOK || strings.Contains(body, runSecret) || strings.Contains(body, outsideSecret) {
			t.Errorf("GET %s: %d, kb.yaml's secret %t, the outside secret %t; want it refused",
				target, status, strings.Contains(body, runSecret), strings.Contains(body, outsideSecret))
		}
	}
	snap := r.current()
	names := snap.Site.(interface{ Names() []string }).Names()
	for _, name := range names {
		data, _ := snap.Site.File(name)
		if strings.Contains(string(data), outsideSecret) || strings.Contains(string(data), runSecret) {
			t.Errorf("the site's file %s holds a secret", name)
		}
	}
	// The built pages are served, the stylesheet kb's own.
	for _, path := range []string{"/", runURL, "/notes/links/", "/style.css"} {
		if status, body := rawGet(t, r.addr, path); status != http.StatusOK || strings.Contains(body, outsideSecret) {
			t.Errorf("GET %s: %d, want the built page", path, status)
		}
	}
}
