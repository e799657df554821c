package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// slowYAML parses a padded block with yaml.v3, lines counted as fastYAML
// counts them.
func slowYAML(block []byte, firstLine int) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	shiftLines(root, firstLine-1, 0)
	return root, nil
}

// sameNodes compares the parts of two node trees kb reads.
func sameNodes(a, b *yaml.Node, path string) error {
	if a == nil || b == nil {
		if a != b {
			return fmt.Errorf("%s: one side is nil: %v %v", path, a, b)
		}
		return nil
	}
	if a.Kind != b.Kind || a.ShortTag() != b.ShortTag() || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column ||
		a.Style&(yaml.FlowStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != b.Style&(yaml.FlowStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) ||
		len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: fast {kind %d tag %s value %q at %d:%d style %d, %d children} != yaml.v3 {kind %d tag %s value %q at %d:%d style %d, %d children}",
			path, a.Kind, a.ShortTag(), a.Value, a.Line, a.Column, a.Style, len(a.Content), b.Kind, b.ShortTag(), b.Value, b.Line, b.Column, b.Style, len(b.Content))
	}
	for i := range a.Content {
		if err := sameNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkFastYAML compares fastYAML with yaml.v3 on one block and reports
// whether the fast path answered.
func checkFastYAML(t *testing.T, name string, block []byte) bool {
	t.Helper()
	fast, ok := fastYAML(block, 1)
	if !ok {
		return false
	}
	slow, err := slowYAML(block, 1)
	if err != nil {
		t.Errorf("%s: fastYAML accepted what yaml.v3 rejects (%v):\n%s", name, err, block)
		return true
	}
	if err := sameNodes(fast, slow, name); err != nil {
		t.Errorf("%v\n%s", err, block)
	}
	return true
}

// frontMatterBlock returns a document's padded front matter block.
func frontMatterBlock(src []byte) ([]byte, bool) {
	src = normalize(src)
	first, after := nextLine(src, 0)
	if !isFence(first, "---") {
		return nil, false
	}
	end, _, ok := findFence(src, after, "---", "...")
	if !ok {
		return nil, false
	}
	return src[after-1 : lineOffset(src, end)], true
}

func TestFastYAMLAgreesWithYAMLv3(t *testing.T) {
	blocks, fast := 0, 0
	eachDifferentialFile(t, func(rel string, src []byte) {
		block, ok := frontMatterBlock(src)
		if !ok {
			return
		}
		blocks++
		if checkFastYAML(t, rel, block) {
			fast++
		}
	})
	t.Logf("%d front matter blocks, %d read by the fast path", blocks, fast)
	if blocks > 0 && fast*2 < blocks {
		t.Errorf("the fast path read only %d of %d blocks", fast, blocks)
	}
}

func TestFastYAMLCases(t *testing.T) {
	for _, src := range []string{
		"\ntitle: x\n",
		"\ntitle: \"quoted: with colon\"\nid: 'single'\n",
		"\nservices: [a, b, 'c d', \"e\"]\ntags: []\nx: [a,]\n",
		"\nservices:\n  - a\n  - b # comment\nnext: 1\n",
		"\nservices:\n- a\n- b\n",
		"\nactions:\n  - what: Do a thing\n    owner: team-x\n    due: 2026-01-01\n\n  - what: Another\n    status: done\nafter: true\n",
		"\n# comment\ntitle: x # trailing\nempty:\nnull: ~\nnum: 12\nfloat: 1.5\nbool: true\ndate: 2026-03-14\nts: 2026-03-14T13:55:00Z\n",
		"\ntitle: Ünïcode tïtle\ntags: [ünï, b]\n",
		"\nactions:\n  - what:\n    owner: x\n",
		"\nlist:\n  - [a, b]\n  - 'q'\n",
		"\n",
		"\n# only a comment\n",
	} {
		if !checkFastYAML(t, fmt.Sprintf("%q", src), []byte(src)) {
			t.Errorf("the fast path declined %q", src)
		}
	}
	for _, src := range []string{
		"\ntitle: &a x\nother: *a\n",
		"\ntitle: |\n  block\n",
		"\nnested:\n  key: value\n",
		"\ntitle: a\n  continued\n",
		"\ntitle: \"esc\\\"aped\"\n",
		"\ntitle: 'it''s'\n",
		"\nmap: {a: b}\n",
		"\ntitle: x: y\n",
		"\n\ttitle: x\n",
		"\n- a\n- b\n",
		"\ntitle: [a, b\n",
		"\nkey with spaces: x\n",
		"\nactions:\n  -\n    what: x\n",
	} {
		if _, ok := fastYAML([]byte(src), 1); ok {
			t.Errorf("the fast path accepted %q, which it should leave to yaml.v3", src)
		}
	}
}

// FuzzFastYAML checks that whenever the fast path answers, yaml.v3 gives
// the same nodes.
func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"\ntitle: x\nservices: [a, 'b']\n",
		"\nactions:\n  - what: a\n    owner: b\n",
		"\nlist:\n- a\n- \"b\"\n",
		"\nx: 1 # c\ny:\n",
	} {
		f.Add([]byte(s))
	}
	// The example KB's blocks exercise every form the fast path reads.
	paths, _ := filepath.Glob("../examples/acme/*/*.md")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			if block, ok := frontMatterBlock(src); ok {
				f.Add(block)
			}
		}
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		if len(block) == 0 || block[0] != '\n' {
			block = append([]byte{'\n'}, block...)
		}
		checkFastYAML(t, "fuzz", block)
	})
}
