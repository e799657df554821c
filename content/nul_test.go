package content

import (
	"testing"
)

// TestNULByteMakesNoDocument checks that a file with a NUL byte is left
// out with one error at the byte, whatever else it holds.
func TestNULByteMakesNoDocument(t *testing.T) {
	valid := "---\ntitle: A\ndate: 2026-01-10\nseverity: SEV3\nstatus: published\nservices: [x]\n---\n\n"
	for _, tc := range []struct {
		name, src string
		line, col int
	}{
		{"in the body after valid front matter", valid + "hello\x00 there\n", 9, 6},
		{"in the front matter", "---\ntitle: A\x00\n---\n", 2, 9},
		{"first byte", "\x00# Title\n", 1, 1},
		{"after multi-byte letters", "# Tïtlé\n\ndéjà\x00\n", 3, 5},
		{"crlf", "# Title\r\n\r\nx\x00\r\n", 3, 2},
		{"bom", "\uFEFF# T\x00\n", 1, 4},
		{"two NUL bytes", "a\x00\nb\x00\n", 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := parse(t, "postmortems/bin.md", tc.src)
			if doc != nil {
				t.Errorf("a document was made: %+v", doc)
			}
			if len(errs) != 1 {
				t.Fatalf("%d errors, want 1: %v", len(errs), errs)
			}
			e := errs[0]
			if e.Kind != ErrorUnreadable || e.Pos != (Pos{File: "postmortems/bin.md", Line: tc.line, Col: tc.col}) {
				t.Errorf("error %v (kind %d), want at %d:%d, unreadable", e, e.Kind, tc.line, tc.col)
			}
		})
	}
}

// TestLoadLeavesOutFilesWithNULBytes checks that Load keeps every other
// document and gives the file one error.
func TestLoadLeavesOutFilesWithNULBytes(t *testing.T) {
	dir := writeKB(t, `
-- postmortems/2026-01-10-good.md --
---
title: Good
---
-- postmortems/2026-01-11-bin.md --
---
title: Bin
---
`+"x\x00y"+`
`)
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Docs) != 1 || kb.Docs[0].Path != "postmortems/2026-01-10-good.md" {
		t.Errorf("documents %v, want the good one only", kb.Docs)
	}
	if len(kb.Errors) != 1 || kb.Errors[0].Pos != (Pos{File: "postmortems/2026-01-11-bin.md", Line: 4, Col: 2}) {
		t.Errorf("errors %v, want one at postmortems/2026-01-11-bin.md:4:2", kb.Errors)
	}
}
