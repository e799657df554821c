package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// vnuMessage is one message of the Nu checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// TestNuChecker runs the Nu HTML checker (vnu.jar, named by KB_VNU_JAR) on
// every page of the example site and fails on each error it reports.
func TestNuChecker(t *testing.T) {
	jar := kbtest.ToolFile(t, "KB_VNU_JAR", "the Nu checker's vnu.jar (npm install vnu-jar)")
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("KB_E2E") != "" {
			t.Fatal("KB_E2E is set but java is not on PATH (the Nu checker needs Java 11 or later)")
		}
		t.Skip("no java on PATH for the Nu checker")
	}
	out := buildDir(t, "../examples/acme", Options{NoGit: true})
	pages := htmlFiles(t, out)
	if len(pages) < 20 {
		t.Fatalf("only %d pages built", len(pages))
	}
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, pages...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	runErr := cmd.Run() // vnu exits 1 when it reports an error
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu (%v) wrote no JSON report: %v\n%s", runErr, err, stderr.String())
	}
	for _, m := range report.Messages {
		t.Errorf("%s", describeVnu(out, m))
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Errorf("vnu failed without a message: %v", runErr)
	}
}

// describeVnu names a message's page (relative to the site), line and text.
func describeVnu(out string, m vnuMessage) string {
	name := strings.TrimPrefix(m.URL, "file:")
	if rel, err := filepath.Rel(out, name); err == nil {
		name = rel
	}
	return fmt.Sprintf("%s:%d: %s: %s (%q)", name, m.LastLine, m.Type, m.Message, m.Extract)
}

// htmlFiles lists the HTML pages under dir.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}
