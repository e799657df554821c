package mdscan

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real runbooks and postmortems
// (KB_CORPUS_DIR, else ../../../shared/corpus).
func corpusDir() string {
	if d := os.Getenv("KB_CORPUS_DIR"); d != "" {
		return d
	}
	return "../../../shared/corpus"
}

// markdownFiles returns the .md files under dir by path relative to it.
func markdownFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".md") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = src
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// body returns a document's markdown after its YAML front matter, with
// CRLF line ends as LF (as kb reads documents).
func body(src []byte) []byte {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if i := bytes.Index(src[4:], []byte("\n---\n")); i >= 0 {
		return src[4+i+5:]
	}
	return src
}

// TestFilesAgreeWithGoldmark compares the scanner with goldmark on the
// edge cases of testdata/edge and on every markdown file of the corpus:
// a difference must be listed in testdata/accepted.txt (by path), and a
// listed one must still differ.
func TestFilesAgreeWithGoldmark(t *testing.T) {
	acc := readAccepted(t)
	md := newGoldmark()
	sets := map[string]map[string][]byte{"edge/": markdownFiles(t, "testdata/edge")}
	if _, err := os.Stat(corpusDir()); err == nil {
		sets["corpus/"] = markdownFiles(t, corpusDir())
	} else {
		t.Logf("no corpus at %s: the edge cases only", corpusDir())
	}
	if len(sets["edge/"]) == 0 {
		t.Fatal("no edge cases in testdata/edge")
	}
	seen := map[string]bool{}
	n := 0
	for prefix, files := range sets {
		for _, rel := range sortedKeys(files) {
			key := prefix + rel
			seen[key] = true
			n++
			src := body(files[rel])
			got, want := scannerFacts(src), goldmarkFacts(md, src)
			cats := differ(got, want)
			if got["halt"] != nil {
				cats = []string{"halt"}
			}
			c := strings.Join(cats, ",")
			a, ok := acc[key]
			switch {
			case c == "" && ok:
				t.Errorf("%s is accepted as differing in %s, but no longer differs", key, a.cats)
			case c != "" && !ok:
				t.Errorf("%s differs in %s, not accepted:\n%s", key, c, describe(cats, got, want))
			case c != "" && a.cats != c:
				t.Errorf("%s differs in %s, accepted in %s:\n%s", key, c, a.cats, describe(cats, got, want))
			}
		}
	}
	var stale []string
	for key := range acc {
		if strings.HasPrefix(key, "edge/") && !seen[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		t.Errorf("%s is accepted but there is no such file", key)
	}
	t.Logf("%d files compared", n)
}
