// Package mdscan reads CommonMark with GitHub's tables line by line and
// reports what it finds as neutral events: headings, paragraph lines, list
// items, table rows, code, HTML and quote blocks, thematic breaks, code
// spans and links, each with byte segments of the source it was given. It
// knows nothing of what a document means: a caller that reads sections or
// action items builds them from the events.
//
// The reader follows the block structure closely enough to agree with a
// full parse (goldmark) on the documents teams write, at a fraction of the
// cost of a syntax tree; the differences that remain are listed with the
// package's tests (testdata/accepted.txt). Some markup would cost a
// renderer work out of proportion to its size (containers nested very
// deep, paragraphs of unclosed markers): the reader measures that as it
// goes and, where a bound is passed, reports a Halt and stops.
package mdscan

// Segment is a range of bytes of the source, [Start, Stop).
type Segment struct {
	Start, Stop int
}

// Value returns the bytes of src that s covers.
func (s Segment) Value(src []byte) []byte { return src[s.Start:s.Stop] }

// Len returns the length of the segment in bytes.
func (s Segment) Len() int { return s.Stop - s.Start }

// Kind says what an event reports.
type Kind uint8

// The kinds of event, with the fields each sets besides Kind, Line and Col
// (the line and character column, both 1-based, where the event's text or
// block starts).
const (
	// Heading: Level (1-6), Setext, Text (the heading's text without its
	// markers; for a setext heading, Lines holds each of its lines and
	// Text spans them), Depth (the list items it is inside, 0 at the top
	// level; headings inside block quotes are not reported).
	Heading Kind = iota + 1
	// ParagraphLine: one line of a paragraph, Text from its first
	// character to the end of the line. Depth is the number of list items
	// around it (0 outside lists), Quote the block quote depth, ItemText
	// whether it continues the first paragraph of the list item last
	// started. A paragraph's lines outside lists and quotes are reported
	// when the paragraph ends, as a line may turn out to be a setext
	// heading's or a table's header.
	ParagraphLine
	// ListItem: a list item starts. Depth (0 for an item of a top-level
	// list), Marker ('-', '*', '+', '.' or ')'), Number (of an ordered
	// item), Task, and Text, the text after the marker on the item's first
	// line (empty when the line holds only the marker). List items inside
	// block quotes are not reported.
	ListItem
	// ItemEnd: the item of a top-level list last started ends (nested
	// items end with it or with the next item, unreported).
	ItemEnd
	// TableRow: Header for the header row, else a body row; Text is the
	// row's line (from its first character for the header); Cells are the
	// cells' text, trimmed, without the pipes (a body row's cells beyond
	// the header's are dropped). An escaped pipe "\|" stays as written.
	TableRow
	// CodeBlock: a fenced (Fenced, Info the info string) or indented code
	// block; First and Last are its first and last lines of content, 0
	// when it has none.
	CodeBlock
	// HTMLBlock: First and Last lines of an HTML block.
	HTMLBlock
	// BlockQuote: First and Last lines of a block quote, Quote its
	// deepest nesting.
	BlockQuote
	// ThematicBreak: a "---", "***" or "___" line outside lists.
	ThematicBreak
	// CodeSpan: Text is the content of an inline code span, between its
	// backtick runs (reported only with the CodeSpans option).
	CodeSpan
	// Link: a link, image (Image) or autolink (Autolink): Dest its
	// destination (a reference link's from its definition, an e-mail
	// autolink's with "mailto:"), Text its text (an autolink's address),
	// Offset where a reader sees it start: the first character of its
	// text after any emphasis or code markers, an autolink's "<"; Stop the
	// offset just after it (after its ")", its reference's "]" or an
	// autolink's ">"). Line and Col are those of Offset.
	Link
	// Halt: the body is too costly to render as markdown from Offset on
	// (Line, Col), for the reason Why; no events follow.
	Halt
)

// Task is the state of a task list item's check box.
type Task uint8

// Task states.
const (
	NoTask   Task = iota // not a task item
	TaskOpen             // "[ ]"
	TaskDone             // "[x]" or "[X]"
)

// Event is one thing the scanner found. The scanner reuses the Event it
// passes: a handler that keeps one copies it, and Lines and Cells too.
type Event struct {
	Kind Kind
	// Line and Col are where the event starts, 1-based, Col in
	// characters.
	Line, Col int
	// Text is the event's text: see each Kind.
	Text Segment
	// Lines are a setext heading's lines; Cells a table row's cells.
	Lines, Cells []Segment

	Level    int  // heading level
	Setext   bool // a setext heading
	Depth    int  // list nesting
	Quote    int  // block quote nesting
	ItemText bool // the line continues the last item's first paragraph

	Marker byte // list marker
	Number int  // ordered list item's number
	Task   Task

	Header bool // a table's header row

	First, Last int     // a block's lines
	Fenced      bool    // a fenced code block
	Info        Segment // a fenced code block's info string

	Dest     string
	Image    bool
	Autolink bool
	Offset   int
	Stop     int // the offset after a link

	Why string
}

// Why a body is too costly to render as markdown (Event.Why of a Halt).
const (
	WhyNesting  = "block quotes and list items nested more than 32 deep"
	WhyBrackets = "link brackets nested more than 32 deep in one paragraph"
	WhyInline   = "so many unclosed code spans, emphasis markers, brackets or link destinations in one paragraph that rendering it would take time out of proportion to its size"
)

// Option changes what Scan reports.
type Option func(*options)

type options struct {
	refs      Refs
	refsGiven bool
	codeSpans bool
}

// WithRefs gives Scan the document's link reference definitions, read
// before with ReadRefs, so that it need not read them again.
func WithRefs(r Refs) Option {
	return func(o *options) { o.refs, o.refsGiven = r, true }
}

// CodeSpans makes Scan report inline code spans (CodeSpan events).
func CodeSpans() Option {
	return func(o *options) { o.codeSpans = true }
}
