package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/site"
	"github.com/kb-tools/kb/site/serve"
)

// searchFlags are the flags of kb search.
type searchFlags struct {
	dir                                 *string
	json                                *bool
	n                                   *int
	colour                              *string
	kind, severity, service, tag, owner *listFlag
}

func searchCommand() *command {
	var f searchFlags
	return &command{
		name:     "search",
		examples: []string{"kb search disk full", "kb search --severity SEV1 --service payments", "kb search --json -n 5 \"replica lag\"", "kb search --color always KubePodCrashLooping | less -R"},
		args:     "QUERY...",
		summary:  "search the KB's documents (the index is kept in DIR/.kb/ and updated for what changed)",
		help:     searchHelp,
		flags: func(fs *flag.FlagSet) {
			f.dir = fs.String("dir", ".", "the KB root `DIR`")
			f.json = fs.Bool("json", false, "print the result as one JSON object (see above)")
			f.n = fs.Int("n", index.DefaultHits, "show at most `N` hits")
			f.colour = colourFlag(fs)
			f.kind, f.severity, f.service, f.tag, f.owner = &listFlag{}, &listFlag{}, &listFlag{}, &listFlag{}, &listFlag{}
			fs.Var(f.kind, "kind", "only documents of `KIND` (postmortem, runbook, page); repeat or separate by commas for any of several")
			fs.Var(f.severity, "severity", "only documents of severity `S` (any case); repeatable")
			fs.Var(f.service, "service", "only documents of service `S`; repeatable")
			fs.Var(f.tag, "tag", "only documents tagged `T`; repeatable")
			fs.Var(f.owner, "owner", "only documents owned or written by `O`; repeatable")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			colour, ok := colourFor(*f.colour, stdout)
			if !ok {
				return c.badColour(stderr, *f.colour)
			}
			root, err := c.kbRoot(fs, *f.dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			*f.dir = root
			req := index.Request{Query: strings.Join(pos, " "), N: *f.n,
				Kind: f.kind.values, Severity: f.severity.values, Service: f.service.values, Tag: f.tag.values, Owner: f.owner.values}
			if strings.TrimSpace(req.Query) == "" && len(req.Kind)+len(req.Severity)+len(req.Service)+len(req.Tag)+len(req.Owner) == 0 {
				return c.usageError(stderr, "needs a QUERY (or a filter such as --severity SEV1)")
			}
			if *f.n < 1 {
				return c.usageError(stderr, "-n %d: give at least 1", *f.n)
			}
			// The index build keeps every document's text and a batch
			// of analysed documents; under a limit of 400 MiB its peak
			// RSS stays under 500 MB on 10,000 documents.
			tuneGC(100, 400<<20, 1.5)
			res, err := search(*f.dir, req, stderr)
			var ie *index.Error
			if errors.As(err, &ie) && ie.Kind == index.BadQuery {
				return c.usageError(stderr, "%v", err)
			}
			if err != nil {
				return c.fail(stderr, err)
			}
			if *f.json {
				err = index.WriteJSON(stdout, res)
			} else {
				err = writeSearchText(stdout, res, colour)
			}
			if err != nil {
				return c.fail(stderr, err)
			}
			return exitOK
		},
	}
}

// searchHelp explains the query syntax and the JSON output.
const searchHelp = `Plain words find the documents that have any of them, best first: words
in the title count most, then alert, service and tag names, then the body.
Alert and metric names are found whole and by their parts
(KubePodCrashLooping, "kube pod crash looping", kube_pod_crash_looping).
bleve's query-string syntax works too: "a phrase", +required, -excluded,
and FIELD:VALUE on title, names, body, kind, severity, status, service,
tag, owner, alert, date or ttr (minutes to resolve, e.g. ttr:>60);
service:payments without + or - filters the hits as --service does.
Put -- before a query that starts with - (kb search -- -staging disk).
A query is read up to its first 64 words.
When plain words find fewer than three documents, or one of them is in no
document, kb looks again allowing a typo or two per word, and says so.
While kb serve runs for the KB it holds the index, and kb search asks it
instead (on the loopback only), with the same output.

--json prints {"total": N, "fuzzy": false, "corrections": [{"from", "to"}],
"hits": [{"id", "kind", "title", "url", "score", "snippet", "marks":
[{"start", "end"}], "path", "date", "severity", "status", "services",
"tags", "owners", "alerts"}], "facets": {"kind": {"runbook": 2}, "severity":
{"SEV1": 3}, "service": {...}, "tag": {...}, "owner": {...}}}: marks are
byte ranges of the snippet, date is YYYY-MM-DD, and keys after marks are
left out when empty. Facet counts are over all the matching documents.`

// search runs req on the KB at dir: on its index, brought up to date, or,
// when a kb serve holds the index, by asking the server. Notes and load
// problems go to stderr.
func search(dir string, req index.Request, stderr io.Writer) (index.Result, error) {
	load := func() ([]index.Document, error) { return searchDocuments(dir, stderr) }
	if serve.Running(dir) {
		// A kb serve holds the index for as long as it runs: try the
		// index once, and ask the server, before loading the KB.
		res, err := searchOrAsk(dir, req, load, stderr, index.WithLockWait(0))
		if !isLocked(err) {
			return res, err
		}
	}
	// The KB is loaded before the index is taken, so that the index is
	// held only while it is updated and searched.
	docs, err := load()
	if err != nil {
		return index.Result{}, err
	}
	return searchOrAsk(dir, req, func() ([]index.Document, error) { return docs, nil }, stderr)
}

// searchOrAsk opens the index of dir, brings it up to date with the
// documents load returns and runs req. When another process holds the
// index, it asks the kb serve of dir instead, and fails with the index's
// Locked error when no server answers.
func searchOrAsk(dir string, req index.Request, load func() ([]index.Document, error), stderr io.Writer, opts ...index.Option) (index.Result, error) {
	prog := newProgress(stderr, "kb search")
	ix, err := index.Open(dir, append(opts, index.WithProgress(prog.update))...)
	if isLocked(err) {
		res, asked, aerr := serve.Ask(dir, req)
		switch {
		case aerr != nil:
			return index.Result{}, aerr
		case asked:
			return res, nil
		}
		return index.Result{}, err
	}
	if err != nil {
		return index.Result{}, err
	}
	var res index.Result
	docs, err := load()
	if err == nil {
		res, err = updateAndSearch(ix, docs, req, stderr)
	}
	prog.done()
	if cerr := ix.Close(); err == nil && cerr != nil {
		return index.Result{}, cerr
	}
	return res, err
}

// isLocked reports whether err is the index's Locked error: another
// process holds the index.
func isLocked(err error) bool {
	var ie *index.Error
	return errors.As(err, &ie) && ie.Kind == index.Locked
}

// updateAndSearch updates ix with docs and runs req.
func updateAndSearch(ix *index.Index, docs []index.Document, req index.Request, stderr io.Writer) (index.Result, error) {
	_, err := ix.Update(docs)
	for _, note := range ix.Notes() {
		fmt.Fprintln(stderr, "kb search: "+note)
	}
	if err != nil {
		return index.Result{}, err
	}
	return ix.Search(req)
}

// searchDocuments loads the KB and returns what the index keeps of each
// document, at its site path. Documents with load problems are indexed
// like the others; stderr says how many there are.
func searchDocuments(dir string, stderr io.Writer) ([]index.Document, error) {
	kb, err := content.Load(dir)
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, e := range kb.Errors {
		files[e.Pos.File] = true
	}
	for _, d := range kb.Docs {
		if len(d.FieldErrors) > 0 {
			files[d.Path] = true
		}
	}
	if n := len(files); n > 0 {
		fmt.Fprintf(stderr, "kb search: %d %s problems (kb lint --dir %s lists them); everything readable is searched\n",
			n, plural(n, "file has", "files have"), dir)
	}
	urls := site.URLs(kb.Docs)
	docs := make([]index.Document, len(kb.Docs))
	for i, d := range kb.Docs {
		docs[i] = index.NewDocument(d, urls[d])
		// The document keeps its own copy of the body: the source can go
		// as the next ones are made, so that the KB is never held twice.
		d.Source = nil
	}
	return docs, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listFlag is a flag that may be given several times, each time one value
// or several separated by commas.
type listFlag struct{ values []string }

// String implements flag.Value: the values, comma-separated.
func (l *listFlag) String() string { return strings.Join(l.values, ",") }

// Set implements flag.Value: it adds the comma-separated values of s.
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			l.values = append(l.values, v)
		}
	}
	return nil
}

// progress prints how far an index build is on a terminal, once it has
// taken more than a second.
type progress struct {
	w       io.Writer
	name    string // the command, "kb search"
	start   time.Time
	printed bool
}

func newProgress(stderr io.Writer, name string) *progress {
	if !isTerminal(stderr) {
		return &progress{}
	}
	return &progress{w: stderr, name: name, start: time.Now()}
}

func (p *progress) update(pr index.Progress) {
	if p.w == nil || time.Since(p.start) < time.Second {
		return
	}
	fmt.Fprintf(p.w, "\r%s: indexing %d/%d documents", p.name, pr.Done, pr.Total)
	p.printed = true
}

// done clears the progress line, if one was printed.
func (p *progress) done() {
	if p.printed {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.printed = false
	}
}
