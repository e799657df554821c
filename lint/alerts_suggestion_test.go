package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingRunbookURLSuggestion: the suggested runbook_url is whole
// under base_url, and says where the site's address goes without it.
func TestMissingRunbookURLSuggestion(t *testing.T) {
	for _, tt := range []struct{ kbYAML, want string }{
		{"base_url: https://kb.example.com/sre/\nalert_rules: [alerting]\n", "runbook_url: https://kb.example.com/sre/alerts/{{ $labels.alertname }}/ "},
		{"alert_rules: [alerting]\n", "runbook_url: SITE/alerts/{{ $labels.alertname }}/, SITE being the address"},
	} {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "alerts"))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte(tt.kbYAML), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Run(dir, Options{Today: fixtureToday})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range res.Diagnostics {
			if d.Rule == "alerts/missing-runbook-url" {
				n++
				if !strings.Contains(d.Suggestion, tt.want) {
					t.Errorf("%q: suggestion %q lacks %q", tt.kbYAML, d.Suggestion, tt.want)
				}
			}
		}
		if n == 0 {
			t.Errorf("%q: no missing-runbook-url finding", tt.kbYAML)
		}
	}
}
