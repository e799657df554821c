package site

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/internal/patho"
)

// writeCaseKB writes a KB holding one postmortem with body and returns its
// folder.
func writeCaseKB(t testing.TB, body []byte) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "postmortems", "case.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, kbtest.Postmortem(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// BenchmarkMarkdownCases loads and builds a KB of one pathological
// postmortem per case of issue 12, at the cases' test scale, and a KB of
// plain prose of the same size beside each.
func BenchmarkMarkdownCases(b *testing.B) {
	for _, c := range kbtest.MarkdownCases() {
		body := c.Body(c.Test)
		for _, k := range []struct {
			name string
			body []byte
		}{{c.Name, body}, {c.Name + "/plain", kbtest.PlainProse(len(body))}} {
			b.Run(k.name, func(b *testing.B) {
				dir := writeCaseKB(b, k.body)
				out := filepath.Join(b.TempDir(), "public")
				b.SetBytes(int64(len(k.body)))
				b.ReportAllocs()
				for b.Loop() {
					loadAndBuild(b, dir, out)
				}
			})
		}
	}
}

// cost is the least wall time and allocated bytes of several loads and
// builds of one KB.
type cost struct {
	nanos, bytes float64
	plainBody    bool
}

// measureBuild loads and builds the KB holding body reps times and returns
// the least time and allocation seen.
func measureBuild(t *testing.T, body []byte, reps int) cost {
	t.Helper()
	dir := writeCaseKB(t, body)
	out := filepath.Join(t.TempDir(), "public")
	best := cost{nanos: math.Inf(1), bytes: math.Inf(1)}
	var ms runtime.MemStats
	for range reps {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		start := time.Now()
		kb, err := content.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build(kb, Options{Out: out, Today: testToday, NoGit: true}); err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		runtime.ReadMemStats(&ms)
		best.nanos = min(best.nanos, float64(elapsed))
		best.bytes = min(best.bytes, float64(ms.TotalAlloc-before))
		best.plainBody = kb.Docs[0].PlainBody
	}
	return best
}

// TestMarkdownCasesWorkInProportion checks that each pathological body of
// issue 12 costs a load and build at most about ten times the time and
// allocated bytes of plain prose of the same size (once they cost
// hundreds to thousands of times as much), and that the shapes just inside
// kb's bounds, which are still rendered as markdown, grow linearly: four
// times the input costs at most about four times as much.
func TestMarkdownCasesWorkInProportion(t *testing.T) {
	const maxRatio, maxGrowth = 10, 8
	for _, c := range kbtest.MarkdownCases() {
		t.Run(c.Name, func(t *testing.T) {
			if c.Reported == 0 {
				small, large := measureBuild(t, c.Body(c.Test/4), 3), measureBuild(t, c.Body(c.Test), 3)
				if large.plainBody {
					t.Fatal("a shape inside the bounds is shown as plain text")
				}
				for try := 0; try < 2 && !patho.RaceDetector && !withinRatio(large, small, maxGrowth); try++ {
					// Time on a busy machine varies: a quadratic shape stays
					// over the bound however often it is measured again.
					small, large = measureBuild(t, c.Body(c.Test/4), 5), measureBuild(t, c.Body(c.Test), 5)
				}
				checkRatio(t, "growth for 4x the input", large, small, maxGrowth)
				return
			}
			body := c.Body(c.Test)
			got, plain := measureBuild(t, body, 3), measureBuild(t, kbtest.PlainProse(len(body)), 3)
			for try := 0; try < 2 && !patho.RaceDetector && !withinRatio(got, plain, maxRatio); try++ {
				got, plain = measureBuild(t, body, 5), measureBuild(t, kbtest.PlainProse(len(body)), 5)
			}
			checkRatio(t, "against plain prose", got, plain, maxRatio)
		})
	}
}

// checkRatio fails t when got costs more than limit times base: in time
// (except under the race detector, see patho.RaceDetector) and in
// allocated bytes.
// withinRatio reports whether got costs at most limit times base, in time
// and in allocated bytes.
func withinRatio(got, base cost, limit float64) bool {
	return got.nanos/base.nanos <= limit && got.bytes/base.bytes <= limit
}

func checkRatio(t *testing.T, what string, got, base cost, limit float64) {
	t.Helper()
	tr, br := got.nanos/base.nanos, got.bytes/base.bytes
	t.Logf("%s: time x%.1f, allocated bytes x%.1f", what, tr, br)
	if patho.RaceDetector {
		t.Logf("%s: time not compared under the race detector", what)
	} else if tr > limit {
		t.Errorf("%s: time x%.1f (%.0f ms), over x%.0f", what, tr, got.nanos/1e6, limit)
	}
	if br > limit {
		t.Errorf("%s: allocated bytes x%.1f (%.1f MB), over x%.0f", what, br, got.bytes/1e6, limit)
	}
}
