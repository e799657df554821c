package lint

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// fixtureOptions are the options a fixture KB is linted with: its
// changed.txt, when there is one, gives the lines a branch changed ("PATH
// FIRST LAST" per line), and its similar.txt the earlier postmortems the
// index would find like each postmortem ("PATH EARLIER SIMILARITY").
func fixtureOptions(t *testing.T, dir string) Options {
	t.Helper()
	opts := Options{Today: fixtureToday}
	for _, f := range fixtureLines(t, dir, "changed.txt", 3) {
		first, err1 := strconv.Atoi(f[1])
		last, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil {
			t.Fatalf("changed.txt: %q: want PATH FIRST LAST", f)
		}
		if opts.Changed == nil {
			opts.Changed = ChangedLines{}
		}
		opts.Changed[f[0]] = append(opts.Changed[f[0]], content.LineRange{First: first, Last: last})
	}
	if lines := fixtureLines(t, dir, "similar.txt", 3); lines != nil {
		similar := listedRecurrences{}
		for _, f := range lines {
			s, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				t.Fatalf("similar.txt: %q: want PATH EARLIER SIMILARITY", f)
			}
			similar[f[0]] = append(similar[f[0]], Recurrence{Path: f[1], Similarity: s})
		}
		opts.Recurrences = similar
	}
	return opts
}

// fixtureLines returns the fields of each line of a fixture's file, which
// must have n of them; nil when there is no such file.
func fixtureLines(t *testing.T, dir, name string, n int) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil
	}
	var out [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) != n {
			t.Fatalf("%s: %q: want %d fields", name, line, n)
		}
		out = append(out, f)
	}
	return out
}

// listedRecurrences are Recurrences given as lists, by postmortem path.
type listedRecurrences map[string][]Recurrence

func (l listedRecurrences) Similar(path string, n int) ([]Recurrence, error) {
	found := l[path]
	return found[:min(n, len(found))], nil
}

func TestRecurrenceMessage(t *testing.T) {
	dir := filepath.Join("testdata", "recurrence")
	res, err := Run(dir, fixtureOptions(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Rule == "recurrence/similar" {
			got = append(got, d.Pos.String()+": "+d.Message)
		}
	}
	want := []string{
		`postmortems/2026-06-01-disk-full-again.md:2:1: like the earlier postmortem postmortems/2026-01-10-disk-full.md ("Payments database ran out of disk", 2026-01-10, similarity 0.81, 1 of 2 action items open)`,
		`postmortems/2026-07-01-edited.md:12:1: like the earlier postmortem postmortems/2026-06-01-disk-full-again.md ("Payments database disk full again", 2026-06-01, similarity 0.40)`,
		`postmortems/2026-07-01-edited.md:12:1: like the earlier postmortem postmortems/2026-01-10-disk-full.md ("Payments database ran out of disk", 2026-01-10, similarity 0.35, 1 of 2 action items open)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRecurrenceNeedsChangedLines(t *testing.T) {
	dir := filepath.Join("testdata", "recurrence")
	opts := fixtureOptions(t, dir)
	opts.Changed = nil
	res, err := Run(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Rule == "recurrence/similar" {
			t.Errorf("without --changed-from: %v", d)
		}
	}
}
