package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// WriteSkeleton writes the files of a new KB (kb.yaml, a sample postmortem
// and runbook, .gitignore, a GitHub Actions workflow that lints pull
// requests) into dir and returns their slash paths. The samples' dates are
// days before and after today (see expandSample), so that they lint clean
// on the day they are written. It refuses a folder that already has a
// kb.yaml, and never overwrites a file: one that exists is left alone and
// reported in skipped.
func WriteSkeleton(dir string, today time.Time) (written, skipped []string, err error) {
	if _, err := os.Stat(filepath.Join(dir, "kb.yaml")); err == nil {
		return nil, nil, fmt.Errorf("%s already holds a kb.yaml: it is a KB already", dir)
	}
	err = fs.WalkDir(embedded, "init", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := skeletonName(strings.TrimPrefix(p, "init/"))
		data, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".md") {
			if data, err = expandSample(p, data, today); err != nil {
				return err
			}
		}
		ok, err := createFile(filepath.Join(dir, filepath.FromSlash(rel)), data)
		if err != nil {
			return err
		}
		if ok {
			written = append(written, rel)
		} else {
			skipped = append(skipped, rel)
		}
		return nil
	})
	return written, skipped, err
}

// expandSample expands a sample document of the skeleton, a text/template
// whose function day N writes the date N days after today (before, for a
// negative N) as YYYY-MM-DD.
func expandSample(name string, data []byte, today time.Time) ([]byte, error) {
	day := func(n int) string { return today.AddDate(0, 0, n).Format("2006-01-02") }
	t, err := template.New(name).Funcs(template.FuncMap{"day": day}).Parse(string(data))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, nil)
	return buf.Bytes(), err
}

// skeletonName maps an embedded skeleton path to the file it becomes:
// embedded files cannot start with a dot, so "gitignore" and "github/"
// stand for .gitignore and .github/.
func skeletonName(rel string) string {
	switch {
	case rel == "gitignore":
		return ".gitignore"
	case strings.HasPrefix(rel, "github/"):
		return "." + rel
	}
	return rel
}

// createFile writes a new file and reports false, without error, when one
// is there already.
func createFile(p string, data []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return false, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return false, err
	}
	return true, f.Close()
}
