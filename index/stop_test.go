package index

import (
	"errors"
	"sync"
	"testing"
)

// TestUpdateStopsBetweenBatches closes the stop channel once the first
// batch is written: Update stops there with an error of kind Stopped, and
// the next Update keeps what was written and indexes the rest.
func TestUpdateStopsBetweenBatches(t *testing.T) {
	const n = 2*batchDocs + 10
	dir := manyDocsKB(t, n)
	stop := make(chan struct{})
	var once sync.Once
	batches := 0
	ix, err := Open(dir, WithStop(stop), WithProgress(func(Progress) {
		batches++
		once.Do(func() { close(stop) })
	}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ix.Update(loadDocs(t, dir))
	var ie *Error
	if !errors.As(err, &ie) || ie.Kind != Stopped || batches != 1 {
		t.Errorf("Update after the stop: %v, %d batches written; want kind Stopped after 1", err, batches)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	st, notes := openAndUpdate(t, dir)
	if st.Unchanged != batchDocs || st.Indexed != n-batchDocs || len(notes) > 0 {
		t.Errorf("the next Update: %+v, notes %q; want the first batch kept and the rest indexed", st, notes)
	}
}
