package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// codeQualityJob returns the name of the job of a GitLab CI file whose
// artifacts:reports:codequality names a report, or "".
func codeQualityJob(doc map[string]any) string {
	for name, v := range doc {
		job, _ := v.(map[string]any)
		artifacts, _ := job["artifacts"].(map[string]any)
		reports, _ := artifacts["reports"].(map[string]any)
		if _, ok := reports["codequality"].(string); ok {
			return name
		}
	}
	return ""
}

// glJob is the part of a GitLab CI job the test runs.
type glJob struct {
	Script    []string `yaml:"script"`
	Artifacts struct {
		When    string `yaml:"when"`
		Reports struct {
			CodeQuality string `yaml:"codequality"`
		} `yaml:"reports"`
	} `yaml:"artifacts"`
}

// glScript returns the job's script lines but the one that installs kb, as
// one script: a runner runs them in one shell and stops at the first that
// fails.
func glScript(t *testing.T, job glJob) string {
	t.Helper()
	var lines []string
	installs := false
	for _, line := range job.Script {
		if strings.HasPrefix(line, "go install ") {
			installs = strings.Contains(line, "github.com/kb-tools/kb/cmd/kb@")
			continue
		}
		lines = append(lines, line)
	}
	if !installs {
		t.Errorf("the job's script does not install kb: %q", job.Script)
	}
	return strings.Join(lines, "\n")
}

// TestGitLabRecipe runs the README's GitLab job's script in a repository
// made by kb init: with errors in the KB the job fails (exit 1) and leaves
// a Code Quality report of GitLab's shape whose paths are files of the
// repository; when: always uploads it all the same. Once the errors are
// fixed, the job passes with an empty report.
func TestGitLabRecipe(t *testing.T) {
	needTools(t, "sh")
	var doc map[string]yaml.Node
	block := readmeRecipes(t).gitlab
	if err := yaml.Unmarshal([]byte(block), &doc); err != nil {
		t.Fatal(err)
	}
	var job glJob
	node := doc[codeQualityJobOf(t, block)]
	if err := node.Decode(&job); err != nil {
		t.Fatal(err)
	}
	if job.Artifacts.When != "always" {
		t.Errorf("artifacts:when %q, want always: a failed job must still upload its report", job.Artifacts.When)
	}
	repo := t.TempDir()
	writeRecipeKB(t, repo)
	script := glScript(t, job)
	env := kbOnPath(t)
	report := filepath.Join(repo, job.Artifacts.Reports.CodeQuality)

	code, _, errOut := runShell(t, repo, script, env)
	if code != 1 {
		t.Errorf("job script: exit %d, want 1 for error findings; stderr %q", code, errOut)
	}
	issues := readCodeQuality(t, repo, report)
	if len(issues) != 2 || issues[0].CheckName != "blameless/blame-word" || issues[0].Location.Path != "postmortems/bad.md" ||
		issues[0].Location.Lines.Begin != 11 || issues[0].Severity != "major" {
		t.Errorf("report %+v, want bad.md's two errors first", issues)
	}

	if err := os.Remove(filepath.Join(repo, "postmortems", "bad.md")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runShell(t, repo, script, env); code != 0 {
		t.Errorf("job script on a clean KB: exit %d, want 0; stderr %q", code, errOut)
	}
	if got := strings.TrimSpace(readFile(t, report)); got != "[]" {
		t.Errorf("report of a clean KB %q, want []", got)
	}
}

func codeQualityJobOf(t *testing.T, block string) string {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(block), &doc); err != nil {
		t.Fatal(err)
	}
	return codeQualityJob(doc)
}

// glIssue is a finding of a Code Quality report, with the fields GitLab reads.
type glIssue struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

// readCodeQuality reads a Code Quality report and checks each finding
// against what GitLab needs: every field set, one of its severities, a
// path of a file of the repository and a line in it, and a fingerprint
// of its own.
func readCodeQuality(t *testing.T, repo, report string) []glIssue {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(readFile(t, report)))
	dec.DisallowUnknownFields()
	var issues []glIssue
	if err := dec.Decode(&issues); err != nil {
		t.Fatalf("%s is no Code Quality report: %v", report, err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		switch is.Severity {
		case "info", "minor", "major", "critical", "blocker":
		default:
			t.Errorf("severity %q is not GitLab's: %+v", is.Severity, is)
		}
		if is.Description == "" || is.CheckName == "" || is.Fingerprint == "" || seen[is.Fingerprint] {
			t.Errorf("issue without a description, check name or fingerprint of its own: %+v", is)
		}
		seen[is.Fingerprint] = true
		data, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(is.Location.Path)))
		if err != nil || filepath.IsAbs(is.Location.Path) {
			t.Errorf("path %q is no file of the repository: %v", is.Location.Path, err)
			continue
		}
		if n := strings.Count(string(data), "\n") + 1; is.Location.Lines.Begin < 1 || is.Location.Lines.Begin > n {
			t.Errorf("line %d is not in %s (%d lines)", is.Location.Lines.Begin, is.Location.Path, n)
		}
	}
	return issues
}
