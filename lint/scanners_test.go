package lint

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// containsLiterals is what secretIndex.candidates finds, the slow way: a
// bit for each pattern one of whose literals the text holds.
func containsLiterals(src []byte) uint32 {
	var found uint32
	for i, sp := range secretPatterns {
		for _, l := range sp.literals {
			if bytes.Contains(src, []byte(l)) {
				found |= 1 << i
			}
		}
	}
	return found
}

// textLinesByByte is what textLines counts, byte by byte.
func textLinesByByte(b []byte) int {
	n, text := 0, false
	for _, c := range b {
		switch c {
		case '\n':
			if text {
				n++
			}
			text = false
		case ' ', '\t', '\r':
		default:
			text = true
		}
	}
	if text {
		n++
	}
	return n
}

// checkScanners fails t when the fast scanners and the slow ones read
// src differently.
func checkScanners(t *testing.T, x *secretIndex, src []byte) {
	t.Helper()
	if got, want := x.candidates(src), containsLiterals(src); got != want {
		t.Fatalf("%q: candidates %b, the literals found %b", src, got, want)
	}
	if got, want := textLines(src), textLinesByByte(src); got != want {
		t.Fatalf("%q: textLines %d, byte by byte %d", src, got, want)
	}
	if got, want := findEmails(src), emailRE.FindAllSubmatchIndex(src, -1); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%q: findEmails %v, emailRE %v", src, got, want)
	}
}

// scannerPieces are what generated texts are made of: the literals, their
// halves, and the bytes that end lines or fill them.
func scannerPieces() []string {
	pieces := []string{"", " ", "\t", "\r", "\n", "\r\n", "x", "é", "\x00", "A", "e", "g",
		"@", "@", ".", ".", "-", "_", "%", "+", "com", "a1", "1", "Ab", "ops@example.org", "@team-payments", "git@"}
	for _, sp := range secretPatterns {
		for _, l := range sp.literals {
			pieces = append(pieces, l, l[:len(l)/2], l[len(l)/2:], l[1:])
		}
	}
	return pieces
}

func TestScannersAgreeOnGeneratedTexts(t *testing.T) {
	x := newSecretIndex(secretPatterns)
	pieces := scannerPieces()
	r := rand.New(rand.NewSource(1))
	for range 50000 {
		var b strings.Builder
		for range r.Intn(9) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		checkScanners(t, x, []byte(b.String()))
	}
}

func TestScannersAgreeOnCorpus(t *testing.T) {
	x := newSecretIndex(secretPatterns)
	n := 0
	for _, dir := range []string{"testdata", "../examples", "../content/testdata", "../../shared/corpus"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err == nil {
				checkScanners(t, x, src)
				n++
			}
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no documents read")
	}
}

func FuzzScanners(f *testing.F) {
	x := newSecretIndex(secretPatterns)
	for _, s := range []string{"AKIA1234 \n\n  \t\nBearer x", "password: hunter22\r\n", "ghp_\nxox", "a@b.c.com1@x.org", "Owner: @team\nops@example.com"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkScanners(t, x, src)
	})
}
