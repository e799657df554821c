package lint

import (
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// TestInstructionReachesBackToTheSentenceStart checks that a hindsight
// phrase is an instruction when its sentence, however long, starts with an
// imperative verb, and is reported when a sentence in between starts
// otherwise: the phrases of a long sentence see its first word.
func TestInstructionReachesBackToTheSentenceStart(t *testing.T) {
	long := strings.Repeat("Bob didn't notice the alert and ", 300) + "nobody else did."
	tests := []struct {
		name, text string
		reported   bool
	}{
		{"narrative", long, true},
		{"instruction", "Verify that " + long, false},
		{"instruction over lines", "Verify that\n" + strings.ReplaceAll(long, " and ", " and\n"), false},
		{"instruction, then narrative", "Verify the alert. " + long, true},
		{"narrative, then instruction", long + " Check that Bob didn't notice the alert.", true},
	}
	for _, tt := range tests {
		res := lintTree(t, boundsKB+"-- postmortems/2026-01-15-notice.md --\n---\ntitle: Notice\n---\n\n"+tt.text+"\n")
		got := ruleFindings(res, "blameless/counterfactual")
		if (len(got) > 0) != tt.reported {
			t.Errorf("%s: %d findings, want reported %v", tt.name, len(got), tt.reported)
		}
	}
}

// TestSentenceOf checks the start of each token's sentence against a walk
// back from the token, over sentences, clauses, list items and
// paragraphs.
func TestSentenceOf(t *testing.T) {
	pr := proseOf(t, "words before. One two. Three, four five!\n\n- Six seven\n- eight\n\nnine ten\neleven")
	if len(pr.tokens) < 12 {
		t.Fatalf("%d tokens, want the 12 words", len(pr.tokens))
	}
	for i := range pr.tokens {
		want := i
		for want > 0 && !pr.is(want, sentenceStart) {
			want--
		}
		if got := pr.sentenceOf(i); got != want {
			t.Errorf("sentenceOf(%d %q) = %d, want %d", i, pr.word(i), got, want)
		}
	}
}

// proseOf tokenizes the prose of a postmortem whose body is body.
func proseOf(t *testing.T, body string) *prose {
	t.Helper()
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, "-- postmortems/2026-01-15-s.md --\n---\ntitle: S\n---\n\n"+body+"\n")
	files, err := content.OpenFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	kbc, _ := files.LoadConfig()
	cfg, err := NewConfig(files, kbc, Rules())
	if err != nil {
		t.Fatal(err)
	}
	kb, err := content.Load(dir)
	if err != nil || len(kb.Docs) != 1 {
		t.Fatalf("loading: %v, %d documents", err, len(kb.Docs))
	}
	p := &Pass{Doc: kb.Docs[0], Config: cfg}
	return p.Prose()
}
