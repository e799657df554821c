package content

import (
	"regexp"
	"testing"
)

// dueISORE is what findDueISO finds, written as the regular expression kb
// used before it: an ISO due date after a word that says so.
var dueISORE = regexp.MustCompile(`(?i)\b(?:due(?: date)?|deadline|target(?: date)?|eta|by|before|until)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b`)

// checkDueISO fails t when findDueISO and dueISORE read text differently.
func checkDueISO(t *testing.T, text string) {
	t.Helper()
	got, ok := findDueISO(text)
	m := dueISORE.FindStringSubmatchIndex(text)
	if ok != (m != nil) || ok && got != [4]int(m) {
		t.Fatalf("%q: findDueISO %v %v, the expression %v", text, got, ok, m)
	}
}

func TestFindDueISOAgreesWithExpression(t *testing.T) {
	for _, text := range []string{
		"", "due 2026-03-01", "Due: 2026-03-01", "DUE DATE: 2026-03-01", "due date 2026-03-01", "due datex 2026-03-01",
		"due  :  2026-03-01", "due:=2026-03-01", "due::2026-03-01", "overdue 2026-03-01", "é due 2026-03-01",
		"_by 2026-03-01", "by 2026-03-011", "by 2026-03-01x", "by 2026-03-01.", "by 2026-3-01", "target date= 2026-03-01",
		"Target:\t2026-03-01", "eta\n2026-03-01", "before 2026-03-01 and until 2027-01-01", "ETA 2026-03-01_",
		"deadline 2026-03-01é", "until2026-03-01", "by by 2026-03-01", "due date due 2026-03-01", "dueby 2026-03-01",
		"Fix it — owner: team, due: 2019-03-19", "due date: Q1", "by\u00a02026-03-01",
	} {
		checkDueISO(t, text)
	}
}

// duePieces are the parts generated texts are made of.
var duePieces = []string{
	"", " ", "\t", ":", "=", "-", "_", "x", "é", "due", "DUE", "Due", " date", "date", "deadline", "target", "eta",
	"by", "BY", "before", "until", "over", "2026-03-01", "2026-3-01", "20260301", "1", ".", ",", "—", "@sre",
}

func TestFindDueISOAgreesOnGeneratedTexts(t *testing.T) {
	eachGeneratedText(duePieces, func(s string) { checkDueISO(t, s) })
}

func TestFindDueISOAgreesOnCorpus(t *testing.T) {
	eachCorpusLine(t, func(line string) { checkDueISO(t, line) })
}

func FuzzFindDueISO(f *testing.F) {
	for _, s := range []string{"due date: 2026-03-01", "Fix it — owner: team, due: 2019-03-19", "by 2026-03-01x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkDueISO(t, text)
	})
}
