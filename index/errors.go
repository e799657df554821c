package index

import "fmt"

// ErrorKind sorts the errors of this package, so that callers tell them
// apart by kind (errors.As and Kind), never by their text.
type ErrorKind int

// The kinds of errors.
const (
	// Locked: another process has the index open; nothing was changed.
	Locked ErrorKind = iota + 1
	// BadQuery: a query in bleve's query-string syntax that cannot be read.
	BadQuery
	// Corrupt: the index files were found damaged while in use. The index
	// is removed when it is closed, so that the next Open builds it anew.
	Corrupt
	// Closed: the Index was used after Close.
	Closed
	// Stopped: an Update stopped between two batches because the channel
	// of WithStop was closed. What was written is kept, consistent; the
	// next Update indexes the rest.
	Stopped
)

// Error is an error of the index package, with its kind.
type Error struct {
	Kind ErrorKind
	// Path is the index or lock file concerned, when there is one.
	Path string
	// Detail says what happened, for a person.
	Detail string
	// Err is the underlying error, if any.
	Err error
}

// Error implements the error interface.
func (e *Error) Error() string {
	s := e.Detail
	if e.Path != "" {
		s = e.Path + ": " + s
	}
	if e.Err != nil {
		s = fmt.Sprintf("%s: %v", s, e.Err)
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
