package lint

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kb-tools/kb/content"
)

// Options says what to check and against which day.
type Options struct {
	// Today is the day overdue and stale dates are judged against; zero
	// means the current date.
	Today time.Time
	// Files limits the findings to these files (paths as the user gave
	// them, relative to the working folder); empty means every file.
	Files []string
	// Changed, when set, limits the findings to these lines, by KB-relative
	// path: a pull request is judged on what it adds.
	Changed ChangedLines
	// Rules are the rules to run; nil means Rules().
	Rules []*Rule
	// AlertRules are rule files to check beside those of kb.yaml's
	// alert_rules: (paths as content.ExpandRuleGlob gives them).
	AlertRules []string
	// Recurrences, when set with Changed, finds the earlier postmortems
	// like the changed ones (the rule recurrence/similar).
	Recurrences Recurrences
}

// Result is what a lint run found.
type Result struct {
	Diagnostics []Diagnostic
	// Docs is the number of documents checked.
	Docs int
	// Kinds counts the KB's documents by kind, and says how many kinds
	// were guessed (see content.KindCounts.Found).
	Kinds content.KindCounts
}

// Count returns the number of findings at each severity.
func (r *Result) Count(s Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Run loads the KB at dir and checks it. Per-document rules run on each
// document as it is parsed, while its source is at hand; rules over the
// whole KB run once every document is loaded. The error is non-nil only
// when the KB cannot be read at all.
func Run(dir string, opts Options) (*Result, error) {
	rules := opts.Rules
	if rules == nil {
		rules = Rules()
	}
	files, err := content.OpenFiles(dir)
	if err != nil {
		return nil, err
	}
	kbConfig, configErrs := files.LoadConfig()
	r, err := newRunner(files, kbConfig, rules, opts.Today)
	if err != nil {
		return nil, err
	}
	kb, err := content.Load(dir, content.WithConfig(files, kbConfig, configErrs), content.WithDocHook(r.checkDoc), content.WithoutSources(), content.WithAlertRules(opts.AlertRules))
	if err != nil {
		return nil, err
	}
	r.changed, r.recurrences = opts.Changed, opts.Recurrences
	r.checkKB(kb)
	diags := r.filter(dir, opts)
	fillExcerpts(kb, diags)
	sortDiagnostics(diags)
	return &Result{Diagnostics: diags, Docs: len(kb.Docs), Kinds: content.CountKinds(kb.Docs)}, nil
}

// newRunner returns the runner of rules, with the severities kb.yaml gives
// them, against the day today (zero: the current date).
func newRunner(files *content.Files, kbConfig content.Config, rules []*Rule, today time.Time) (*runner, error) {
	cfg, err := NewConfig(files, kbConfig, rules)
	if err != nil {
		return nil, err
	}
	if today.IsZero() {
		today = time.Now()
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	r := &runner{cfg: cfg, today: today, supp: map[string]*suppressions{}}
	for _, rule := range rules {
		eff := *rule
		eff.Severity = cfg.SeverityOf(rule)
		if eff.Severity == Off {
			continue
		}
		if eff.Scope == PerDoc {
			r.perDoc = append(r.perDoc, &eff)
		} else {
			r.perKB = append(r.perKB, &eff)
		}
	}
	return r, nil
}

// runner holds one lint run's state; checkDoc runs on several goroutines.
type runner struct {
	cfg           *Config
	today         time.Time
	perDoc, perKB []*Rule
	changed       ChangedLines
	recurrences   Recurrences

	mu    sync.Mutex
	diags []Diagnostic
	supp  map[string]*suppressions
	// prose recycles the buffers of tokenized documents.
	prose sync.Pool
}

func (r *runner) checkDoc(d *content.Doc) {
	supp := parseSuppressions(d)
	caps := newLineCaps()
	var found []Diagnostic
	p := &Pass{Doc: d, Config: r.cfg, Today: r.today, prosePool: &r.prose}
	p.report = func(diag Diagnostic) {
		if supp.covers(diag.Rule, diag.Pos.Line) || !caps.admit(diag, len(found)) {
			return
		}
		diag = bound(diag)
		diag.Excerpt, diag.excerptRead = excerptAt(p.lineIndex(), diag.Pos), true
		found = append(found, diag)
	}
	for _, rule := range r.perDoc {
		p.Rule = rule // the prose, tokenized once, is shared by the rules
		rule.Run(p)
	}
	if p.prose != nil {
		p.prose.release()
	}
	caps.summarize(found)
	r.mu.Lock()
	r.diags = append(r.diags, found...)
	r.supp[d.Path] = supp
	r.mu.Unlock()
}

func (r *runner) checkKB(kb *content.KB) {
	caps := newLineCaps()
	first := len(r.diags)
	for _, rule := range r.perKB {
		p := &Pass{Rule: rule, KB: kb, Config: r.cfg, Today: r.today, changed: r.changed, recurrences: r.recurrences}
		p.report = func(diag Diagnostic) {
			if !r.supp[diag.Pos.File].covers(diag.Rule, diag.Pos.Line) && caps.admit(diag, len(r.diags)-first) {
				r.diags = append(r.diags, bound(diag))
			}
		}
		rule.Run(p)
	}
	caps.summarize(r.diags[first:])
}

// filter keeps the findings in the files and on the lines asked for.
func (r *runner) filter(dir string, opts Options) []Diagnostic {
	var files map[string]bool
	if len(opts.Files) > 0 {
		files = map[string]bool{}
		for _, f := range opts.Files {
			files[kbRelative(dir, f)] = true
		}
	}
	out := r.diags[:0]
	for _, d := range r.diags {
		if files != nil && !files[d.Pos.File] {
			continue
		}
		if opts.Changed != nil && !opts.Changed.Contains(d.Pos.File, d.Pos.Line) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// kbRelative turns a path given on the command line into a KB-relative
// slash path.
func kbRelative(dir, file string) string {
	absDir, err1 := filepath.Abs(dir)
	absFile, err2 := filepath.Abs(file)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(absDir, absFile); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}

// fillExcerpts cuts the excerpts of findings made after the sources were
// dropped (rules over the whole KB), reading and indexing each file once.
func fillExcerpts(kb *content.KB, diags []Diagnostic) {
	cache := map[string]*content.LineIndex{}
	for i := range diags {
		d := &diags[i]
		if d.excerptRead || d.Pos.Line <= 0 {
			continue
		}
		x, ok := cache[d.Pos.File]
		if !ok {
			src, ok := kb.Alerts.Source(d.Pos.File)
			if !ok {
				src, _ = kb.Files.ReadFile(d.Pos.File, kb.Config.Limits.Document())
			}
			x = content.NewLineIndex(content.NormalizeSource(src))
			cache[d.Pos.File] = x
		}
		d.Excerpt = excerptAt(x, d.Pos)
	}
}

func sortDiagnostics(diags []Diagnostic) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Rule < b.Rule
	})
}

// String formats a finding as "file:line:col: severity rule: message".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s %s: %s", d.Pos, d.Severity, d.Rule, d.Message)
}
