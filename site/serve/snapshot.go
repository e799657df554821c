// Package serve is kb's preview server: it builds the site in memory,
// watches the KB's files, rebuilds what a change touches, and tells open
// pages to reload, with lint findings and load errors drawn in the page.
package serve

import (
	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
)

// Snapshot is one consistent state of the preview. The rebuild loop makes a
// new one after every change and swaps it in whole; handlers read a
// snapshot and never change it.
type Snapshot struct {
	// Gen counts rebuilds: the first build is 1.
	Gen uint64
	// Site holds the built pages.
	Site Pages
	// Findings are each document's lint findings by KB path (slash
	// separated, as content.Doc.Path), sorted by position.
	Findings map[string][]lint.Diagnostic
	// Errors are the problems found while loading, by KB path of the file
	// they are in (kb.yaml's among them), sorted by position.
	Errors map[string][]*content.Error
	// Stale names the documents whose latest version could not be read
	// (front matter that is not YAML, a file that is not text): their
	// pages are the last version that could, drawn under the error.
	Stale map[string]bool
}

// Pages is a built site held in memory.
type Pages interface {
	// File returns a built file by its slash name inside the site, as
	// kb build writes it: "index.html", "postmortems/x/index.html",
	// "style.css", "404.html".
	File(name string) ([]byte, bool)
	// DocOf returns the KB path of the document a page renders, for the
	// name File takes; ok is false for the site's own pages and files.
	DocOf(name string) (path string, ok bool)
	// PageOf returns the name of the page that renders the document at
	// KB path, the inverse of DocOf; ok is false for a file that has no
	// page (kb.yaml, a document that was never read).
	PageOf(path string) (name string, ok bool)
}
