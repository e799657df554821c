package index

import (
	"errors"
	"fmt"
	"maps"
	"sort"

	"github.com/blevesearch/bleve/v2"
)

// Stats counts what an Update did.
type Stats struct {
	// Indexed documents were new or changed (a renamed document is new
	// under its new path), and were indexed.
	Indexed int
	// Removed documents were in the index and are no longer given (a
	// renamed document is removed under its old path).
	Removed int
	// Unchanged documents were in the index as they are.
	Unchanged int
}

// Batches: a batch holds at most batchDocs documents or about batchBytes of
// text, and parallelBatches are written at once. bleve analyses a batch's
// documents on several goroutines and merges segments in the background;
// a second batch in flight would add the memory of a batch (about 100 MB)
// and, under kb search's memory limit, cost more in garbage collection
// than it gains (measured on the 10,000-document kbgen corpus: 18.1 s of
// CPU for 14.6, no faster).
const (
	batchDocs       = 400
	batchBytes      = 3 << 20
	parallelBatches = 1
)

// Update makes the index hold docs and nothing else: documents whose
// content hash is the one indexed are left alone, new and changed ones
// are indexed, and documents no longer given are removed. The index keeps
// docs (the caller must not change them) for the snippets and fields of
// later searches. An index that turns out damaged while it is updated is
// rebuilt from docs, with a note (see Notes).
func (ix *Index) Update(docs []Document) (Stats, error) {
	if ix.bleve == nil {
		return Stats{}, &Error{Kind: Closed, Path: ix.path, Detail: "the search index is closed"}
	}
	st, err := ix.update(docs)
	var ie *Error
	if errors.As(err, &ie) && ie.Kind == Corrupt {
		ix.corrupt.Store(false)
		if rerr := ix.rebuild(fmt.Sprintf("the search index failed while being updated (%v)", ie.Detail)); rerr != nil {
			return Stats{}, rerr
		}
		st, err = ix.update(docs)
	}
	return st, err
}

// update does the work of Update; a panic of bleve is a Corrupt error.
func (ix *Index) update(docs []Document) (st Stats, err error) {
	defer func() {
		if r := recover(); r != nil {
			ix.corrupt.Store(true)
			err = &Error{Kind: Corrupt, Path: ix.path, Detail: fmt.Sprint(r)}
		}
	}()
	ix.dropView()
	ix.given, ix.docs = docs, make(map[string]*Document, len(docs))
	ix.dropFacets()
	for i := range docs {
		if docs[i].Path != "" {
			ix.docs[docs[i].Path] = &docs[i]
		}
	}
	var changed []*Document
	for i := range docs {
		d := &docs[i]
		if ix.docs[d.Path] != d {
			continue // no path, or given twice: the last one counts
		}
		if h, ok := ix.hashes[d.Path]; ok && h != "" && h == d.Hash {
			st.Unchanged++
		} else {
			changed = append(changed, d)
		}
	}
	var removed []string
	for path := range ix.hashes {
		if ix.docs[path] == nil {
			removed = append(removed, path)
		}
	}
	sort.Strings(removed)
	if err := ix.write(changed, removed); err != nil {
		return st, err
	}
	st.Indexed, st.Removed = len(changed), len(removed)
	return st, nil
}

// pending is one batch to write, and what it holds.
type pending struct {
	batch   *bleve.Batch
	docs    []*Document
	removed []string
}

// write indexes changed and removes removed, in batches, several at once.
func (ix *Index) write(changed []*Document, removed []string) error {
	batches := ix.plan(changed, removed)
	total := len(changed) + len(removed)
	done := 0
	results := make(chan result, len(batches))
	running := 0
	var firstErr error
	for i := 0; i < len(batches) || running > 0; {
		if i < len(batches) && running < parallelBatches && firstErr == nil && ix.stopped() {
			firstErr = &Error{Kind: Stopped, Path: ix.path, Detail: fmt.Sprintf("the update stopped with %d of %d documents written", done, total)}
		}
		if i < len(batches) && running < parallelBatches && firstErr == nil {
			batches[i].batch.SetInternal([]byte(hashesKey), encodeHashes(ix.hashesAfter(batches[i])))
			go ix.runBatch(batches[i], results)
			i++
			running++
			continue
		}
		if running == 0 {
			break // an error stopped the rest
		}
		res := <-results
		running--
		if res.err != nil {
			if firstErr == nil {
				firstErr = res.err
			}
			continue
		}
		ix.applied(res.p)
		done += len(res.p.docs) + len(res.p.removed)
		if ix.opts.progress != nil {
			ix.opts.progress(Progress{Done: done, Total: total})
		}
	}
	if firstErr == nil && parallelBatches > 1 && len(batches) > 1 {
		// Each batch stored the hashes of the batches written before it
		// started and its own; batches written side by side miss each
		// other's, which would only cost indexing them again.
		firstErr = ix.bleve.SetInternal([]byte(hashesKey), encodeHashes(ix.hashes))
	}
	return firstErr
}

// stopped reports that the channel of WithStop is closed.
func (ix *Index) stopped() bool {
	select {
	case <-ix.opts.stop:
		return true
	default:
		return false
	}
}

// hashesAfter returns the hashes of the index once p is written over what
// is written so far.
func (ix *Index) hashesAfter(p *pending) map[string]string {
	m := maps.Clone(ix.hashes)
	for _, path := range p.removed {
		delete(m, path)
	}
	for _, d := range p.docs {
		m[d.Path] = d.Hash
	}
	return m
}

// plan cuts the work into batches: removals first, then the documents.
func (ix *Index) plan(changed []*Document, removed []string) []*pending {
	var out []*pending
	cur := &pending{batch: ix.bleve.NewBatch()}
	size := 0
	flush := func() {
		if len(cur.docs)+len(cur.removed) > 0 {
			out = append(out, cur)
			cur = &pending{batch: ix.bleve.NewBatch()}
			size = 0
		}
	}
	for _, path := range removed {
		cur.batch.Delete(path)
		cur.removed = append(cur.removed, path)
	}
	for _, d := range changed {
		if len(cur.docs) >= batchDocs || size >= batchBytes {
			flush()
		}
		cur.docs = append(cur.docs, d)
		size += len(d.Body) + len(d.Title) + len(d.Names)
	}
	flush()
	return out
}

// result is the outcome of one batch.
type result struct {
	p   *pending
	err error
}

// runBatch maps and writes one batch; a panic of bleve is a Corrupt error.
func (ix *Index) runBatch(p *pending, results chan<- result) {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Kind: Corrupt, Path: ix.path, Detail: fmt.Sprint(r)}
		}
		results <- result{p: p, err: err}
	}()
	for _, d := range p.docs {
		if err = p.batch.Index(d.Path, toBleve(d)); err != nil {
			err = fmt.Errorf("indexing %s: %w", d.Path, err)
			return
		}
	}
	if err = ix.bleve.Batch(p.batch); err != nil {
		err = fmt.Errorf("writing the search index: %w", err)
	}
	// The batch is let go, not Reset: bleve's goroutine that queued its
	// documents for analysis may still be ranging over them when Batch
	// returns.
	p.batch = nil
}

// applied records a written batch in the hashes.
func (ix *Index) applied(p *pending) {
	for _, path := range p.removed {
		delete(ix.hashes, path)
	}
	for _, d := range p.docs {
		ix.hashes[d.Path] = d.Hash
	}
}
