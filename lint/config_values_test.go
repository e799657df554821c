package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kb-tools/kb/content"
)

// TestRunbookMaxLinesOutOfRange checks that a runbook_max_lines kb cannot
// use is a schema/config problem at the value and the default is used.
func TestRunbookMaxLinesOutOfRange(t *testing.T) {
	for _, tc := range []struct {
		value string
		at    string // "" for no problem
		want  int
	}{
		{"-5", "kb.yaml:2:22", 80},
		{"0", "kb.yaml:2:22", 80},
		{"many", "kb.yaml:2:22", 80},
		{"~", "", 80},
		{"40", "", 40},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte("lint:\n  runbook_max_lines: "+tc.value+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files, err := content.OpenFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		kbc, _ := files.LoadConfig()
		c, err := NewConfig(files, kbc, Rules())
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, p := range c.Problems {
			if p.Rule != "schema/config" {
				t.Errorf("%s: problem of rule %s", tc.value, p.Rule)
			}
			got += p.Pos.String()
		}
		if got != tc.at || c.RunbookMaxLines != tc.want {
			t.Errorf("runbook_max_lines %s: problems at %q, limit %d; want %q, %d", tc.value, got, c.RunbookMaxLines, tc.at, tc.want)
		}
	}
}
