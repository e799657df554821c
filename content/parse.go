package content

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Parser turns one file into a Doc. A Parser may be used by one goroutine
// at a time; make one per goroutine.
type Parser struct {
	cfg    *Config
	vocab  *Vocabulary
	titles *titleJudge
	// nodes is where the front matter of the document being parsed is
	// read into; Parse is done with it when it returns.
	nodes nodeArena
}

// NewParser returns a Parser for documents of a KB configured by cfg.
func NewParser(cfg *Config) *Parser {
	vocab := cfg.vocabulary()
	return &Parser{cfg: cfg, vocab: vocab, titles: newTitleJudge(vocab)}
}

// Parse reads the document at relPath (slash-separated, relative to the KB
// root) from src. It returns a Doc for every text file, even one it cannot
// fully read, so that the rest of the KB and the page for this file are
// kept; the problems that stop a part of the file from being read come back
// as errors. A file that is not text (it holds a NUL byte) is no document:
// Parse returns nil and one error at the first NUL byte, and nothing else
// is made of it (no page, no other finding).
func (p *Parser) Parse(relPath string, src []byte) (*Doc, []*Error) {
	src = normalize(src)
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := NewLineIndex(src).Pos(i)
		return nil, []*Error{newError(relPath, nil, line, col, "not a text file (a NUL byte here): kb reads markdown text only, and leaves this file out of the KB until the byte is removed")}
	}
	doc := &Doc{Path: relPath, Source: src, BodyLine: 1}
	var errs []*Error
	if !utf8.Valid(src) {
		errs = append(errs, invalidUTF8(relPath, src))
	}
	fm, ferr := splitFrontMatter(relPath, src, p.cfg.Limits.frontMatter(), &p.nodes)
	if ferr != nil {
		errs = append(errs, ferr)
		doc.FrontMatterBroken = fm.present
	}
	doc.HasFrontMatter, doc.BodyOffset, doc.BodyLine = fm.present, fm.bodyOffset, fm.bodyLine
	dec := &metaDecoder{doc: doc, lines: NewLineIndex(src), limits: p.cfg.Limits, aliases: newAliasBudget(fm.bodyOffset)}
	dec.decode(fm.root)
	doc.Actions = dec.frontMatterActions(dec.actions)
	if err := dec.aliasError(); err != nil {
		errs = append(errs, err)
	}
	p.finish(doc, dec)
	if !p.titles.isPlaceholder(dec.title) {
		doc.Title = dec.title
		pos, _ := doc.ValuePos("title")
		p.dateFromTitle(doc, pos)
	}
	_, halt := scanBlocks(doc, p.vocab)
	if halt != nil {
		errs = append(errs, plainBody(doc, halt))
	}
	if doc.Title == "" {
		p.titleFromHeadings(doc)
	}
	if doc.KindFrom == 0 {
		doc.Kind, doc.KindFrom = guessKind(doc, p.vocab), KindFromShape
		if doc.Kind == KindRunbook && halt == nil {
			rescanAsRunbook(doc, p.vocab)
		}
	}
	settleActions(doc)
	dec.capActions()
	if !doc.Date.Set {
		doc.Date, doc.DatePos = earliestTimeline(doc.Timeline)
		if doc.Date.Set {
			doc.DateFrom = DateFromTimeline
		}
	}
	return doc, errs
}

// rescanAsRunbook reads the body again once a document's shape told
// that it is a runbook: its procedure sections (Remediation, Next steps)
// hold steps, which the first reading, of a page, took for action items.
func rescanAsRunbook(doc *Doc, vocab *Vocabulary) {
	var kept []ActionItem
	for _, a := range doc.Actions {
		if a.Form == FormFrontMatter {
			kept = append(kept, a)
		}
	}
	doc.Actions = kept
	doc.Sections, doc.Timeline, doc.Links, doc.Code, doc.Quotes, doc.Markup = nil, nil, nil, nil, nil, nil
	scanBlocks(doc, vocab)
}

// titleFromHeadings takes the first top-level heading that is a real
// title, else the file name made readable (see fileTitle), and a date
// written in the heading.
func (p *Parser) titleFromHeadings(doc *Doc) {
	for _, s := range doc.Sections {
		if s.Level == 1 && !p.titles.isPlaceholder(s.Title) {
			doc.Title = s.Title
			p.dateFromTitle(doc, s.Pos)
			return
		}
	}
	doc.Title = fileTitle(doc.Path)
}

// dateFromTitle sets the document's date, when it has none yet, from a
// date written in its title, which stands at pos.
func (p *Parser) dateFromTitle(doc *Doc, pos Pos) {
	if doc.Date.Set {
		return
	}
	if t, ok := titleDate(doc.Title); ok {
		doc.Date, doc.DatePos, doc.DateFrom = t, pos, DateFromTitle
	}
}

// finish sets the kind, id and date that front matter gives, with their
// fallbacks from the path; a kind neither front matter nor kb.yaml's
// kinds: decides is left for guessKind (KindFrom is 0).
func (p *Parser) finish(doc *Doc, dec *metaDecoder) {
	switch k := Kind(strings.ToLower(dec.kind)); k {
	case KindPostmortem, KindRunbook, KindPage:
		doc.Kind, doc.KindFrom = k, KindFromFrontMatter
	default:
		if k != "" {
			if pos, ok := doc.KeyPos("kind"); ok {
				doc.FieldErrors = append(doc.FieldErrors, dec.lines.errorAt(ErrorUnreadable, doc.Path, pos.Line, pos.Col,
					"kind %q is not one of postmortem, runbook, page; the folder decides instead", shortValue(dec.kind)))
			}
		}
		var decided bool
		if doc.Kind, decided = p.cfg.kindOf(doc.Path); decided {
			doc.KindFrom = KindFromConfig
		}
	}
	doc.ID = Slug(dec.id)
	if dec.date.Set {
		doc.Date, doc.DatePos, doc.DateFrom = dec.date, dec.datePos, DateFromFrontMatter
	}
	if doc.ID == "" {
		doc.ID = fileID(doc.Path)
	}
	if doc.ID == "" {
		doc.ID = "doc"
	}
	doc.ownID = doc.ID
	if fd := fileDate(doc.Path); !doc.Date.Set && fd.Set {
		doc.Date, doc.DatePos, doc.DateFrom = fd, Pos{File: doc.Path, Line: 1, Col: 1}, DateFromFileName
	}
}

var datePrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// fileDate reads a YYYY-MM-DD prefix of the file name.
func fileDate(p string) Time {
	m := datePrefix.FindString(path.Base(p))
	if m == "" {
		return Time{}
	}
	t, err := time.Parse("2006-01-02", m)
	if err != nil {
		return Time{}
	}
	return At(t)
}

// earliestTimeline returns the earliest time of the timeline and where
// it is written.
func earliestTimeline(entries []TimelineEntry) (Time, Pos) {
	var first Time
	var at Pos
	for _, e := range entries {
		if e.Time.Set && (!first.Set || e.Time.Before(first.Time)) {
			first, at = e.Time, e.Pos
		}
	}
	return first, at
}

func invalidUTF8(file string, src []byte) *Error {
	i := 0
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	x := NewLineIndex(src)
	line, col := x.Pos(i)
	return newError(file, nil, line, col, "invalid UTF-8 at byte %d: save the file as UTF-8", i)
}
