package main

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// corpus is a KB's postmortems, by path relative to their folder, with a
// root for kb serve's copy and one for Hugo's: the same files, so that
// each edit is made to both.
type corpus struct {
	paths []string // postmortems/…, slash-separated, sorted
	rng   *rand.Rand
	edits int // edits made so far, which numbers each added sentence
}

// loadCorpus lists the postmortems under dir/postmortems.
func loadCorpus(dir string, seed uint64) (*corpus, error) {
	c := &corpus{rng: rand.New(rand.NewPCG(seed, 0))}
	root := filepath.Join(dir, "postmortems")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		c.paths = append(c.paths, filepath.ToSlash(rel))
		return err
	})
	if err == nil && len(c.paths) == 0 {
		err = fmt.Errorf("no postmortems under %s", root)
	}
	return c, err
}

// pick returns n distinct postmortems at random.
func (c *corpus) pick(n int) []string {
	n = min(n, len(c.paths))
	out := make([]string, n)
	for i, j := range c.rng.Perm(len(c.paths))[:n] {
		out[i] = c.paths[j]
	}
	return out
}

// edit is a change to one file's text.
type edit func(text string) (string, bool)

// bodyEdit adds a sentence at the end of the document's first section
// (before its second heading), which only its own page shows.
func (c *corpus) bodyEdit() edit {
	c.edits++
	sentence := fmt.Sprintf("\nThe reviewers added sentence number %d.\n", c.edits)
	return func(text string) (string, bool) {
		first := strings.Index(text, "\n## ")
		if first < 0 {
			return text + sentence, true
		}
		second := strings.Index(text[first+1:], "\n## ")
		if second < 0 {
			return text + sentence, true
		}
		at := first + 1 + second
		return text[:at] + sentence + text[at:], true
	}
}

// severityEdit turns SEV2 into SEV3 and back, which moves the document
// between the lists of both severities.
func severityEdit(text string) (string, bool) {
	for _, swap := range [][2]string{{"severity: SEV2\n", "severity: SEV3\n"}, {"severity: SEV3\n", "severity: SEV2\n"}} {
		if i := strings.Index(text, swap[0]); i >= 0 {
			return text[:i] + swap[1] + text[i+len(swap[0]):], true
		}
	}
	return text, false
}

// pickFor returns a postmortem of root that e changes.
func (c *corpus) pickFor(root string, e edit) (string, error) {
	for range 1000 {
		rel := c.pick(1)[0]
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return "", err
		}
		if _, ok := e(string(text)); ok {
			return rel, nil
		}
	}
	return "", fmt.Errorf("no postmortem of %s that the edit changes", root)
}

// change is the new text of files, ready to be written at once.
type change map[string][]byte

// prepare reads each of rels under root and applies e.
func prepare(root string, rels []string, e edit) (change, error) {
	out := change{}
	for _, rel := range rels {
		path := filepath.Join(root, filepath.FromSlash(rel))
		text, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		next, ok := e(string(text))
		if !ok {
			return nil, fmt.Errorf("%s: the edit does not apply", path)
		}
		out[path] = []byte(next)
	}
	return out, nil
}

// write writes every file of ch in place, one after the other.
func (ch change) write() error {
	for path, data := range ch {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
