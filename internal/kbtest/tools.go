package kbtest

import (
	"os"
	"testing"
)

// ToolFile returns the file an environment variable names for a checker
// the test runs (the Nu checker's jar, axe-core's script). When the
// variable is unset the test skips, unless KB_E2E is set, as in CI, where
// a missing checker is a failure; a variable naming no file always fails.
func ToolFile(t *testing.T, env, what string) string {
	t.Helper()
	path := os.Getenv(env)
	if path == "" {
		if os.Getenv("KB_E2E") != "" {
			t.Fatalf("KB_E2E is set but %s is not: set it to %s (.ci/run installs it with npm)", env, what)
		}
		t.Skipf("%s is not set: set it to %s to run this check, or KB_E2E=1 to make its absence a failure", env, what)
	}
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		t.Fatalf("%s=%s: not a file (%v); want %s", env, path, err, what)
	}
	return path
}
