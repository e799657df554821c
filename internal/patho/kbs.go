package patho

import "testing"

// KBs writes, for c at its test scale, a KB holding c's input and one
// holding a plain input of the same size, each in a temporary folder of t,
// and returns the two folders and the input's size.
func KBs(t testing.TB, c Case) (bad, plain string, size int) {
	t.Helper()
	doc := c.Doc(c.TestScale)
	bad, plain = t.TempDir(), t.TempDir()
	if err := c.WriteKB(bad, doc); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteKB(plain, c.Plain(len(doc))); err != nil {
		t.Fatal(err)
	}
	return bad, plain, len(doc)
}

// CompareCases runs a subtest of t for each case that compares run on the
// case's KB with run on the plain one (Compare, DefaultRatio, runs calls
// each); what names the work in the messages ("loading").
func CompareCases(t *testing.T, what string, runs int, run func(t testing.TB, dir string)) {
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			bad, plain, _ := KBs(t, c)
			Compare(t, what+" "+c.Name, DefaultRatio(), runs, func() { run(t, bad) }, func() { run(t, plain) })
		})
	}
}

// BenchmarkCases runs a sub-benchmark of b for each case that calls run
// on the case's KB.
func BenchmarkCases(b *testing.B, run func(b testing.TB, dir string)) {
	for _, c := range Cases() {
		b.Run(c.Name, func(b *testing.B) {
			dir, _, _ := KBs(b, c)
			b.ReportAllocs()
			for b.Loop() {
				run(b, dir)
			}
		})
	}
}
