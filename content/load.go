package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kb-tools/kb/internal/work"
)

// KB is a loaded knowledge base.
type KB struct {
	// Root is the directory the KB was loaded from.
	Root string
	// Files reads the KB's own files; every later read goes through it.
	Files  *Files
	Config Config
	// Docs are the documents sorted by path.
	Docs []*Doc
	// Errors are the problems found while loading, sorted by position.
	Errors []*Error
	// Alerts are the alerting rules of the rule files kb.yaml's
	// alert_rules: and WithAlertRules name; nil when none are named.
	Alerts *AlertRules
}

// skipDirs are folders of a KB that hold no documents.
var skipDirs = map[string]bool{"archetypes": true, "node_modules": true, "public": true, "templates": true, "vendor": true}

// LoadOption changes how Load works.
type LoadOption func(*loadOptions)

type loadOptions struct {
	hook        func(*Doc)
	dropSources bool
	// files, config and configErrors are the KB's reader and kb.yaml as
	// a caller already read them (WithConfig); nil files means read them.
	files        *Files
	config       Config
	configErrors []*Error
	// ruleFiles are rule files named outside kb.yaml (WithAlertRules).
	ruleFiles []string
}

// WithConfig has Load use the KB's reader and its kb.yaml as the caller
// already read them (with Files.LoadConfig), so that kb.yaml is read and
// checked once: files must be the reader of the KB Load is given.
func WithConfig(files *Files, cfg Config, errs []*Error) LoadOption {
	return func(o *loadOptions) { o.files, o.config, o.configErrors = files, cfg, errs }
}

// WithDocHook has Load call hook on each document as soon as it is parsed,
// from several goroutines at once, before ids are made unique. It lets a
// caller do per-document work while the document's source is at hand.
func WithDocHook(hook func(*Doc)) LoadOption {
	return func(o *loadOptions) { o.hook = hook }
}

// WithoutSources has Load drop each document's Source once it is parsed
// (and its hook has run), so that a large KB's text is not all held at once.
// Body then returns nil, and Markup, which holds ranges of the source, is
// dropped with it.
func WithoutSources() LoadOption {
	return func(o *loadOptions) { o.dropSources = true }
}

// WithAlertRules has Load read these rule files too, beside those of
// kb.yaml's alert_rules: (paths the operating system opens, as
// ExpandRuleGlob gives them; they may lie outside the KB).
func WithAlertRules(paths []string) LoadOption {
	return func(o *loadOptions) { o.ruleFiles = append(o.ruleFiles, paths...) }
}

// Load reads the KB rooted at dir: kb.yaml, then every markdown file below
// dir except in hidden folders and the top-level public/, templates/,
// archetypes/, node_modules/ and vendor/. It does not stop at
// a bad file: each problem is recorded in KB.Errors and every readable file
// becomes a document. The error is non-nil only when dir itself cannot be
// read.
func Load(dir string, opts ...LoadOption) (*KB, error) {
	var o loadOptions
	for _, opt := range opts {
		opt(&o)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	files := o.files
	if files == nil {
		if files, err = OpenFiles(dir); err != nil {
			return nil, err
		}
		o.config, o.configErrors = files.LoadConfig()
	}
	kb := &KB{Root: dir, Files: files, Config: o.config, Errors: append([]*Error(nil), o.configErrors...)}
	paths, walkErrs := findDocuments(files, &kb.Config)
	kb.Errors = append(kb.Errors, walkErrs...)
	kb.Docs = parseAll(files, paths, &kb.Config, &o, &kb.Errors)
	kb.Errors = append(kb.Errors, assignUniqueIDs(kb.Docs)...)
	sortErrors(kb.Errors)
	if len(kb.Config.AlertRules) > 0 || len(o.ruleFiles) > 0 {
		kb.Alerts = LoadAlertRules(files, &kb.Config, o.ruleFiles)
	}
	return kb, nil
}

// IsMarkdown reports whether a file name is a markdown document.
func IsMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// findDocuments lists the markdown files of the KB as sorted slash paths,
// leaving out the files and folders kb.yaml's ignore: names.
func findDocuments(files *Files, cfg *Config) ([]string, []*Error) {
	dir := files.real // a root given through a link is walked too
	var paths []string
	var errs []*Error
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			errs = append(errs, &Error{Pos: Pos{File: rel, Line: 1, Col: 1}, Kind: ErrorSkipped, Msg: "skipped: " + systemReason(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || (skipDirs[d.Name()] && !strings.Contains(rel, "/")) || cfg.Ignored(rel) != "") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || cfg.Ignored(rel) != "" {
			return nil
		}
		if IsMarkdown(d.Name()) {
			paths = append(paths, rel)
		} else if d.Type()&fs.ModeSymlink != 0 && files.isFolder(rel) {
			errs = append(errs, &Error{Pos: Pos{File: rel, Line: 1, Col: 1}, Kind: ErrorSkipped,
				Msg: "skipped: a symbolic link to a folder; kb does not follow links to folders"})
		}
		return nil
	})
	if err != nil {
		errs = append(errs, &Error{Pos: Pos{File: "."}, Kind: ErrorSkipped, Msg: "skipped: " + systemReason(err)})
	}
	sort.Strings(paths)
	return paths, errs
}

// isFolder reports whether rel leads to a folder inside the KB. It reads
// nothing, and says nothing of where a link out of the KB leads.
func (f *Files) isFolder(rel string) bool {
	info, err := f.Stat(rel)
	return err == nil && info.IsDir()
}

// parseAll reads and parses the files on all processors, keeping the order
// of paths.
func parseAll(files *Files, paths []string, cfg *Config, o *loadOptions, errs *[]*Error) []*Doc {
	docs := make([]*Doc, len(paths))
	perFile := make([][]*Error, len(paths))
	work.Each(len(paths), func() func(int) bool {
		p := NewParser(cfg)
		// Without sources kept, one read buffer serves every file.
		var buf *[]byte
		if o.dropSources {
			buf = new([]byte)
		}
		return func(i int) bool {
			d, errs := readAndParse(p, files, paths[i], buf)
			if d != nil && o.hook != nil {
				o.hook(d)
			}
			if d != nil && o.dropSources {
				d.Source, d.BodyOffset, d.Markup = nil, 0, nil // Markup holds ranges of Source
			}
			docs[i], perFile[i] = d, errs
			return true
		}
	})
	out := docs[:0]
	for i, d := range docs {
		*errs = append(*errs, perFile[i]...)
		if d != nil {
			out = append(out, d)
		}
	}
	return out
}

// readAndParse reads and parses one file. With buf, the file is read into
// *buf, which the next call may overwrite: the caller must be done with the
// document's Source by then.
func readAndParse(p *Parser, files *Files, rel string, buf *[]byte) (*Doc, []*Error) {
	src, err := files.read(rel, p.cfg.Limits.Document(), buf)
	if err != nil {
		return nil, []*Error{FileLoadError(rel, err)}
	}
	return p.Parse(rel, src)
}

// FileLoadError is the load error of a file Files did not read, at the
// file's first line (it has no lines kb read): of kind ErrorSkipped for a
// path kb does not read on purpose, else ErrorUnreadable.
func FileLoadError(rel string, err error) *Error {
	e := &Error{Pos: Pos{File: rel, Line: 1, Col: 1}, Msg: systemReason(err)}
	var fe *FileError
	if errors.As(err, &fe) {
		e.Msg = fe.Error()
		if fe.Problem != FileTooLarge && fe.Problem != FileUnreadable {
			e.Kind, e.Msg = ErrorSkipped, "skipped: "+e.Msg
		}
	}
	return e
}

// systemReason is an error of the operating system without the absolute
// path it names: kb speaks of the paths inside the KB.
func systemReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// assignUniqueIDs reports documents of one kind that share an id. The
// first keeps it; the others are published under the id with a numeric
// suffix so that no page is lost, and the error says so.
func assignUniqueIDs(docs []*Doc) []*Error {
	type key struct {
		kind Kind
		id   string
	}
	seen := make(map[key]*Doc, len(docs))
	var errs []*Error
	for _, d := range docs {
		// Only a document that had a numbered id takes its own back: a
		// reload shares the others with the KB before it, which other
		// goroutines may be reading (Reload copies the numbered ones).
		if d.ownID != "" && d.ID != d.ownID {
			d.ID = d.ownID
		}
		if d.Kind == KindPage {
			continue
		}
		k := key{d.Kind, d.ID}
		first, dup := seen[k]
		if !dup {
			seen[k] = d
			continue
		}
		id := d.ID
		for n := 2; ; n++ {
			k.id = fmt.Sprintf("%s-%d", id, n)
			if _, taken := seen[k]; !taken {
				break
			}
		}
		d.ID = k.id
		seen[k] = d
		pos := Pos{File: d.Path, Line: 1, Col: 1}
		if p, ok := d.KeyPos("id"); ok {
			pos = p
		}
		errs = append(errs, newKindError(ErrorDuplicateID, pos.File, d.Source, pos.Line, pos.Col,
			"duplicate %s id %q: %s has it too; this page is published as %q until one of them is renamed",
			d.Kind, id, first.Path, d.ID))
	}
	return errs
}

func sortErrors(errs []*Error) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].Pos, errs[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// DocAt returns the document of kb at the KB path rel, or nil: a binary
// search of Docs, which are sorted by path.
func (kb *KB) DocAt(rel string) *Doc {
	i := sort.Search(len(kb.Docs), func(i int) bool { return kb.Docs[i].Path >= rel })
	if i < len(kb.Docs) && kb.Docs[i].Path == rel {
		return kb.Docs[i]
	}
	return nil
}
