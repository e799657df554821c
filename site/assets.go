package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"sync"

	"github.com/kb-tools/kb/content"
)

// filesPrefix is the folder of the site that holds the files documents
// link to, at their paths in the KB: postmortems/img/db.png is published
// as /files/postmortems/img/db.png, whichever page links to it.
const filesPrefix = "files/"

// assets copies the files that documents link to (images, PDFs, text
// files) into the site, once each, as pages are rendered. Every read goes
// through content.Files, so only the KB's own regular files, within the
// kb.yaml limit, are published. An assets may be used by several
// goroutines at once.
type assets struct {
	files *content.Files
	limit content.Limit
	out   sink
	// publishes reports the KB files that may be published
	// (content.Config.PublishesFile).
	publishes func(string) bool

	mu     sync.Mutex
	copies map[string]*assetCopy
	// failed is the first error writing a copy, which fails the build.
	failed error
}

// assetCopy is the copy of one file, made once.
type assetCopy struct {
	once sync.Once
	ok   bool
	// skipped says why a file that exists was not copied.
	skipped error
}

// newAssets returns the copier of the KB's files into out.
func newAssets(files *content.Files, limit content.Limit, out sink, publishes func(string) bool) *assets {
	return &assets{files: files, limit: limit, out: out, publishes: publishes, copies: map[string]*assetCopy{}}
}

// publish copies the KB file at the slash path rel into the site, the
// first time it is asked for, and returns its site path; false when the
// file is not published (missing, a folder, a document, not the KB's own,
// hidden, left out by kb.yaml's ignore:, or over the limit). A file is
// copied once, at the path its links lead to: links through symbolic
// links to one file (d/a/b/f.png where a and b lead back to d) make one
// copy, not one per spelling.
//
// rel is a KB path as content.LinkTarget gives it: inside the KB.
func (a *assets) publish(rel string) (string, bool) {
	if !a.publishes(rel) {
		return "", false
	}
	real, err := a.files.RealPath(rel)
	if err != nil || !a.publishes(real) {
		return "", false // missing or not the KB's own: lint's links/broken says so
	}
	a.mu.Lock()
	c := a.copies[real]
	if c == nil {
		c = &assetCopy{}
		a.copies[real] = c
	}
	a.mu.Unlock()
	c.once.Do(func() { c.ok, c.skipped = a.copy(real) })
	return "/" + filesPrefix + real, c.ok
}

// copy reads rel and writes it into the site. It returns whether it did,
// and why not when rel exists and is a file kb does not publish.
func (a *assets) copy(rel string) (bool, error) {
	if info, err := a.files.Stat(rel); err == nil && info.IsDir() {
		return false, nil // a link to a folder of the KB
	}
	data, err := a.files.ReadFile(rel, a.limit)
	var fe *content.FileError
	switch {
	case errors.As(err, &fe) && (fe.Problem == content.FileMissing || fe.Problem == content.FileDangling):
		return false, nil // lint's links/broken says so
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	}
	if err := a.out.write(filesPrefix+rel, data); err != nil {
		a.mu.Lock()
		if a.failed == nil {
			a.failed = err
		}
		a.mu.Unlock()
		return false, nil
	}
	return true, nil
}

// err returns the first error writing a copy.
func (a *assets) err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.failed
}

// notes says, a line each, which linked files were not copied and why.
func (a *assets) notes() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for rel, c := range a.copies {
		if c.skipped != nil {
			out = append(out, fmt.Sprintf("%s is linked from a document but not copied into the site: %v", rel, c.skipped))
		}
	}
	sort.Strings(out)
	return out
}

// fileLink returns the link from the page at fromURL to a published file
// at the site path site, escaped for an href, with the original link's
// query and fragment.
func fileLink(fromURL, site string, u *url.URL) string {
	link := (&url.URL{Path: relPath(fromURL, site)}).EscapedPath()
	if u.RawQuery != "" {
		link += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		link += "#" + u.EscapedFragment()
	}
	return link
}
