package serve

import (
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkWatchStart starts a watcher on the KB named by KB_BENCH_DIR (a
// kbgen corpus: go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k) and
// waits for its first hashes. It reports the walk that NewWatcher waits
// for (watches added, files listed) and the hashing after it apart.
func BenchmarkWatchStart(b *testing.B) {
	dir := kbtest.BenchDir(b)
	files, err := content.OpenFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	start := benchTree(b, files)
	var walk, hash time.Duration
	for b.Loop() {
		t0 := time.Now()
		w, err := NewWatcher(files, WatchOptions{Ignore: ignorePublic})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		<-w.hashed
		t2 := time.Now()
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		walk += t1.Sub(t0)
		hash += t2.Sub(t1)
	}
	b.ReportMetric(float64(walk.Milliseconds())/float64(b.N), "walk-ms/op")
	b.ReportMetric(float64(hash.Milliseconds())/float64(b.N), "hash-ms/op")
	b.ReportMetric(float64(len(start.files)), "files")
	b.ReportMetric(float64(len(start.dirs)), "folders")
}

// BenchmarkPollWalk is one look of the polling at the KB named by
// KB_BENCH_DIR: a walk with the stat of every file, which polling repeats
// every Poll.
func BenchmarkPollWalk(b *testing.B) {
	dir := kbtest.BenchDir(b)
	files, err := content.OpenFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	prev := benchTree(b, files).keys()
	w := benchWatcher(b, files)
	for b.Loop() {
		t, err := w.walk(".", nil)
		if err != nil {
			b.Fatal(err)
		}
		if changed := statChanges(prev, t.keys()); len(changed) != 0 {
			b.Fatalf("%d files changed while benchmarking", len(changed))
		}
	}
}

// benchWatcher is a Watcher able to walk, with no goroutine.
func benchWatcher(b *testing.B, files *content.Files) *Watcher {
	root, err := realRoot(files.Root())
	if err != nil {
		b.Fatal(err)
	}
	return &Watcher{files: files, root: root, opts: withDefaults(WatchOptions{Ignore: ignorePublic}), notes: make(chan string, 16)}
}

// benchTree walks the KB once.
func benchTree(b *testing.B, files *content.Files) tree {
	t, err := benchWatcher(b, files).walk(".", nil)
	if err != nil {
		b.Fatal(err)
	}
	return t
}
