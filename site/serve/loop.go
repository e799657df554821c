package serve

import (
	"context"
	"fmt"
	"io"
	"time"
)

// searchDelay is how long the KB must be left alone before the static
// search index is written again: it costs about a second of work on a KB
// of 10,000 documents, which should not slow the edits that come in a row.
const searchDelay = 1500 * time.Millisecond

// indexDelay is how long after a change the search index is brought up to
// date (tens of milliseconds of work on a large KB): long enough for the
// open pages to fetch what changed first, short enough that a search
// finds the change at once.
const indexDelay = 100 * time.Millisecond

// loop applies each batch of changes the watcher reports, until ctx is
// done or the watcher stops.
func (p *session) loop(ctx context.Context, out, errw io.Writer) error {
	quiet := time.NewTimer(searchDelay)
	defer quiet.Stop()
	reindex := time.NewTimer(indexDelay)
	reindex.Stop()
	defer reindex.Stop()
	// Changes wait until the site's first pages are all rendered; a stop
	// does not.
	rendered := p.live.Rendered()
	var batches <-chan Batch
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-rendered:
			rendered = nil
			batches = p.watcher.Batches()
			if err := p.live.Wait(); err != nil {
				// A page the layouts cannot render: shown on every
				// page until a change renders them all again.
				p.templateErr = err
				p.notify(Event{Gen: p.publish()})
			}
		case <-quiet.C:
			if rendered != nil {
				quiet.Reset(searchDelay)
				continue
			}
			p.startSearchJob()
		case <-reindex.C:
			p.indexStale = false
			p.index.update(p.kb)
		case b, ok := <-batches:
			if !ok {
				return fmt.Errorf("the watcher of %s stopped", p.opts.Dir)
			}
			pending := p.indexStale
			what, err := p.apply(b)
			quiet.Reset(searchDelay)
			if p.indexStale && !pending {
				// Edits in a row do not put it off: it comes at most
				// indexDelay after the first change it has not seen.
				reindex.Reset(indexDelay)
			}
			p.history.check() // a checkout changes files, then HEAD
			if err != nil {
				fmt.Fprintf(errw, "kb serve: %v\n", err)
				continue
			}
			fmt.Fprintln(out, "kb serve: "+what)
		case note := <-p.watcher.Notes():
			fmt.Fprintln(errw, "kb serve: "+note)
		case h := <-p.history.changes():
			p.historyChanged(h)
		case s := <-p.searchDone:
			p.searchWritten(s)
			if p.live.SearchStale() {
				quiet.Reset(searchDelay) // edits came while it was written
			}
		case note := <-p.index.notes:
			fmt.Fprintln(errw, "kb serve: "+note)
		}
	}
}
