package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestParserReuseMatchesFreshParsers parses every document of the KBs at
// hand with one Parser, which makes each front matter's nodes over the
// last one's, and checks that each Doc, looked at once all are parsed, is
// the one a new Parser makes of it: nothing of a document is left in the
// room the next one reuses.
func TestParserReuseMatchesFreshParsers(t *testing.T) {
	cfg := DefaultConfig()
	shared := NewParser(&cfg)
	type parsed struct {
		path string
		src  []byte
		doc  *Doc
		errs []*Error
	}
	var all []parsed
	for _, dir := range []string{"../examples", "testdata", "../lint/testdata", "../../shared/corpus"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			doc, errs := shared.Parse(filepath.ToSlash(path), src)
			all = append(all, parsed{path, src, doc, errs})
			return nil
		})
	}
	if len(all) < 100 {
		t.Fatalf("only %d documents read", len(all))
	}
	for _, p := range all {
		doc, errs := NewParser(&cfg).Parse(filepath.ToSlash(p.path), p.src)
		if !reflect.DeepEqual(doc, p.doc) || !reflect.DeepEqual(errs, p.errs) {
			t.Errorf("%s: the shared parser's document differs from a new parser's", p.path)
		}
	}
}
