// Package kbtest holds helpers for tests: KBs built from txtar archives,
// and the KB a benchmark reads.
package kbtest

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// WriteTree writes the files of a txtar archive into dir, creating folders
// as needed.
func WriteTree(t testing.TB, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchDir returns the KB named by KB_BENCH_DIR for a benchmark, or skips
// the benchmark when it is not set. A kbgen corpus is the usual one:
// go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k.
func BenchDir(b testing.TB) string {
	b.Helper()
	dir := os.Getenv("KB_BENCH_DIR")
	if dir == "" {
		b.Skip("set KB_BENCH_DIR to a KB, e.g. one written by go run ./cmd/kbgen -n 10000 -seed 1 DIR")
	}
	return dir
}
