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
// root) from src. It always returns a Doc, even for a file it cannot fully
// read, so that the rest of the KB and the page for this file are kept; the
// problems that stop a part of the file from being read come back as errors.
func (p *Parser) Parse(relPath string, src []byte) (*Doc, []*Error) {
	src = normalize(src)
	doc := &Doc{Path: relPath, Source: src, BodyLine: 1}
	var errs []*Error
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := newLineIndex(src).pos(i)
		errs = append(errs, newError(relPath, nil, line, col, "not a text file (NUL byte): kb reads markdown only"))
		doc.Source = nil
		p.finish(doc, "", nil)
		doc.Title = fileTitle(relPath)
		return doc, errs
	}
	if !utf8.Valid(src) {
		errs = append(errs, invalidUTF8(relPath, src))
	}
	fm, ferr := splitFrontMatter(relPath, src, p.cfg.Limits.frontMatter())
	if ferr != nil {
		errs = append(errs, ferr)
		doc.FrontMatterBroken = fm.present
	}
	doc.HasFrontMatter, doc.BodyOffset, doc.BodyLine = fm.present, fm.bodyOffset, fm.bodyLine
	dec := &metaDecoder{doc: doc}
	dec.decode(fm.root)
	doc.Actions = dec.frontMatterActions(dec.actions)
	p.finish(doc, dec.kind, dec)
	h1, halt := scanBlocks(doc)
	if halt != nil {
		errs = append(errs, plainBody(doc, halt))
	}
	settleActions(doc)
	if doc.Title == "" {
		doc.Title = h1
	}
	if doc.Title == "" {
		doc.Title = fileTitle(relPath)
	}
	if doc.Date.IsZero() {
		doc.Date = earliestTimeline(doc.Timeline)
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
				doc.FieldErrors = append(doc.FieldErrors, newError(doc.Path, doc.Source, pos.Line, pos.Col,
					"kind %q is not one of postmortem, runbook, page; the folder decides instead", kind))
			}
		}
		doc.Kind = p.cfg.kindOf(doc.Path)
	}
	if dec != nil {
		doc.ID, doc.Title, doc.Date = Slug(dec.id), dec.title, dec.date
	}
	if doc.ID == "" {
		doc.ID = Slug(strings.TrimSuffix(path.Base(doc.Path), path.Ext(doc.Path)))
	}
	if doc.ID == "" {
		doc.ID = "doc"
	}
	if doc.Date.IsZero() {
		doc.Date = fileDate(doc.Path)
	}
}

var datePrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// fileDate reads a YYYY-MM-DD prefix of the file name.
func fileDate(p string) time.Time {
	m := datePrefix.FindString(path.Base(p))
	if m == "" {
		return time.Time{}
	}
	t, _ := time.Parse("2006-01-02", m)
	return t
}

// fileTitle makes a title of the file name: no extension, no date prefix.
func fileTitle(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if t := strings.TrimLeft(datePrefix.ReplaceAllString(name, ""), "-_ "); t != "" {
		name = t
	}
	return strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
}

func earliestTimeline(entries []TimelineEntry) time.Time {
	var first time.Time
	for _, e := range entries {
		if !e.Time.IsZero() && (first.IsZero() || e.Time.Before(first)) {
			first = e.Time
		}
	}
	return first
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
	x := newLineIndex(src)
	line, col := x.pos(i)
	return newError(file, nil, line, col, "invalid UTF-8 at byte %d: save the file as UTF-8", i)
}
