package site

import (
	"maps"
	"sync"
)

// memory is a site held in memory: its files by slash name, and the
// document each page renders. While a live site renders into it, writes
// come from several goroutines; once published (LiveFiles) it is only
// read, but for the pages of a first render still to come (first).
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
	// docOf gives the document of each page, pageOf the page of each
	// document.
	docOf, pageOf map[string]string
	// first, when not nil, is the first render of the site, which may
	// still be writing pages (and the files they link to) into files:
	// until it is finished, files is read under mu.
	first *firstRender
}

func newMemory() *memory {
	return &memory{files: map[string][]byte{}, docOf: map[string]string{}, pageOf: map[string]string{}}
}

// write keeps a copy of data as the file name.
func (m *memory) write(name string, data []byte) error {
	kept := append([]byte(nil), data...)
	m.mu.Lock()
	m.files[name] = kept
	m.mu.Unlock()
	return nil
}

// read returns the file name, under the lock.
func (m *memory) read(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return data, ok
}

// settled reports whether no page is still to be written into m: once
// true, m.files may be read without the lock.
func (m *memory) settled() bool {
	return m.first == nil || m.first.finished()
}

// clone returns a memory holding the same files, to be written over.
// The files' bytes are shared: they are never changed, only replaced;
// so are the maps between pages and documents, which an update replaces
// whole. m must be settled.
func (m *memory) clone() *memory {
	return &memory{files: maps.Clone(m.files), docOf: m.docOf, pageOf: m.pageOf}
}

// LiveFiles is one state of a live site, never changed once an update
// returns it: any number of goroutines may read it. A new site's pages
// but its home page are rendered after NewLive returns; a page asked for
// before is rendered then, so that what is read is always the site as it
// is once every page is.
type LiveFiles struct{ mem *memory }

// File returns the built file of slash name name ("index.html",
// "postmortems/x/index.html", "style.css"). On a new site it may render
// the page, or wait for the page that links to a file to be rendered.
func (f LiveFiles) File(name string) ([]byte, bool) {
	if !f.mem.settled() {
		return f.mem.first.file(name)
	}
	data, ok := f.mem.files[name]
	return data, ok
}

// DocOf returns the KB path of the document the page of file name renders.
func (f LiveFiles) DocOf(name string) (string, bool) {
	p, ok := f.mem.docOf[name]
	return p, ok
}

// PageOf returns the name of the file of the page that renders the
// document at the KB path path.
func (f LiveFiles) PageOf(path string) (string, bool) {
	name, ok := f.mem.pageOf[path]
	return name, ok
}

// Names lists the site's files, in no order. On a new site it waits for
// every page to be rendered.
func (f LiveFiles) Names() []string {
	if f.mem.first != nil {
		f.mem.first.wait()
	}
	out := make([]string, 0, len(f.mem.files))
	for name := range f.mem.files {
		out = append(out, name)
	}
	return out
}
