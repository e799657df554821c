package main

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// corpusDir finds the shared collections of real runbooks and postmortems:
// $KB_CORPUS_DIR, else ../shared/corpus beside the repository.
func corpusDir(t *testing.T) string {
	if d := os.Getenv("KB_CORPUS_DIR"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d); err != nil {
		t.Skipf("no corpus at %s; set KB_CORPUS_DIR", d)
	}
	return d
}

// copyTree copies the files under src into dst, so a test can add a kb.yaml.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorpusLoadsAndBuilds(t *testing.T) {
	root := corpusDir(t)
	for _, tc := range []struct {
		name   string
		kbYAML string
		// Markdown files, and how many are postmortems and runbooks; the
		// numbers are those of `find NAME -name '*.md'` outside archetypes/,
		// with Hugo's _index.md section files counted as plain pages.
		docs, postmortems, runbooks int
	}{
		{"dfds-postmortems", "kinds: {postmortem: [\"PM*.md\"]}\n", 40, 39, 0},
		{"jenkins-infra-status", "kinds: {postmortem: [\"content/issues/**\"]}\n", 301, 297, 0},
		{"openshift-runbooks", "kinds: {runbook: [\"alerts/**\"]}\n", 274, 0, 272},
		{"prometheus-operator-runbooks", "kinds: {runbook: [\"content/runbooks/**\"]}\n", 120, 0, 108},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tc.name)
			copyTree(t, filepath.Join(root, tc.name), dir)
			if err := os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte(tc.kbYAML), 0o644); err != nil {
				t.Fatal(err)
			}
			kb, err := content.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[content.Kind]int{}
			for _, d := range kb.Docs {
				kinds[d.Kind]++
			}
			if len(kb.Docs) != tc.docs || kinds[content.KindPostmortem] != tc.postmortems || kinds[content.KindRunbook] != tc.runbooks {
				t.Errorf("loaded %d documents %v, want %d with %d postmortems and %d runbooks", len(kb.Docs), kinds, tc.docs, tc.postmortems, tc.runbooks)
			}
			for _, e := range kb.Errors {
				t.Logf("load problem: %v", e)
			}

			code, out, errOut := kbRun(t, "build", "--dir", dir)
			if code != 0 {
				t.Fatalf("build: exit %d\n%s", code, errOut)
			}
			// Every document page names its source file: one page per
			// document, each document once.
			sources := documentPages(t, filepath.Join(dir, "public"))
			if len(sources) != tc.docs {
				t.Errorf("build wrote %d document pages, want %d: %s", len(sources), tc.docs, out)
			}
			for _, d := range kb.Docs {
				if sources[d.Path] != 1 {
					t.Errorf("%s has %d pages, want 1", d.Path, sources[d.Path])
				}
			}
		})
	}
}

var sourceLine = regexp.MustCompile(`<p class="source">Source: <code>([^<]*)</code>`)

// documentPages counts, by source path, the document pages of a built
// site: each names its source file.
func documentPages(t *testing.T, dir string) map[string]int {
	pages := map[string]int{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := sourceLine.FindSubmatch(data); m != nil {
			pages[html.UnescapeString(string(m[1]))]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}
