package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// ghWorkflow is the part of a GitHub Actions workflow the test runs.
type ghWorkflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]struct {
		Steps []ghStep `yaml:"steps"`
	} `yaml:"jobs"`
}

type ghStep struct {
	Name string         `yaml:"name"`
	If   string         `yaml:"if"`
	Uses string         `yaml:"uses"`
	With map[string]any `yaml:"with"`
	Run  string         `yaml:"run"`
}

// ghRun is what the run of one event did: each run step's exit code and
// output, by name, and the steps skipped.
type ghRun struct {
	code    map[string]int
	stdout  map[string]string
	skipped []string
}

var eventCondition = regexp.MustCompile(`^github\.event_name (==|!=) '([^']*)'$`)

// runWorkflow runs the steps of the workflow's one job as GitHub would for
// event in the checkout at repo: actions/checkout and actions/setup-go
// have nothing to do (the repository is there, kb is on the PATH), nor
// has the step that installs kb; the run steps go to a shell in order, and
// after a failed step only the steps that are skipped run. Conditions
// and expressions other than the event's name and base_ref fail the test:
// the test would not know what they mean.
func runWorkflow(t *testing.T, wf ghWorkflow, repo, event, baseRef string, env []string) ghRun {
	t.Helper()
	if len(wf.Jobs) != 1 {
		t.Fatalf("the workflow has %d jobs, the test runs one", len(wf.Jobs))
	}
	res := ghRun{code: map[string]int{}, stdout: map[string]string{}}
	failed := false
	for _, job := range wf.Jobs {
		for _, st := range job.Steps {
			if !stepRuns(t, st, event) || failed {
				res.skipped = append(res.skipped, st.Name)
				continue
			}
			script, ok := stepScript(t, st, baseRef)
			if !ok {
				continue
			}
			code, out, errOut := runShell(t, repo, script, env)
			t.Logf("step %q (%s): exit %d\n%s%s", st.Name, script, code, out, errOut)
			res.code[st.Name], res.stdout[st.Name] = code, out
			failed = code != 0
		}
	}
	return res
}

// stepRuns evaluates a step's if: for an event.
func stepRuns(t *testing.T, st ghStep, event string) bool {
	t.Helper()
	if st.If == "" {
		return true
	}
	m := eventCondition.FindStringSubmatch(st.If)
	if m == nil {
		t.Fatalf("step %q: the test cannot evaluate if: %s", st.Name, st.If)
	}
	return (m[1] == "==") == (event == m[2])
}

// stepScript returns the shell script of a run step with its expressions
// expanded, or false for a step with nothing to run here.
func stepScript(t *testing.T, st ghStep, baseRef string) (string, bool) {
	t.Helper()
	switch {
	case strings.HasPrefix(st.Uses, "actions/checkout@"):
		if st.With["fetch-depth"] != 0 {
			t.Errorf("checkout step %q: fetch-depth %v, want 0: --changed-from needs the base branch's history", st.Name, st.With["fetch-depth"])
		}
		return "", false
	case strings.HasPrefix(st.Uses, "actions/setup-go@"):
		return "", false
	case st.Uses != "":
		t.Fatalf("step %q uses %s, which the test cannot run", st.Name, st.Uses)
	case strings.HasPrefix(strings.TrimSpace(st.Run), "go install "):
		if !strings.Contains(st.Run, "github.com/kb-tools/kb/cmd/kb@") {
			t.Errorf("install step %q does not install kb: %s", st.Name, st.Run)
		}
		return "", false
	}
	script := strings.ReplaceAll(st.Run, "${{ github.base_ref }}", baseRef)
	if strings.Contains(script, "${{") {
		t.Fatalf("step %q: the test cannot expand an expression of %s", st.Name, st.Run)
	}
	return script, true
}

// annotations lists the workflow commands of kb lint --format github in
// out as "level file:line".
func annotations(out string) []string {
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^::(\w+) file=([^,]*),line=(\d+),`).FindAllStringSubmatch(out, -1) {
		got = append(got, m[1]+" "+m[2]+":"+m[3])
	}
	return got
}

// TestGitHubRecipe checks that the README's workflow is the one kb init
// writes, then runs it in a repository made by kb init: on a pull request
// that adds blame, annotations on its two added lines only, a failed
// check and the counts in the step summary; on one that adds nothing to
// find, a passing check although an old finding is left elsewhere, and a
// built site; on a push to main, the whole KB linted.
func TestGitHubRecipe(t *testing.T) {
	needTools(t, "git", "sh")
	block := readmeRecipes(t).github
	repo := t.TempDir()
	writeRecipeKB(t, repo)
	if scaffold := readFile(t, filepath.Join(repo, ".github", "workflows", "kb.yml")); scaffold != block {
		t.Errorf("the README's GitHub workflow differs from the one kb init writes:\n%s\nkb init:\n%s", block, scaffold)
	}
	var wf ghWorkflow
	if err := yaml.Unmarshal([]byte(block), &wf); err != nil {
		t.Fatal(err)
	}
	if _, ok := wf.On["pull_request"]; !ok {
		t.Fatalf("the workflow does not run on pull requests: %v", wf.On)
	}
	git(t, repo, "init", "-q", "-b", "main")
	git(t, repo, "add", ".")
	git(t, repo, "commit", "-q", "-m", "base")
	// What actions/checkout with fetch-depth 0 leaves: the base branch as
	// a remote-tracking branch.
	git(t, repo, "update-ref", "refs/remotes/origin/main", "main")
	good := filepath.Join(repo, "postmortems", "good.md")

	t.Run("pull request adding blame", func(t *testing.T) {
		git(t, repo, "checkout", "-q", "-b", "blame", "main")
		editFile(t, good, "Replication lagged behind the primary.\n",
			"Replication lagged behind the primary.\n\nThe on-call engineer was careless.\n\n> ops-bot: the deploy was careless\n")
		git(t, repo, "commit", "-q", "-am", "blame")
		summary := filepath.Join(t.TempDir(), "summary.md")
		run := runWorkflow(t, wf, repo, "pull_request", "main", kbOnPath(t, "GITHUB_STEP_SUMMARY="+summary, "GITHUB_BASE_REF=main", "GITHUB_EVENT_NAME=pull_request"))
		const step = "Lint what the pull request changes"
		if run.code[step] != 1 {
			t.Errorf("step %q: exit %d, want 1 for an error on a changed line", step, run.code[step])
		}
		want := []string{
			"error postmortems/good.md:" + itoa(lineOf(t, good, "engineer was careless")),
			"notice postmortems/good.md:" + itoa(lineOf(t, good, "> ops-bot")),
		}
		if got := annotations(run.stdout[step]); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("annotations %q, want %q (the changed lines only, not bad.md's old findings)", got, want)
		}
		if len(run.skipped) != 2 || run.skipped[0] != "Lint the whole KB" || run.skipped[1] != "Build the site" {
			t.Errorf("skipped %q, want the push's lint and, after the failed lint, the build", run.skipped)
		}
		assertFileContent(t, summary, "### kb lint", "1 error, 0 warnings, 1 info in 1 files", "| postmortems/good.md | "+itoa(lineOf(t, good, "engineer was careless"))+" | error | `blameless/blame-word` |")
	})

	t.Run("pull request adding nothing to find", func(t *testing.T) {
		git(t, repo, "checkout", "-q", "-b", "tidy", "main")
		editFile(t, good, "Replication lagged behind the primary.\n", "Replication lagged behind the primary for 40 minutes.\n")
		git(t, repo, "commit", "-q", "-am", "tidy")
		summary := filepath.Join(t.TempDir(), "summary.md")
		run := runWorkflow(t, wf, repo, "pull_request", "main", kbOnPath(t, "GITHUB_STEP_SUMMARY="+summary))
		if run.code["Lint what the pull request changes"] != 0 || run.code["Build the site"] != 0 {
			t.Errorf("exit codes %v, want the lint and the build to pass", run.code)
		}
		if got := annotations(run.stdout["Lint what the pull request changes"]); len(got) != 0 {
			t.Errorf("annotations %q on a change with nothing to find", got)
		}
		assertFileContent(t, summary, "### kb lint", "no findings in ")
		if _, err := os.Stat(filepath.Join(repo, "public", "postmortems", "good", "index.html")); err != nil {
			t.Errorf("the build step wrote no site: %v", err)
		}
	})

	t.Run("push to main", func(t *testing.T) {
		git(t, repo, "checkout", "-q", "main")
		summary := filepath.Join(t.TempDir(), "summary.md")
		run := runWorkflow(t, wf, repo, "push", "", kbOnPath(t, "GITHUB_STEP_SUMMARY="+summary))
		const step = "Lint the whole KB"
		got := annotations(run.stdout[step])
		if run.code[step] != 1 || len(got) != 2 || got[0] != "error postmortems/bad.md:11" {
			t.Errorf("step %q: exit %d, annotations %q; want exit 1 and bad.md's two errors", step, run.code[step], got)
		}
		assertFileContent(t, summary, "2 errors, 0 warnings, 0 info in 1 files")
	})
}
