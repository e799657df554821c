package content

import (
	"math"
	"time"
)

// Kind says what a document is: a postmortem, a runbook or a plain page.
type Kind string

// The document kinds kb knows.
const (
	KindPostmortem Kind = "postmortem"
	KindRunbook    Kind = "runbook"
	KindPage       Kind = "page"
)

// Doc is one markdown file of the KB with everything kb derives from it.
// Positions are in the whole file, front matter included.
type Doc struct {
	// Path is the file's path relative to the KB root, slash-separated.
	Path string
	Kind Kind
	// KindFrom says how Kind was decided: by front matter, by kb.yaml's
	// kinds: (or the default folders), or guessed from the document's
	// shape.
	KindFrom KindSource
	// ID names the document in URLs and cross references: the front matter
	// id, else the file name (for a README.md, index.md or _index.md below
	// the root, its folder's name), lower-cased with runs of other
	// characters turned into "-".
	ID string
	// ownID is the id the document gives itself, before duplicates are
	// numbered (assignUniqueIDs), so that they can be numbered again.
	ownID string
	Title string
	// Date is the front matter date, else a YYYY-MM-DD file-name prefix,
	// else a date written in the title ("2019-04-18 outage", "Outage on
	// April 18, 2019"), else the earliest dated timeline entry. Not Set
	// when none is known.
	Date Time
	// DatePos is where a set Date was read: the date: value, the file
	// name (line 1, column 1), the title (its front matter value or its
	// heading) or the timeline entry; DateFrom says which.
	DatePos  Pos
	DateFrom DateSource

	// Source is the whole file as read, with a UTF-8 byte-order mark removed
	// and CRLF line ends turned into LF.
	Source []byte
	// HasFrontMatter reports whether the file starts with a front matter
	// block; BodyOffset and BodyLine locate the markdown after it.
	HasFrontMatter bool
	// FrontMatterBroken reports a front matter block kb could not read (the
	// load error says why); its fields are all missing.
	FrontMatterBroken bool
	BodyOffset        int
	BodyLine          int
	// PlainBody reports a body whose markdown would cost the renderer
	// work out of proportion to its size (nesting too deep, too many
	// unclosed markers in a paragraph; a load error says where): its page
	// shows the text as it is, and no sections, links, body action items,
	// timeline, code or quotes are read from it.
	PlainBody bool

	// Keys lists the front matter's top-level keys in file order.
	Keys []Key
	Meta Meta

	Sections []Section
	Actions  []ActionItem
	Timeline []TimelineEntry
	Links    []Link
	// Code lists the lines of code blocks (fenced or indented) and raw HTML
	// blocks; Quotes the lines of block quotes. Prose checks skip or weigh
	// them differently.
	Code   []LineRange
	Quotes []LineRange
	// Markup lists the ranges of the source, outside code blocks, that are
	// inline markup rather than prose: code spans with their backticks,
	// and the part of each link after its text (its destination or
	// reference label; all of an autolink), in source order.
	Markup []ByteRange

	// FieldErrors are front matter values of the wrong shape (a list where
	// a date belongs, say). The value is left out of Meta; lint reports them.
	FieldErrors []*Error
}

// DateSource says where a document's Date was read.
type DateSource int

// The places a document's date is read from, in the order kb tries them.
const (
	DateFromFrontMatter DateSource = iota + 1
	DateFromFileName
	DateFromTitle
	DateFromTimeline
)

// Body returns the markdown after the front matter (nil when the source
// was dropped, see WithoutSources).
func (d *Doc) Body() []byte {
	if d.Source == nil {
		return nil
	}
	return d.Source[d.BodyOffset:]
}

// Key is a top-level front matter key and where it and its value stand.
type Key struct {
	Name     string
	Pos      Pos
	ValuePos Pos
}

// ValuePos returns the position of the value of the front matter key
// name, if present.
func (d *Doc) ValuePos(name string) (Pos, bool) {
	for _, k := range d.Keys {
		if k.Name == name {
			return k.ValuePos, true
		}
	}
	return Pos{}, false
}

// KeyPos returns the position of the front matter key name, if present.
func (d *Doc) KeyPos(name string) (Pos, bool) {
	for _, k := range d.Keys {
		if k.Name == name {
			return k.Pos, true
		}
	}
	return Pos{}, false
}

// Meta holds the front matter fields kb understands. Fields absent from the
// file are zero (a Time is not Set).
type Meta struct {
	Description string
	Severity    string
	Status      string
	Services    []string
	Tags        []string
	Authors     []string

	// Postmortem fields.
	IncidentCommander   string
	Started             Time
	Detected            Time
	Mitigated           Time
	Resolved            Time
	ContributingFactors []string
	Insight             string
	Guardrails          []string
	Runbooks            []string
	// Impact is the incident's blast radius (impact:).
	Impact Impact

	// LintDisable lists the lint rules the file turns off for itself
	// (lint: {disable: [...]}).
	LintDisable []string

	// Runbook fields. Escalation is who to call when the runbook does
	// not help: a pager, a channel or a team.
	Owner        string
	Escalation   string
	Alerts       []string
	LastReviewed Time
	LastDrilled  Time
}

// Section is a markdown heading and the part of the body it opens.
type Section struct {
	Title string
	// Anchor is the heading's HTML id.
	Anchor string
	Level  int
	Pos    Pos
	// Kinds are the kinds of section its heading counts for, by the KB's
	// heading vocabulary (Config.Vocabulary).
	Kinds SectionSet
}

// ActionForm says where an action item was written.
type ActionForm string

// The three places an action item can be written, a plain list item
// (at any depth) and a plain line of text in an action-item section.
const (
	FormFrontMatter ActionForm = "front-matter"
	FormTable       ActionForm = "table"
	FormTaskList    ActionForm = "task-list"
	FormList        ActionForm = "list"
	FormLine        ActionForm = "line"
)

// The action-item statuses of the data model.
const (
	StatusOpen       = "open"
	StatusInProgress = "in-progress"
	StatusDone       = "done"
	StatusWontDo     = "wont-do"
)

// StatusLabel is how a page or a report writes a status for its reader:
// "in progress" for StatusInProgress, "won't do" for StatusWontDo, any
// other status as it is.
func StatusLabel(status string) string {
	switch status {
	case StatusInProgress:
		return "in progress"
	case StatusWontDo:
		return "won't do"
	}
	return status
}

// ActionItem is one follow-up of a postmortem, whichever form it was written in.
type ActionItem struct {
	What  string
	Owner string
	// Due is not Set when no due date was given; DueText keeps what was
	// written when it could not be read as a date.
	Due     Time
	DueText string
	// DuePos is where the due date is written (the item's position when
	// kb cannot tell).
	DuePos Pos
	// Status is one of the Status constants, or what the author wrote when
	// it is none of them.
	Status string
	// Done is when the item was done, where the KB says so (a done: key
	// or column, or "done 2026-02-10" in the item's text).
	Done Time
	Link string
	Form ActionForm
	Pos  Pos
}

// Open reports whether the item still needs work.
func (a ActionItem) Open() bool {
	return a.Status == StatusOpen || a.Status == StatusInProgress
}

// TimelineEntry is one line of a postmortem's timeline.
type TimelineEntry struct {
	// TimeText is the time as written ("14:02", "2026-03-14 14:02 UTC").
	TimeText string
	// Time is the moment the entry stands for; not Set when TimeText could
	// not be read. Entries that give only a clock time take their day from
	// the incident (started, else the document date) and roll over midnight.
	Time Time
	// HasClock is false for entries that give a day but no time of day, and
	// for clock times whose day is unknown.
	HasClock bool
	// Readable reports whether TimeText was read as a date or a time, even
	// when no day is known to place a clock time on.
	Readable bool
	Event    string
	Pos      Pos
	// SectionLine is the line of the heading of the timeline section the
	// entry was read in (its top heading, when under sub-headings), so that
	// lint can speak of a section's entries at once.
	SectionLine int
}

// LineRange is a run of whole-file lines, First to Last inclusive.
type LineRange struct{ First, Last int }

// ByteRange is a range of bytes of a document's source, [Start, Stop).
type ByteRange struct{ Start, Stop int }

// Contains reports whether line lies in the range.
func (r LineRange) Contains(line int) bool { return line >= r.First && line <= r.Last }

// Link is a link or image destination in the body.
type Link struct {
	Dest  string
	Image bool
	Pos   Pos
}

// TimeToDetect is detected − started, when both are known.
func (d *Doc) TimeToDetect() (time.Duration, bool) {
	return span(d.Meta.Started, d.Meta.Detected)
}

// TimeToContain is mitigated − started, when both are known: how long
// the incident hurt before it was contained (mitigated).
func (d *Doc) TimeToContain() (time.Duration, bool) {
	return span(d.Meta.Started, d.Meta.Mitigated)
}

// TimeToResolve is resolved − started, when both are known.
func (d *Doc) TimeToResolve() (time.Duration, bool) {
	return span(d.Meta.Started, d.Meta.Resolved)
}

// span is to − from, when both are known and the difference fits a
// time.Duration (about 292 years): a span that does not comes of a typed
// year (schema/date-range), and is no time to detect or resolve.
func span(from, to Time) (time.Duration, bool) {
	if !from.Set || !to.Set {
		return 0, false
	}
	d := to.Sub(from.Time)
	if d == math.MaxInt64 || d == math.MinInt64 {
		return 0, false
	}
	return d, true
}
