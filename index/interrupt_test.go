package index

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// manyDocsKB writes a KB of n runbooks, runbook i with the word doc<i>.
func manyDocsKB(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		p := filepath.Join(dir, "runbooks", fmt.Sprintf("r%04d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("---\ntitle: Runbook %d\n---\n\nThe steps of doc%04d, checked and rolled back.\n", i, i)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestInterruptHelperProcess is not a test: run by
// TestInterruptedBuildIsFinished, it builds the index of $KB_INDEX_BUILD
// and says when the first batch is written; it is killed then.
func TestInterruptHelperProcess(t *testing.T) {
	dir := os.Getenv("KB_INDEX_BUILD")
	if dir == "" {
		t.Skip("run by TestInterruptedBuildIsFinished")
	}
	ix, err := Open(dir, WithProgress(func(Progress) {
		os.Stdout.WriteString("batch\n")
		time.Sleep(time.Hour)
	}))
	if err != nil {
		t.Fatal(err)
	}
	ix.Update(loadDocs(t, dir))
}

// A build killed half way leaves an index that the next Update finishes:
// what was written is kept, the rest is indexed.
func TestInterruptedBuildIsFinished(t *testing.T) {
	const n = 3*batchDocs + 10
	dir := manyDocsKB(t, n)
	build := exec.Command(os.Args[0], "-test.run=^TestInterruptHelperProcess$")
	build.Env = append(os.Environ(), "KB_INDEX_BUILD="+dir)
	out, err := build.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := build.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	build.Process.Kill()
	build.Wait()
	if err != nil || line != "batch\n" {
		t.Fatalf("the build did not write a batch: %q %v", line, err)
	}
	st, notes := openAndUpdate(t, dir)
	if st.Indexed+st.Unchanged != n || st.Unchanged == 0 || st.Indexed == 0 || len(notes) > 0 {
		t.Errorf("after the interrupted build: %+v, notes %q; want part kept and the rest indexed", st, notes)
	}
	for _, i := range []int{0, n / 2, n - 1} {
		res := searchOnce(t, dir, fmt.Sprintf("doc%04d", i))
		if len(res.Hits) != 1 || res.Hits[0].Path != fmt.Sprintf("runbooks/r%04d.md", i) {
			t.Errorf("doc%04d: %v", i, paths(res))
		}
	}
}
