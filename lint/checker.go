package lint

import (
	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/work"
)

// Checker checks a KB its caller loaded and keeps up to date, as a preview
// needs: every document at first, then each document that changed, and
// the rules over the whole KB after each change. Its methods are called
// from one goroutine at a time.
type Checker struct {
	base *runner
	// supp holds each document's suppressions, as Docs last read them,
	// for the rules over the whole KB.
	supp map[string]*suppressions
}

// NewChecker returns a checker of kb with opts.Rules (nil: Rules()) at
// the severities kb.yaml gives them, against opts.Today. opts.Files and
// opts.Changed are not used.
func NewChecker(kb *content.KB, opts Options) (*Checker, error) {
	rules := opts.Rules
	if rules == nil {
		rules = Rules()
	}
	r, err := newRunner(kb.Files, kb.Config, rules, opts.Today)
	if err != nil {
		return nil, err
	}
	return &Checker{base: r, supp: map[string]*suppressions{}}, nil
}

// run returns a runner for one check, with the checker's rules.
func (c *Checker) run() *runner {
	b := c.base
	return &runner{cfg: b.cfg, today: b.today, perDoc: b.perDoc, perKB: b.perKB, supp: map[string]*suppressions{}}
}

// Docs checks docs, which hold their sources, with the rules that look at
// one document at a time, and returns the findings of each by its path
// (every one of docs has an entry, empty when clean), sorted by position.
func (c *Checker) Docs(docs []*content.Doc) map[string][]Diagnostic {
	r := c.run()
	work.Each(len(docs), func() func(int) bool {
		return func(i int) bool {
			r.checkDoc(docs[i])
			return true
		}
	})
	out := make(map[string][]Diagnostic, len(docs))
	for _, d := range docs {
		out[d.Path] = nil
		c.supp[d.Path] = r.supp[d.Path]
	}
	sortDiagnostics(r.diags)
	for _, d := range r.diags {
		out[d.Pos.File] = append(out[d.Pos.File], d)
	}
	return out
}

// Forget drops what the checker keeps of the documents at paths, which
// went away.
func (c *Checker) Forget(paths []string) {
	for _, p := range paths {
		delete(c.supp, p)
	}
}

// KB checks kb with the rules over the whole KB (links between documents,
// ids, load errors), honouring the suppressions of each document as Docs
// last read them, and returns the findings sorted by position.
func (c *Checker) KB(kb *content.KB) []Diagnostic {
	r := c.run()
	for p, s := range c.supp {
		r.supp[p] = s
	}
	r.checkKB(kb)
	fillExcerpts(kb, r.diags)
	sortDiagnostics(r.diags)
	return r.diags
}
