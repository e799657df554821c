package main

import (
	"os"
	"os/exec"
	"path"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/kb-tools/kb/internal/kbtest"
)

// pcHook is a hook of .pre-commit-hooks.yaml, or the settings of one in a
// .pre-commit-config.yaml, which override the hook's.
type pcHook struct {
	ID            string   `yaml:"id"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Exclude       string   `yaml:"exclude"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	Args          []string `yaml:"args"`
}

type pcConfig struct {
	Repos []struct {
		Repo  string   `yaml:"repo"`
		Rev   string   `yaml:"rev"`
		Hooks []pcHook `yaml:"hooks"`
	} `yaml:"repos"`
}

// kbHook reads the kb-lint hook of this repository's .pre-commit-hooks.yaml.
func kbHook(t *testing.T) pcHook {
	t.Helper()
	var hooks []pcHook
	if err := yaml.Unmarshal([]byte(readFile(t, "../../.pre-commit-hooks.yaml")), &hooks); err != nil {
		t.Fatal(err)
	}
	for _, h := range hooks {
		if h.ID == "kb-lint" {
			if h.Language != "golang" || h.PassFilenames == nil || !*h.PassFilenames || h.Entry == "" {
				t.Errorf("hook kb-lint: language %q, pass_filenames %v, entry %q; want golang, true and an entry", h.Language, h.PassFilenames, h.Entry)
			}
			return h
		}
	}
	t.Fatal(".pre-commit-hooks.yaml has no kb-lint hook")
	return pcHook{}
}

// configHook reads the kb-lint hook of a README pre-commit config and
// returns it with the config's settings laid over the hook's, as
// pre-commit does: args after the entry's, files and exclude replaced.
func configHook(t *testing.T, hook pcHook, block string) pcHook {
	t.Helper()
	var cfg pcConfig
	if err := yaml.Unmarshal([]byte(block), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, r := range cfg.Repos {
		if r.Repo != "https://github.com/kb-tools/kb" || r.Rev == "" {
			t.Errorf("repo %q rev %q, want kb's repository and a rev", r.Repo, r.Rev)
		}
		for _, h := range r.Hooks {
			if h.ID != hook.ID {
				t.Errorf("hook %q is not one of kb's", h.ID)
				continue
			}
			if h.Files != "" {
				hook.Files = h.Files
			}
			if h.Exclude != "" {
				hook.Exclude = h.Exclude
			}
			hook.Args = append(hook.Args, h.Args...)
			return hook
		}
	}
	t.Fatalf("the config uses no kb-lint hook:\n%s", block)
	return pcHook{}
}

// hookFiles lists the staged files of repo that pre-commit passes to the
// hook: the added, copied, modified and renamed ones that its files
// pattern matches and its exclude pattern does not.
func hookFiles(t *testing.T, repo string, hook pcHook) []string {
	t.Helper()
	out, err := exec.Command("git", "-C", repo, "diff", "--staged", "--name-only", "-z", "--diff-filter=ACMR").Output()
	if err != nil {
		t.Fatal(err)
	}
	files := regexp.MustCompile(hook.Files)
	var exclude *regexp.Regexp
	if hook.Exclude != "" {
		exclude = regexp.MustCompile(hook.Exclude)
	}
	var names []string
	for _, name := range strings.Split(string(out), "\x00") {
		if name != "" && files.MatchString(name) && (exclude == nil || !exclude.MatchString(name)) {
			names = append(names, name)
		}
	}
	return names
}

// runHook runs the hook's entry with its args and the file names from the
// repository's root, as pre-commit runs a hook (no shell), with kb on the
// PATH as pre-commit's environment of a golang hook has it.
func runHook(t *testing.T, repo string, hook pcHook, names []string) (int, string, string) {
	t.Helper()
	if strings.ContainsAny(hook.Entry, `"'\`) {
		t.Fatalf("entry %q has quotes the test does not split", hook.Entry)
	}
	argv := append(append(strings.Fields(hook.Entry), hook.Args...), names...)
	if argv[0] != "kb" {
		t.Fatalf("entry %q runs %s, not kb", hook.Entry, argv[0])
	}
	cmd := exec.Command(kbLink(t), argv[1:]...)
	cmd.Dir, cmd.Env = repo, append(os.Environ(), envRunKB+"=1")
	return runProcess(t, cmd)
}

// kbDirArg returns the value of --dir in args, or ".".
func kbDirArg(args []string) string {
	for i, a := range args {
		if a == "--dir" && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--dir="); ok {
			return v
		}
	}
	return "."
}

// TestPreCommitRecipe runs the kb-lint hook as each of the README's
// pre-commit configs sets it up, in a repository whose KB is where the
// config says (its --dir, else the root) beside a README of the
// repository: a first commit of the whole KB fails on bad.md's errors,
// named from the repository's root; a later commit that stages only a
// clean edit of good.md passes, bad.md unnamed.
func TestPreCommitRecipe(t *testing.T) {
	needTools(t, "git")
	hook := kbHook(t)
	for _, block := range readmeRecipes(t).preCommit {
		h := configHook(t, hook, block)
		dir := kbDirArg(h.Args)
		t.Run(dir, func(t *testing.T) {
			repo := t.TempDir()
			kb := path.Join(repo, dir)
			writeRecipeKB(t, kb)
			kbtest.WriteTree(t, repo, "-- README.md --\n# Our services\n\nThe knowledge base is in "+dir+".\n")
			git(t, repo, "init", "-q", "-b", "main")
			git(t, repo, "add", ".")
			bad := path.Clean(path.Join(dir, "postmortems", "bad.md"))
			names := hookFiles(t, repo, h)
			if !contains(names, bad) {
				t.Fatalf("pre-commit would pass %q, not %s", names, bad)
			}
			code, out, errOut := runHook(t, repo, h, names)
			if code != 1 || !strings.Contains(out, bad+":11:16: error blameless/blame-word") || !strings.Contains(out, bad+":21:3: error actions/due") {
				t.Errorf("hook on the first commit %q: exit %d, want 1 and bad.md's errors\n%s\n%s", names, code, out, errOut)
			}
			git(t, repo, "commit", "-q", "--no-verify", "-m", "base")

			good := path.Join(kb, "postmortems", "good.md")
			editFile(t, good, "Replication lagged behind the primary.\n", "Replication lagged behind the primary for 40 minutes.\n")
			git(t, repo, "add", ".")
			names = hookFiles(t, repo, h)
			if want := path.Clean(path.Join(dir, "postmortems", "good.md")); len(names) != 1 || names[0] != want {
				t.Fatalf("pre-commit would pass %q, want only %s", names, want)
			}
			code, out, errOut = runHook(t, repo, h, names)
			if code != 0 || strings.Contains(out, "bad.md") || !strings.Contains(out, "no findings") {
				t.Errorf("hook on a clean edit: exit %d, want 0 and no finding\n%s\n%s", code, out, errOut)
			}
		})
	}
}
