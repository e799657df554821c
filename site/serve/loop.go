package serve

import (
	"context"
	"fmt"
	"io"
)

// loop applies each batch of changes the watcher reports, until ctx is
// done or the watcher stops.
func (p *session) loop(ctx context.Context, out, errw io.Writer) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case b, ok := <-p.watcher.Batches():
			if !ok {
				return fmt.Errorf("the watcher of %s stopped", p.opts.Dir)
			}
			what, err := p.apply(b)
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
		case note := <-p.index.notes:
			fmt.Fprintln(errw, "kb serve: "+note)
		}
	}
}
