package serve

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/site"
)

// searchIndex is the preview's bleve index, kept up to date on a goroutine
// of its own: searches wait only for the update under way, and updates
// that come while one runs are taken together.
type searchIndex struct {
	// mu is held for reading by searches, which bleve and kb's index run
	// at once, and for writing by updates and the close.
	mu sync.RWMutex
	ix *index.Index
	// err says why there is no index to search: still being built, held
	// by another program.
	err error
	// docs holds what the index keeps of each document, made again only
	// for documents that changed.
	docs map[*content.Doc]index.Document
	// building is set while the index is first brought up to date.
	building atomic.Bool

	// next is the latest KB to index, taken by the goroutine; wake says
	// there is one; done closes the goroutine.
	nextMu sync.Mutex
	next   *content.KB
	wake   chan struct{}
	done   chan struct{}
	exited chan struct{}
	notes  chan string
	// started says the goroutine runs (start was called).
	started bool
}

// errIndexing is the answer of searches while the index is first built.
var errIndexing = &index.Error{Kind: index.Closed, Detail: "the search index is being built; try again in a few seconds"}

// newSearchIndex returns the index of a preview, which answers
// errIndexing until started.
func newSearchIndex() *searchIndex {
	return &searchIndex{err: errIndexing, docs: map[*content.Doc]index.Document{}, wake: make(chan struct{}, 1),
		done: make(chan struct{}), exited: make(chan struct{}), notes: make(chan string, 8)}
}

// start opens the index of the KB at dir (with opts, which tests give)
// and brings it up to date with kb, on a goroutine of its own. An update
// under way when the index is closed stops at its next batch.
func (s *searchIndex) start(dir string, kb *content.KB, opts ...index.Option) {
	s.update(kb)
	s.started = true
	go s.run(dir, append(opts, index.WithStop(s.done)))
}

// update asks for the index to hold kb's documents.
func (s *searchIndex) update(kb *content.KB) {
	s.nextMu.Lock()
	s.next = kb
	s.nextMu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *searchIndex) run(dir string, opts []index.Option) {
	defer close(s.exited)
	ix, ok := s.open(dir, opts)
	if !ok {
		return
	}
	for _, n := range ix.Notes() {
		s.note(n)
	}
	s.mu.Lock()
	s.ix = ix
	s.mu.Unlock()
	first := true
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		s.nextMu.Lock()
		kb := s.next
		s.nextMu.Unlock()
		docs := s.documents(kb)
		s.building.Store(first)
		s.mu.Lock()
		_, err := ix.Update(docs)
		s.err = err
		s.mu.Unlock()
		s.building.Store(false)
		first = false
		var ie *index.Error
		if err != nil && !(errors.As(err, &ie) && ie.Kind == index.Stopped) {
			s.note("search index: " + err.Error())
		}
	}
}

// documents returns what the index keeps of each document of kb.
func (s *searchIndex) documents(kb *content.KB) []index.Document {
	urls := site.URLs(kb.Docs)
	out := make([]index.Document, len(kb.Docs))
	kept := make(map[*content.Doc]index.Document, len(kb.Docs))
	for i, d := range kb.Docs {
		doc, ok := s.docs[d]
		if !ok || doc.URL != urls[d] {
			doc = index.NewDocument(d, urls[d])
		}
		out[i], kept[d] = doc, doc
	}
	s.docs = kept
	return out
}

func (s *searchIndex) note(msg string) {
	select {
	case s.notes <- msg:
	default:
	}
}

// search runs req, once the index is built; while it is first built, it
// answers errIndexing at once.
func (s *searchIndex) search(req index.Request) (index.Result, error) {
	if s.building.Load() {
		return index.Result{}, errIndexing
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.ix == nil || s.err != nil {
		return index.Result{}, s.err
	}
	return s.ix.Search(req)
}

// close stops the goroutine and closes the index.
func (s *searchIndex) close() error {
	if !s.started {
		return nil
	}
	close(s.done)
	<-s.exited
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix == nil {
		return nil
	}
	err := s.ix.Close()
	s.ix = nil
	return err
}

// open opens the index of dir. While another program holds it (a kb
// search of the KB, which takes it when no server answers yet), it tries
// again every second, saying so once, until it has it or the preview
// stops; any other error turns search off.
func (s *searchIndex) open(dir string, opts []index.Option) (*index.Index, bool) {
	waited := false
	for {
		ix, err := index.Open(dir, opts...)
		var ie *index.Error
		if err == nil {
			return ix, true
		}
		if !errors.As(err, &ie) || ie.Kind != index.Locked {
			s.mu.Lock()
			s.err = err
			s.mu.Unlock()
			s.note("search is off: " + err.Error())
			return nil, false
		}
		if !waited {
			waited = true
			s.note("the search index is held by another program; search waits for it")
		}
		select {
		case <-s.done:
			return nil, false
		case <-time.After(time.Second):
		}
	}
}
