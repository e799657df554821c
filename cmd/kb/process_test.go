package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kb-tools/kb/internal/kbtest"
)

// envRunKB makes the test binary run as kb itself, so that a test can
// start real kb processes.
const envRunKB = "KB_TEST_RUN_KB"

func TestMain(m *testing.M) {
	if os.Getenv(envRunKB) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// kbCommand is a kb process with the arguments args.
func kbCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), envRunKB+"=1")
	return cmd
}

// TestConcurrentBuildProcessesNeverMix runs two kb build processes of two
// versions of a KB into one output at once, round after round: each time
// both succeed and the output is one version whole.
func TestConcurrentBuildProcessesNeverMix(t *testing.T) {
	dirs, refs := map[string]string{}, map[string]map[string][]byte{}
	for _, v := range []string{"A", "B"} {
		dirs[v] = filepath.Join(t.TempDir(), "kb-"+v)
		kbtest.WriteTree(t, dirs[v], kbtest.VersionKB(v))
		ref := filepath.Join(t.TempDir(), "public")
		if code, _, errOut := kbRun(t, "build", "--dir", dirs[v], "--out", ref); code != 0 {
			t.Fatalf("reference build of %s: %s", v, errOut)
		}
		refs[v] = kbtest.ReadTree(t, ref)
	}
	out := filepath.Join(t.TempDir(), "public")
	for round := 0; round < 5; round++ {
		var wg sync.WaitGroup
		for _, v := range []string{"A", "B"} {
			cmd := kbCommand("build", "--dir", dirs[v], "--out", out)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if output, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("round %d, kb build of %s: %v\n%s", round, v, err, output)
				}
			}()
		}
		wg.Wait()
		if _, err := kbtest.OneVersion(kbtest.ReadTree(t, out), refs); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

// TestBuildHelpListsNoWait checks that kb build documents --no-wait.
func TestBuildHelpListsNoWait(t *testing.T) {
	if code, out, _ := kbRun(t, "build", "--help"); code != 0 || !strings.Contains(out, "-no-wait") {
		t.Errorf("exit %d, help lacks -no-wait:\n%s", code, out)
	}
}
