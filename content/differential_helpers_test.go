package content

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// eachGeneratedText calls check on 200,000 texts of one to seven pieces
// drawn from pieces, the same ones on every run.
func eachGeneratedText(pieces []string, check func(string)) {
	r := rand.New(rand.NewSource(1))
	for range 200000 {
		var b strings.Builder
		for range 1 + r.Intn(7) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		check(b.String())
	}
}

// eachCorpusLine calls check on every line of the markdown files of the
// examples, the test fixtures and ../shared/corpus, and fails t when it
// read none.
func eachCorpusLine(t *testing.T, check func(string)) {
	t.Helper()
	n := 0
	for _, dir := range []string{"../examples", "testdata", "../lint/testdata", "../../shared/corpus"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, line := range strings.Split(string(src), "\n") {
				check(line)
				n++
			}
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no lines read")
	}
}
