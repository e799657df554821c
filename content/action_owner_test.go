package content

import (
	"regexp"
	"slices"
	"testing"
)

// ownerTokenRE is what findOwnerToken finds, written as the regular
// expression kb used before it.
var ownerTokenRE = regexp.MustCompile(`(?i)\b(?:owner|owners|assignee|assignees|assigned to|who|dri)\s*[:=]\s*(@?[\p{L}\p{M}\p{N}_.\-/]+)`)

func checkOwnerToken(t *testing.T, text string) {
	t.Helper()
	if got, want := findOwnerToken(text), ownerTokenRE.FindStringSubmatchIndex(text); !slices.Equal(got, want) {
		t.Fatalf("%q: findOwnerToken %v, the expression %v", text, got, want)
	}
}

func TestFindOwnerTokenAgreesWithExpression(t *testing.T) {
	for _, text := range []string{
		"", "owner: sre", "Owner: @sre", "OWNERS = a, b", "owners: x", "owner s: x", "ownerſ: x", "aſſignee: x",
		"Assigned to: 田中", "assigned  to: x", "who:x", "DRI = @me", "co-owner: x", "coowner: x", "_owner: x",
		"owner: @", "owner: @@x", "owner: —x", "owner:\tx/y.z-w_v", "owner: e\u0301x", "owner: x\xffy", "owner : x",
		"owner\n:\nx", "é owner: x", "owner: ٣٤", "owner: \ufffd", "who owns: x", "owner: x owner: y", "Fix it — owner: team-sre, due: 2026-01-01",
	} {
		checkOwnerToken(t, text)
	}
}

var ownerPieces = []string{
	"", " ", "\t", ":", "=", "@", "-", "_", "/", ".", "x", "é", "\u0301", "٣", "\xff", "ſ", "s", "S", "—",
	"owner", "OWNER", "owners", "assignee", "assignees", "assigned to", "assigned", "who", "dri", "co", "team",
}

func TestFindOwnerTokenAgreesOnGeneratedTexts(t *testing.T) {
	eachGeneratedText(ownerPieces, func(s string) { checkOwnerToken(t, s) })
}

func TestFindOwnerTokenAgreesOnCorpus(t *testing.T) {
	eachCorpusLine(t, func(line string) { checkOwnerToken(t, line) })
}

func FuzzFindOwnerToken(f *testing.F) {
	for _, s := range []string{"owner: @sre", "Assigned to: 田中", "ownerſ: x", "owner: @"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkOwnerToken(t, text)
	})
}
