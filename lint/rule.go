package lint

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kb-tools/kb/content"
)

// Scope says what a rule looks at.
type Scope int

const (
	// PerDoc rules see one document at a time, with its source.
	PerDoc Scope = iota
	// PerKB rules run once over all documents, whose sources may be gone.
	PerKB
)

// Rule is one check. Its Run reports findings through the Pass and never
// prints.
type Rule struct {
	// Name is the stable id, "area/name".
	Name string
	// Doc says what the rule finds and why it matters.
	Doc      string
	Severity Severity
	Scope    Scope
	Run      func(*Pass)
}

// Area returns the part of the rule id before the slash.
func (r *Rule) Area() string {
	area, _, _ := strings.Cut(r.Name, "/")
	return area
}

// Pass is what a rule sees during one run: a document (PerDoc) or the
// whole KB (PerKB), the settings, and the means to report.
type Pass struct {
	Rule   *Rule
	KB     *content.KB // the KB; for PerDoc rules only Root and Config are set
	Doc    *content.Doc
	Config *Config
	// Today is the day overdue and stale dates are judged against.
	Today time.Time

	prose     *prose
	prosePool *sync.Pool
	// changed and recurrences are Options.Changed and Options.Recurrences
	// (PerKB rules).
	changed     ChangedLines
	recurrences Recurrences
	// lines indexes the document's source (PerDoc rules).
	lines  *content.LineIndex
	report func(Diagnostic)
}

// Report records a finding at pos.
func (p *Pass) Report(pos content.Pos, message, suggestion string) {
	p.report(Diagnostic{Pos: pos, Rule: p.Rule.Name, Severity: p.Rule.Severity, Message: message, Suggestion: suggestion})
}

// Reportf records a finding with a formatted message and no suggestion.
func (p *Pass) Reportf(pos content.Pos, format string, args ...any) {
	p.Report(pos, fmt.Sprintf(format, args...), "")
}

// Prose returns the document's prose: the words of its body outside code,
// URLs and markup, tokenized once per document and shared by its rules.
func (p *Pass) Prose() *prose {
	if p.prose == nil {
		if p.prosePool == nil {
			p.prosePool = &sync.Pool{}
		}
		p.prose = scanProse(p.Doc, p.Config.starts, p.Config.possessives, p.prosePool)
		p.prose.lines = p.lineIndex()
	}
	return p.prose
}

// lineIndex returns the index of the document's source, made once per
// document and shared by its rules.
func (p *Pass) lineIndex() *content.LineIndex {
	if p.lines == nil {
		p.lines = content.NewLineIndex(p.Doc.Source)
	}
	return p.lines
}

// offsetPos returns the position of an offset in the document's source.
func (p *Pass) offsetPos(off int) content.Pos {
	line, col := p.lineIndex().Pos(off)
	return content.Pos{File: p.Doc.Path, Line: line, Col: col}
}

// docPos returns the position of the document's start, for findings about
// the document as a whole.
func docPos(d *content.Doc) content.Pos { return content.Pos{File: d.Path, Line: 1, Col: 1} }

// bodyPos returns the position of the first line after the front matter,
// for findings about what the body lacks.
func bodyPos(d *content.Doc) content.Pos {
	return content.Pos{File: d.Path, Line: d.BodyLine, Col: 1}
}

// keyPos returns the position of a front matter key, else of the document.
func keyPos(d *content.Doc, key string) content.Pos {
	if p, ok := d.KeyPos(key); ok {
		return p
	}
	return docPos(d)
}

// Rules returns every rule kb has, grouped by area, each a fresh value.
func Rules() []*Rule {
	var rules []*Rule
	for _, group := range [][]*Rule{
		schemaRules(), blamelessRules(), actionRules(), structureRules(),
		timelineRules(), runbookRules(), linkRules(), privacyRules(), alertRules(), impactRules(), recurrenceRules(),
	} {
		rules = append(rules, group...)
	}
	return rules
}
