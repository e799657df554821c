package content

import (
	"fmt"
	"strings"
)

// Pos is a position in a file of the KB: a slash-separated path relative to
// the KB root, a 1-based line counted over the whole file (front matter
// included) and a 1-based column counted in characters.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"column"`
}

// String formats the position as file:line:col, leaving out parts that are
// unknown (zero).
func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Error is a problem found while loading the KB: a malformed front matter
// block, an unreadable file, a duplicate id. It carries its position and the
// source lines around it so that a reader sees the problem in context.
type Error struct {
	Pos  Pos
	Kind ErrorKind
	Msg  string
	// Context holds up to two lines before and after Pos.Line, each cut to
	// a window around Pos.Col when it is long (see CutLine); ContextStart
	// is the line number of Context[0], and ContextCol the column of
	// Pos.Col within the cut of its line.
	Context      []string
	ContextStart int
	ContextCol   int
}

// ErrorKind sorts the problems found while loading, so that callers (lint
// gives each kind its rule) tell them apart by kind, never by their text.
type ErrorKind int

// The kinds of load errors.
const (
	// ErrorUnreadable is front matter or a file that kb cannot read: not
	// YAML, not closed, not text, too large, not readable. It is the zero
	// kind on purpose: an error made without a kind is still reported (as
	// schema/frontmatter), never dropped.
	ErrorUnreadable ErrorKind = iota
	// ErrorConfig is a kb.yaml setting that kb does not know or cannot use.
	ErrorConfig
	// ErrorDuplicateID is a document whose id another one of its kind has.
	ErrorDuplicateID
	// ErrorSkipped is a path that kb does not read on purpose: a link that
	// leads outside the KB, loops or leads nowhere, a FIFO, socket, device
	// or folder in a document's place.
	ErrorSkipped
	// ErrorOverLimit is a document that gives more than a per-document
	// limit of kb.yaml's limits: allows (values of a front matter list,
	// action items), of which kb uses the first ones only. Documents hold
	// these among their FieldErrors.
	ErrorOverLimit
)

// Error implements the error interface as "file:line:col: message".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Excerpt returns the error followed by its context lines, numbered, with a
// caret under the column of the offending line.
func (e *Error) Excerpt() string {
	var b strings.Builder
	b.WriteString(e.Error())
	for i, line := range e.Context {
		n := e.ContextStart + i
		mark := "  "
		if n == e.Pos.Line {
			mark = "> "
		}
		fmt.Fprintf(&b, "\n%s%4d | %s", mark, n, line)
		if n == e.Pos.Line && e.ContextCol > 0 {
			fmt.Fprintf(&b, "\n       | %s^", strings.Repeat(" ", e.ContextCol-1))
		}
	}
	return b.String()
}

// newError builds an Error at line:col of src (the whole file), keeping the
// nearby lines as context.
func newError(file string, src []byte, line, col int, format string, args ...any) *Error {
	return newKindError(ErrorUnreadable, file, src, line, col, format, args...)
}

// newKindError is newError for an error of another kind.
func newKindError(kind ErrorKind, file string, src []byte, line, col int, format string, args ...any) *Error {
	return NewLineIndex(src).errorAt(kind, file, line, col, format, args...)
}

// errorAt builds an Error at line:col of the indexed source, keeping the
// nearby lines, each cut around col, as context. Errors at lines in order
// (the field errors of one document) cost the source once in all.
func (x *LineIndex) errorAt(kind ErrorKind, file string, line, col int, format string, args ...any) *Error {
	e := &Error{Pos: Pos{File: file, Line: line, Col: col}, Kind: kind, Msg: CutText(fmt.Sprintf(format, args...), messageBytes, "…")}
	if line <= 0 || x == nil || x.src == nil {
		return e
	}
	for n := max(1, line-2); n <= line+2; n++ {
		text, ok := x.Line(n)
		if !ok {
			break
		}
		if len(e.Context) == 0 {
			e.ContextStart = n
		}
		cut := CutLine(text, col)
		e.Context = append(e.Context, cut.Text)
		if n == line {
			e.ContextCol = cut.Col
		}
	}
	return e
}

// messageBytes bounds the message of an error; the values it quotes are
// cut shorter still (shortValue).
const messageBytes = 1000

// shortValue cuts a value of the document for a message: at most 60
// bytes of it.
func shortValue(s string) string { return CutText(s, 60, "…") }
