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
	cfg *Config
}

// NewParser returns a Parser for documents of a KB configured by cfg.
func NewParser(cfg *Config) *Parser {
	return &Parser{cfg: cfg}
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
	fm, ferr := splitFrontMatter(relPath, src, p.cfg.Limits.frontMatter())
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
	p.finish(doc, dec.kind, dec)
	h1, halt := scanBlocks(doc, p.cfg.vocabulary())
	if halt != nil {
		errs = append(errs, plainBody(doc, halt))
	}
	settleActions(doc)
	dec.capActions()
	if doc.Title == "" {
		doc.Title = h1
	}
	if doc.Title == "" {
		doc.Title = fileTitle(relPath)
	}
	if !doc.Date.Set {
		doc.Date, doc.DatePos = earliestTimeline(doc.Timeline)
	}
	return doc, errs
}

// finish sets the kind, id, title and date that front matter gives, with
// their fallbacks from the path.
func (p *Parser) finish(doc *Doc, kind string, dec *metaDecoder) {
	switch k := Kind(strings.ToLower(kind)); k {
	case KindPostmortem, KindRunbook, KindPage:
		doc.Kind = k
	default:
		if k != "" && dec != nil {
			if pos, ok := doc.KeyPos("kind"); ok {
				doc.FieldErrors = append(doc.FieldErrors, dec.lines.errorAt(ErrorUnreadable, doc.Path, pos.Line, pos.Col,
					"kind %q is not one of postmortem, runbook, page; the folder decides instead", shortValue(kind)))
			}
		}
		doc.Kind = p.cfg.kindOf(doc.Path)
	}
	if dec != nil {
		doc.ID, doc.Title = Slug(dec.id), dec.title
		if dec.date.Set {
			doc.Date, doc.DatePos = dec.date, dec.datePos
		}
	}
	if doc.ID == "" {
		doc.ID = Slug(strings.TrimSuffix(path.Base(doc.Path), path.Ext(doc.Path)))
	}
	if doc.ID == "" {
		doc.ID = "doc"
	}
	if fd := fileDate(doc.Path); !doc.Date.Set && fd.Set {
		doc.Date, doc.DatePos = fd, Pos{File: doc.Path, Line: 1, Col: 1}
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

// fileTitle makes a title of the file name: no extension, no date prefix.
func fileTitle(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if t := strings.TrimLeft(datePrefix.ReplaceAllString(name, ""), "-_ "); t != "" {
		name = t
	}
	return strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
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
