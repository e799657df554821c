package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/lint"
	"github.com/kb-tools/kb/site"
)

// stepsPhase times, in this process and one after the other, the steps
// kb serve takes for a change of one document (site/serve's session.apply):
// the KB read again for the file, the document linted and the rules over
// the whole KB run, the site brought up to date, and the search index
// updated (which kb serve does on a goroutine of its own, after the
// reload message). What kb serve adds around them (the snapshot, the
// message) is the rest of the time its log gives for each change.
func stepsPhase(cfg config) error {
	fmt.Printf("\n## the steps of one change, in process, %d edits of each kind\n", cfg.n)
	kb, err := content.Load(cfg.kbDir)
	if err != nil {
		return err
	}
	checker, err := lint.NewChecker(kb, lint.Options{})
	if err != nil {
		return err
	}
	checker.Docs(kb.Docs)
	live, err := site.NewLive(kb, site.Options{SourceLines: true})
	if err != nil {
		return err
	}
	ix, err := index.Open(cfg.kbDir)
	if err != nil {
		return err
	}
	defer ix.Close()
	st := &stepper{kb: kb, checker: checker, live: live, ix: ix, docs: map[*content.Doc]index.Document{}}
	if err := st.index(); err != nil {
		return err
	}
	c, err := loadCorpus(cfg.kbDir, cfg.seed+2)
	if err != nil {
		return err
	}
	for _, ek := range editKinds(cfg)[:2] {
		stopProfile, err := startProfile(cfg.profile, ek.name)
		if err != nil {
			return err
		}
		times := map[string]samples{}
		for range cfg.n {
			e := ek.edit(c)
			rel, err := c.pickFor(cfg.kbDir, e)
			if err != nil {
				return err
			}
			ch, err := prepare(cfg.kbDir, []string{rel}, e)
			if err != nil {
				return err
			}
			if err := ch.write(); err != nil {
				return err
			}
			if err := st.apply(rel, times); err != nil {
				return err
			}
		}
		stopProfile()
		fmt.Printf("%s:\n", ek.name)
		for _, name := range stepNames {
			fmt.Printf("  %-22s %s\n", name, times[name].summary(" ms"))
		}
		fmt.Printf("  load %s\n", loadavg())
	}
	return nil
}

// startProfile starts a CPU profile into prefix-NAME.prof, the edit's
// name with dashes, when prefix is set.
func startProfile(prefix, name string) (stop func(), err error) {
	if prefix == "" {
		return func() {}, nil
	}
	f, err := os.Create(prefix + "-" + strings.ReplaceAll(name, " ", "-") + ".prof")
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

var stepNames = []string{"reload", "lint document", "lint whole KB", "site update", "index update (after)"}

// stepper holds what kb serve keeps between changes.
type stepper struct {
	kb      *content.KB
	checker *lint.Checker
	live    *site.Live
	ix      *index.Index
	docs    map[*content.Doc]index.Document
}

// apply brings everything up to date after rel changed, timing each step
// into times.
func (s *stepper) apply(rel string, times map[string]samples) error {
	timed := func(name string, f func() error) error {
		t := time.Now()
		err := f()
		times[name] = append(times[name], ms(time.Since(t)))
		return err
	}
	var next *content.KB
	if err := timed("reload", func() (err error) { next, err = s.kb.Reload([]string{rel}); return err }); err != nil {
		return err
	}
	var doc []*content.Doc
	for _, d := range next.Docs {
		if d.Path == rel {
			doc = append(doc, d)
		}
	}
	timed("lint document", func() error { s.checker.Docs(doc); return nil })
	timed("lint whole KB", func() error { s.checker.KB(next); return nil })
	if err := timed("site update", func() error { _, err := s.live.Update(next, []string{rel}); return err }); err != nil {
		return err
	}
	s.kb = next
	return timed("index update (after)", s.index)
}

// index brings the search index up to date with s.kb, making the index's
// document again only for documents that changed, as kb serve does.
func (s *stepper) index() error {
	urls := site.URLs(s.kb.Docs)
	docs := make([]index.Document, len(s.kb.Docs))
	kept := make(map[*content.Doc]index.Document, len(s.kb.Docs))
	for i, d := range s.kb.Docs {
		doc, ok := s.docs[d]
		if !ok || doc.URL != urls[d] {
			doc = index.NewDocument(d, urls[d])
		}
		docs[i], kept[d] = doc, doc
	}
	s.docs = kept
	_, err := s.ix.Update(docs)
	return err
}
