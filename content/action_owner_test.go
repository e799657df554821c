package content

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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
	r := rand.New(rand.NewSource(1))
	for range 200000 {
		var b strings.Builder
		for range 1 + r.Intn(7) {
			b.WriteString(ownerPieces[r.Intn(len(ownerPieces))])
		}
		checkOwnerToken(t, b.String())
	}
}

func TestFindOwnerTokenAgreesOnCorpus(t *testing.T) {
	n := 0
	for _, dir := range []string{"../examples", "testdata", "../lint/testdata", "../../shared/corpus"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, line := range strings.Split(string(src), "\n") {
				checkOwnerToken(t, line)
				n++
			}
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no lines read")
	}
}

func FuzzFindOwnerToken(f *testing.F) {
	for _, s := range []string{"owner: @sre", "Assigned to: 田中", "ownerſ: x", "owner: @"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkOwnerToken(t, text)
	})
}
