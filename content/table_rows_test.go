package content

import (
	"math/rand"
	"strings"
	"testing"
)

// The table row readers' shortcuts against what they stand for: a row is
// blank when its cells joined are, and a timeline row's event is the text
// after its time and its other cells, joined with spaces and trimmed.

func joinedBlank(texts []string) bool { return strings.TrimSpace(strings.Join(texts, "")) == "" }

func joinedEvent(event string, rest []string) string {
	return strings.TrimSpace(strings.Join(append([]string{event}, rest...), " "))
}

func checkRowShortcuts(t *testing.T, texts []string) {
	t.Helper()
	if got, want := allBlank(texts), joinedBlank(texts); got != want {
		t.Fatalf("%q: allBlank %v, joined %v", texts, got, want)
	}
	if len(texts) == 0 {
		return
	}
	if got, want := joinEvent(texts[0], texts[1:]), joinedEvent(texts[0], texts[1:]); got != want {
		t.Fatalf("%q: joinEvent %q, joined %q", texts, got, want)
	}
}

// cellPieces are what generated cells are made of, pieces of characters
// among them: "\xe3\x80" and "\x80" join into U+3000, a space.
var cellPieces = []string{"", " ", "\t", "\u00a0", "\u3000", "\xe3\x80", "\x80", "\xe3", "x", "é", "14:02", "—"}

func TestRowShortcutsAgreeOnGeneratedCells(t *testing.T) {
	checkRowShortcuts(t, []string{"\xe3\x80", "\x80"})
	checkRowShortcuts(t, []string{"", "  event "})
	r := rand.New(rand.NewSource(1))
	for range 100000 {
		texts := make([]string, r.Intn(5))
		for i := range texts {
			var b strings.Builder
			for range r.Intn(4) {
				b.WriteString(cellPieces[r.Intn(len(cellPieces))])
			}
			texts[i] = b.String()
		}
		checkRowShortcuts(t, texts)
	}
}

func FuzzRowShortcuts(f *testing.F) {
	f.Add("\xe3\x80", "\x80", " x ")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		checkRowShortcuts(t, []string{a, b, c})
		checkRowShortcuts(t, []string{a, b})
		checkRowShortcuts(t, []string{a})
	})
}
