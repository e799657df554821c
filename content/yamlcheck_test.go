package content

import (
	"fmt"
	"testing"
)

// frontMatterError parses a document and returns where its one error is.
func frontMatterError(t *testing.T, src string) string {
	t.Helper()
	_, errs := parse(t, "postmortems/x.md", src)
	if len(errs) != 1 {
		return fmt.Sprintf("%d errors %v", len(errs), errs)
	}
	return fmt.Sprintf("%d:%d", errs[0].Pos.Line, errs[0].Pos.Col)
}

func TestAliasErrorsStandAtTheAlias(t *testing.T) {
	for _, tc := range []struct {
		name, front, at string
	}{
		{"top-level value", "title: x\nseverity: SEV3\ntags: *nope\n", "4:7"},
		{"in a flow list", "title: x\nservices: [a, *nope]\n", "3:15"},
		{"after letters of two bytes", "title: x\nservices: [é, ü, *nope]\n", "3:18"},
		{"in a block list", "title: x\ntags:\n  - a\n  - *nope\n", "5:5"},
		{"in an action item", "title: x\nactions:\n  - what: Fix\n    owner: *team\n", "5:12"},
		{"before its anchor", "title: x\nowner: *team\nauthors: &team [a]\n", "3:8"},
		{"the second of two", "owner: &team a\nauthors: *team\ntags: *nope\n", "4:7"},
		{"named in text first", "title: a *nope b # *nope\ntags: *nope\n", "3:7"},
		{"indented mapping", "  title: x\n  tags: *nope\n", "3:9"},
		{"nested mapping", "lint:\n  disable: *rules\n", "3:12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := frontMatterError(t, "---\n"+tc.front+"---\n\nBody.\n"); got != tc.at {
				t.Errorf("error at %s, want %s", got, tc.at)
			}
		})
	}
}

func TestAliasErrorInKBYAML(t *testing.T) {
	_, errs := loadConfigText(t, "title: x\nseverities: *levels\n")
	if len(errs) != 1 || errs[0].Pos.String() != "kb.yaml:2:13" {
		t.Errorf("errors %v, want one at kb.yaml:2:13", errs)
	}
}

func TestDuplicateKeysAtEveryDepth(t *testing.T) {
	for _, tc := range []struct {
		name, front, at string
	}{
		{"top level", "title: a\ntitle: b\n", "3:1"},
		{"in an action item", "actions:\n  - what: a\n    owner: x\n    what: b\n", "5:5"},
		{"in the second action item", "actions:\n  - what: a\n  - what: b\n    due: 2026-01-01\n    due: 2026-02-01\n", "6:5"},
		{"in a flow mapping", "lint: {disable: [a], disable: [b]}\n", "2:22"},
		{"deep", "a:\n  b:\n    c: 1\n    c: 2\n", "5:5"},
		{"in a list in a map in a list", "a:\n  - b:\n      - c: 1\n        c: 2\n", "5:9"},
		{"the first in file order", "a:\n  x: 1\n  x: 2\nb: 1\nb: 2\n", "4:3"},
		{"quoted and plain", "actions:\n  - what: a\n    \"what\": b\n", "4:5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := frontMatterError(t, "---\n"+tc.front+"---\n"); got != tc.at {
				t.Errorf("error at %s, want %s", got, tc.at)
			}
			// Both parsers must give the same nodes, and so the same error.
			block := []byte("\n" + tc.front)
			slow, err := slowYAML(block, 1)
			if err != nil {
				t.Fatal(err)
			}
			want := duplicateKey("x.md", nil, slow)
			if fast, ok := fastYAML(block, 1); ok {
				if got := duplicateKey("x.md", nil, fast); got == nil || want == nil || got.Pos != want.Pos {
					t.Errorf("fast path %v, yaml.v3 %v", got, want)
				}
			}
		})
	}
}

func TestSameKeysInDifferentMappingsAreFine(t *testing.T) {
	_, errs := parse(t, "postmortems/x.md", "---\nwhat: top\nactions:\n  - what: a\n    owner: x\n  - what: b\n    owner: x\nlint: {disable: [a]}\nmeta: {what: c, a: {what: d}}\n---\n")
	if len(errs) != 0 {
		t.Errorf("errors %v", errs)
	}
}
