package main

import (
	"fmt"
	"io"

	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/lint"
	"github.com/kb-tools/kb/site/serve"
)

// indexRecurrences finds earlier postmortems like the changed ones in the
// KB's search index, for the rule recurrence/similar. The index is opened
// and brought up to date at the first question, so that a branch that
// changes no postmortem costs nothing; Close lets it go and says on
// stderr why the check was skipped, if it was.
type indexRecurrences struct {
	dir    string
	stderr io.Writer
	ix     *index.Index
	tried  bool
	err    error
}

// Similar implements lint.Recurrences.
func (r *indexRecurrences) Similar(path string, n int) ([]lint.Recurrence, error) {
	if !r.tried {
		r.tried = true
		r.ix, r.err = r.open()
	}
	if r.err != nil {
		return nil, r.err
	}
	found, err := r.ix.Similar(path, n)
	if err != nil {
		r.err = err
		return nil, err
	}
	out := make([]lint.Recurrence, len(found))
	for i, s := range found {
		out[i] = lint.Recurrence{Path: s.Path, Similarity: s.Similarity}
	}
	return out, nil
}

// open opens the index of the KB and updates it with the KB's documents.
func (r *indexRecurrences) open() (*index.Index, error) {
	docs, err := searchDocuments(r.dir, io.Discard) // kb lint reports the problems itself
	if err != nil {
		return nil, err
	}
	prog := newProgress(r.stderr, "kb lint")
	defer prog.done()
	ix, err := index.Open(r.dir, index.WithProgress(prog.update))
	if err != nil {
		return nil, err
	}
	_, err = ix.Update(docs)
	for _, note := range ix.Notes() {
		fmt.Fprintln(r.stderr, "kb lint: "+note)
	}
	if err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// Close closes the index, if it was opened, and says why the check was
// skipped, if it was.
func (r *indexRecurrences) Close() {
	if r.ix != nil {
		if err := r.ix.Close(); err != nil && r.err == nil {
			r.err = err
		}
	}
	switch {
	case r.err == nil:
	case isLocked(r.err) && serve.Running(r.dir):
		fmt.Fprintf(r.stderr, "kb lint: recurrence/similar skipped: the kb serve of %s holds its search index; stop it to see the earlier postmortems like the changed ones\n", r.dir)
	default:
		fmt.Fprintf(r.stderr, "kb lint: recurrence/similar skipped: %v\n", r.err)
	}
}
