package site

import (
	"maps"
	"sync"
)

// memory is a site held in memory: its files by slash name, and the
// document each page renders. While a live site renders into it, writes
// come from several goroutines; once published (LiveFiles) it is only
// read.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
	// docOf gives the document of each page, pageOf the page of each
	// document.
	docOf, pageOf map[string]string
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

// clone returns a memory holding the same files, to be written over.
// The files' bytes are shared: they are never changed, only replaced;
// so are the maps between pages and documents, which an update replaces
// whole.
func (m *memory) clone() *memory {
	return &memory{files: maps.Clone(m.files), docOf: m.docOf, pageOf: m.pageOf}
}

// LiveFiles is one state of a live site, never changed once an update
// returns it: any number of goroutines may read it.
type LiveFiles struct{ mem *memory }

// File returns the built file of slash name name ("index.html",
// "postmortems/x/index.html", "style.css").
func (f LiveFiles) File(name string) ([]byte, bool) {
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

// Names lists the site's files, in no order.
func (f LiveFiles) Names() []string {
	out := make([]string, 0, len(f.mem.files))
	for name := range f.mem.files {
		out = append(out, name)
	}
	return out
}
