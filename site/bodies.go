package site

import (
	"sync/atomic"

	"github.com/kb-tools/kb/internal/work"
)

// bodiesAhead renders document bodies on all processors while the rest of
// the site's model (similar incidents, taxonomies, lessons, trends) is
// worked out, so that no processor waits through those serial steps. The
// documents it did not reach when stopped get their body when their page
// is rendered.
type bodiesAhead struct {
	stopped atomic.Bool
	// held counts the bytes of the bodies rendered, which wait in memory
	// for their pages.
	held atomic.Int64
	done chan struct{}
}

// aheadBytes bounds the bodies rendered ahead: on a KB of 10,000 documents
// they come to 35–40 MiB before the model is done.
const aheadBytes = 64 << 20

// renderBodiesAhead starts rendering the bodies of docs, in order.
func renderBodiesAhead(docs []*page, newRenderer func() *bodyRenderer) *bodiesAhead {
	b := &bodiesAhead{done: make(chan struct{})}
	go func() {
		defer close(b.done)
		work.Each(len(docs), func() func(int) bool {
			r := newRenderer()
			return func(i int) bool {
				if b.stopped.Load() || b.held.Load() >= aheadBytes {
					return false
				}
				docs[i].renderBody(r)
				b.held.Add(int64(len(docs[i].Content)))
				return true
			}
		})
	}()
	return b
}

// stop ends the rendering ahead and waits for the bodies under way.
func (b *bodiesAhead) stop() {
	b.stopped.Store(true)
	<-b.done
}

// renderBody renders the page's document body into Content, once.
func (p *page) renderBody(r *bodyRenderer) error {
	if !p.bodyDone {
		p.Content, p.ActionsInBody, p.bodyErr = r.render(p.Doc, p.URL)
		p.bodyDone = true
	}
	return p.bodyErr
}
