package content

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Reload returns the KB as it is after the files at paths (KB-relative,
// slash separated) changed, appeared or went away: those are read again,
// and every other document is kb's own, shared with the KB returned.
// A change to kb.yaml loads the whole KB again. Duplicate ids are numbered
// anew over all documents; a shared document whose id others share too is
// copied first, so that kb's documents are never changed.
func (kb *KB) Reload(paths []string, opts ...LoadOption) (*KB, error) {
	for _, p := range paths {
		if p == ConfigFile {
			return Load(kb.Root, opts...)
		}
	}
	var o loadOptions
	for _, opt := range opts {
		opt(&o)
	}
	files := kb.Files.Fresh()
	again := map[string]bool{}
	var read []string
	for _, p := range paths {
		if again[p] {
			continue
		}
		again[p] = true
		if kb.Config.holdsDocument(p) && files.walkFinds(p) {
			read = append(read, p)
		}
	}
	next := &KB{Root: kb.Root, Files: files, Config: kb.Config, Alerts: kb.Alerts}
	for _, e := range kb.Errors {
		if !again[e.Pos.File] && e.Kind != ErrorDuplicateID {
			next.Errors = append(next.Errors, e)
		}
	}
	for _, d := range kb.Docs {
		if !again[d.Path] {
			next.Docs = append(next.Docs, d)
		}
	}
	next.Docs = append(next.Docs, parseAll(files, read, &next.Config, &o, &next.Errors)...)
	sort.Slice(next.Docs, func(i, j int) bool { return next.Docs[i].Path < next.Docs[j].Path })
	copyShared(next.Docs, again)
	next.Errors = append(next.Errors, assignUniqueIDs(next.Docs)...)
	sortErrors(next.Errors)
	return next, nil
}

// holdsDocument reports whether the KB path rel is where Load finds a
// document: a markdown file outside hidden folders, the top-level folders
// kb skips, and what kb.yaml's ignore: leaves out.
func (c *Config) holdsDocument(rel string) bool {
	parts := strings.Split(rel, "/")
	name := parts[len(parts)-1]
	if !IsMarkdown(name) || strings.HasPrefix(name, ".") || c.Ignored(rel) != "" {
		return false
	}
	for i, part := range parts[:len(parts)-1] {
		if part == "" || part == "." || part == ".." || strings.HasPrefix(part, ".") ||
			(i == 0 && skipDirs[part]) || c.Ignored(strings.Join(parts[:i+1], "/")) != "" {
			return false
		}
	}
	return true
}

// walkFinds reports whether the walk of Load meets an entry at rel that is
// not a folder: every folder on the way is a real folder (the walk follows
// no link to a folder). It looks at names only and reads nothing.
func (f *Files) walkFinds(rel string) bool {
	at := f.real
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		at = filepath.Join(at, part)
		info, err := os.Lstat(at)
		if err != nil {
			return false
		}
		if last := i == len(parts)-1; last != !info.IsDir() {
			return false
		}
	}
	return true
}

// copyShared replaces, in docs, each document not read again (not in
// again) whose ID numbering duplicates may change by a copy of it: one
// whose own id another document of its kind has too, or that was
// numbered before.
func copyShared(docs []*Doc, again map[string]bool) {
	type key struct {
		kind Kind
		id   string
	}
	count := make(map[key]int, len(docs))
	for _, d := range docs {
		count[key{d.Kind, d.ownID}]++
	}
	for i, d := range docs {
		if !again[d.Path] && d.Kind != KindPage && (count[key{d.Kind, d.ownID}] > 1 || d.ID != d.ownID) {
			c := *d
			docs[i] = &c
		}
	}
}
