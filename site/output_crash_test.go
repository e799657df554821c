//go:build unix

package site

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/kb-tools/kb/content"
)

// The child process of TestBuildKilledDuringSwap reads what to build and
// where to die from these.
const (
	envKillAt     = "KB_TEST_KILL_AT"
	envKillKB     = "KB_TEST_KILL_KB"
	envKillOut    = "KB_TEST_KILL_OUT"
	envKillNoExch = "KB_TEST_KILL_NO_EXCHANGE"
)

// TestBuildKilledDuringSwap kills a build (SIGKILL, in a child process)
// at each step of each way of swapping, then checks that the next build
// finds a whole site, the old or the new version as that step left it,
// and that the builds after it succeed.
func TestBuildKilledDuringSwap(t *testing.T) {
	if step := os.Getenv(envKillAt); step != "" {
		buildAndDie(t, swapStep(step))
		return
	}
	canExchange := exchangeWorks(t)
	dirs := versionDirs(t, "A", "B", "C")
	refs := referenceSites(t, dirs)
	for _, tc := range []struct {
		name     string
		first    bool // the child's build is the first into the output
		fallback bool // the child swaps by the rename pair
		linked   bool // --out is a link to the site's folder
		step     swapStep
		missing  string // which of kb's folders the kill leaves missing
		want     string // the version the next build finds
	}{
		{"first build, before the rename", true, false, false, stepSwapStart, "target", "B"},
		{"first build, after the rename", true, false, false, stepSwapDone, "work", "B"},
		{"exchange, before", false, false, false, stepSwapStart, "swap", "A"},
		{"exchange, after", false, false, false, stepExchanged, "swap", "B"},
		{"rename pair, before", false, true, false, stepSwapStart, "swap", "A"},
		{"rename pair, old site aside", false, true, false, stepTargetAside, "target", "B"},
		{"rename pair, new site in", false, true, false, stepWorkIn, "work", "B"},
		{"rename pair, done", false, true, false, stepSwapDone, "swap", "B"},
		{"rename pair through a link, old site aside", false, true, true, stepTargetAside, "target", "B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.fallback && !tc.first && !canExchange {
				t.Skip("this file system cannot exchange two names; the rename pair cases cover it")
			}
			site := filepath.Join(t.TempDir(), "public")
			out := site
			if tc.linked {
				out = filepath.Join(t.TempDir(), "link")
				if err := os.Mkdir(site, 0o755); err != nil {
					t.Fatal(err)
				}
				symlink(t, site, out)
			}
			if !tc.first {
				if err := buildVersion(dirs["A"], out); err != nil {
					t.Fatal(err)
				}
			}
			killedAt(t, tc.step, dirs["B"], out, tc.fallback)
			pl := placeOf(site)
			missing := map[string]string{"target": pl.target, "work": pl.work, "swap": pl.swap}[tc.missing]
			if _, err := os.Lstat(missing); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("the kill left %s (%v); the test expects it missing at %s", missing, err, tc.step)
			}
			o, err := newOutput(Options{Out: out}, outputHooks{})
			if err != nil {
				t.Fatalf("the next build: %v", err)
			}
			got := assertWholeSite(t, site, refs)
			o.close()
			if got != tc.want {
				t.Errorf("the next build found version %s, want %s", got, tc.want)
			}
			for _, v := range []string{"C", "A"} {
				if err := buildVersion(dirs[v], out); err != nil {
					t.Fatalf("building %s after the kill: %v", v, err)
				}
				if got := assertWholeSite(t, site, refs); got != v {
					t.Errorf("built %s, found %s", v, got)
				}
			}
			if _, err := os.Lstat(pl.swap); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the swap folder is left after two builds (%v)", err)
			}
		})
	}
}

// killedAt runs a child process that builds the KB dir into out and kills
// itself at step, and checks that it died so.
func killedAt(t *testing.T, step swapStep, dir, out string, fallback bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildKilledDuringSwap$", "-test.count=1")
	cmd.Env = append(os.Environ(), envKillAt+"="+string(step), envKillKB+"="+dir, envKillOut+"="+out)
	if fallback {
		cmd.Env = append(cmd.Env, envKillNoExch+"=1")
	}
	output, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("the child was not killed at %s: %v\n%s", step, err, output)
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended with %v, not killed at %s:\n%s", err, step, output)
	}
}

// buildAndDie is the child: it builds with a hook that kills the process
// at the step named. Reaching the end alive fails.
func buildAndDie(t *testing.T, step swapStep) {
	kb, err := content.Load(os.Getenv(envKillKB))
	if err != nil {
		t.Fatal(err)
	}
	hooks := outputHooks{noExchange: os.Getenv(envKillNoExch) == "1", atStep: func(s swapStep) {
		if s == step {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}}
	if _, err := buildWith(kb, Options{Out: os.Getenv(envKillOut), Today: testToday, NoGit: true}, hooks); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("the build never reached %s", step)
}

// exchangeWorks says whether the file system of the test's folders can
// exchange two names in one step.
func exchangeWorks(t *testing.T) bool {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, p := range []string{a, b} {
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	err := exchange(a, b)
	if err != nil && !errors.Is(err, errNoExchange) {
		t.Fatal(err)
	}
	return err == nil
}
