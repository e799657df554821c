package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ruleFile = "groups:\n  - name: g\n    rules:\n      - alert: %s\n        expr: up == 0\n"

func TestLoadAlertRules(t *testing.T) {
	dir := writeKB(t, `
-- kb.yaml --
alert_rules:
  - deploy/**/alerts.yaml
  - rules
  - nothing/*.yml
-- deploy/prod/alerts.yaml --
`+strings.ReplaceAll(ruleFile, "%s", "ProdDown")+`
-- deploy/prod/values.yaml --
not: rules
-- rules/a.yml --
`+strings.ReplaceAll(ruleFile, "%s", "RuleA")+`
-- rules/nested/b.yaml --
`+strings.ReplaceAll(ruleFile, "%s", "RuleB")+`
-- rules/.hidden/c.yaml --
`+strings.ReplaceAll(ruleFile, "%s", "Hidden")+`
-- rules/README.md --
# Rules
`)
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte(strings.ReplaceAll(ruleFile, "%s", "Outside")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "rules", "link.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	extra, err := ExpandRuleGlob(filepath.Join(outside, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	kb, err := Load(dir, WithAlertRules(extra))
	if err != nil {
		t.Fatal(err)
	}
	a := kb.Alerts
	var names []string
	for _, r := range a.Rules {
		names = append(names, r.Name+"@"+r.Pos.File)
	}
	outRel, _ := filepath.Rel(dir, filepath.Join(outside, "secret.yaml"))
	want := "ProdDown@deploy/prod/alerts.yaml RuleA@rules/a.yml RuleB@rules/nested/b.yaml Outside@" + filepath.ToSlash(outRel)
	if strings.Join(names, " ") != want {
		t.Errorf("rules %v\nwant    %s", names, want)
	}
	// The link out of the KB is refused (the same file named on the
	// command line is read), and the glob of no file is an error in kb.yaml.
	var errs []string
	for _, e := range a.Errors {
		errs = append(errs, e.Pos.String())
	}
	if got := strings.Join(errs, " "); got != "kb.yaml:4:5 rules/link.yaml:1:1" {
		t.Errorf("errors at %q: %v", got, a.Errors)
	}
	if src, ok := a.Source("rules/a.yml"); !ok || !strings.Contains(string(src), "RuleA") {
		t.Errorf("Source(rules/a.yml) = %q, %v", src, ok)
	}
}

func TestExpandRuleGlob(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a.yaml", "sub/b.yml", "sub/deep/c.yaml", "sub/notes.txt"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("groups: []\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for glob, want := range map[string]string{
		"a.yaml":         "a.yaml",
		"sub":            "sub/b.yml sub/deep/c.yaml",
		"*.yaml":         "a.yaml",
		"**/*.yaml":      "a.yaml sub/deep/c.yaml",
		"sub/**/*.y*ml":  "sub/b.yml sub/deep/c.yaml",
		"sub/notes.txt":  "sub/notes.txt",
		"missing/*.yaml": "",
	} {
		paths, err := ExpandRuleGlob(filepath.Join(dir, glob))
		var got []string
		for _, p := range paths {
			r, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(r))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("ExpandRuleGlob(%q) = %v, want %q", glob, got, want)
		}
		if (err != nil) != (want == "") {
			t.Errorf("ExpandRuleGlob(%q): error %v", glob, err)
		}
	}
	if _, err := ExpandRuleGlob(filepath.Join(dir, "[.yaml")); err == nil {
		t.Error("a malformed glob gave no error")
	}
}
