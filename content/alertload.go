package content

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// AlertRules are the alerting rules the checks and pages of a KB draw on,
// read from the rule files kb.yaml's alert_rules: and the command line
// name.
type AlertRules struct {
	// Files are the rule files read, as slash paths relative to the KB
	// root; a file given on the command line outside the KB starts with
	// "../".
	Files []string
	// Rules are their alerting rules, file by file in file order.
	Rules []AlertRule
	// Errors are what could not be read: a rule file that is not YAML,
	// a rule that is not one, a glob that names no file.
	Errors []*Error
	// sources are the files' contents, for excerpts of findings.
	sources map[string][]byte
}

// Source returns the content of a rule file read, by its path in Files.
func (a *AlertRules) Source(file string) ([]byte, bool) {
	if a == nil {
		return nil, false
	}
	src, ok := a.sources[file]
	return src, ok
}

// Loaded reports whether any rule file was asked for, so that checks that
// need the rules to judge (an alert a runbook names that no rule has) run
// only then.
func (a *AlertRules) Loaded() bool { return a != nil && (len(a.Files) > 0 || len(a.Errors) > 0) }

// LoadAlertRules reads the rule files that kb.yaml's alert_rules: globs
// name inside the KB (through files, so nothing outside it is read), then
// the files at the paths extra, given by the user on the command line (see
// ExpandRuleGlob). A file named twice is read once.
func LoadAlertRules(files *Files, cfg *Config, extra []string) *AlertRules {
	a := &AlertRules{sources: map[string][]byte{}}
	limit := cfg.Limits.Document()
	for i, glob := range cfg.AlertRules {
		matches := globKB(files, glob)
		if len(matches) == 0 {
			pos := Pos{File: ConfigFile, Line: 1, Col: 1}
			if i < len(cfg.AlertRulePos) {
				pos = cfg.AlertRulePos[i]
			}
			a.Errors = append(a.Errors, &Error{Pos: pos, Kind: ErrorConfig,
				Msg: "alert_rules: " + quote(glob) + " names no file of the KB (a glob from the KB root, ** for any depth, or a folder of .yaml files)"})
		}
		for _, rel := range matches {
			if _, seen := a.sources[rel]; seen {
				continue
			}
			src, err := files.ReadFile(rel, limit)
			a.add(rel, src, err)
		}
	}
	root, _ := filepath.Abs(files.Root())
	for _, p := range extra {
		rel := filepath.ToSlash(p)
		if abs, err := filepath.Abs(p); err == nil {
			if r, err := filepath.Rel(root, abs); err == nil {
				rel = filepath.ToSlash(r)
			}
		}
		if _, seen := a.sources[rel]; seen {
			continue
		}
		src, err := readOutside(p, limit)
		a.add(rel, src, err)
	}
	sortErrors(a.Errors)
	return a
}

func (a *AlertRules) add(rel string, src []byte, err error) {
	a.sources[rel] = src
	if err != nil {
		a.Errors = append(a.Errors, FileLoadError(rel, err))
		return
	}
	a.Files = append(a.Files, rel)
	rules, errs := ParseAlertRules(rel, src)
	a.Rules = append(a.Rules, rules...)
	a.Errors = append(a.Errors, errs...)
}

// readOutside reads a file the user named on the command line, which may
// lie outside the KB, up to limit.
func readOutside(p string, limit Limit) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &FileError{Path: p, Problem: FileNotRegular, What: modeName(info.Mode())}
	}
	data, err := readInto(f, info.Size(), limit.Bytes, nil)
	if errors.Is(err, errGrew) || int64(len(data)) > limit.Bytes {
		return nil, &FileError{Path: p, Problem: FileTooLarge, Limit: limit.Bytes, LimitKey: limit.Key}
	}
	return data, err
}

// isRuleFile reports whether a file name is a YAML file.
func isRuleFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// globKB lists the KB's files that an alert_rules: glob names, sorted: the
// glob is matched against the whole slash path from the KB root ("**" for
// any depth), and a glob that names a folder means the YAML files below
// it. Hidden folders and kb's own .kb/ are not walked.
func globKB(files *Files, glob string) []string {
	glob = strings.Trim(path.Clean(glob), "/")
	var out []string
	_ = filepath.WalkDir(files.real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(files.real, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if matchSegments(strings.Split(glob, "/"), strings.Split(rel, "/")) {
				for _, f := range yamlUnder(p) {
					r, _ := filepath.Rel(files.real, f)
					out = append(out, filepath.ToSlash(r))
				}
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(d.Name(), ".") && matchSegments(strings.Split(glob, "/"), strings.Split(rel, "/")) {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return slices.Compact(out)
}

// ExpandRuleGlob lists the files a --alert-rules argument names, as paths
// the operating system opens: a file; a folder, meaning the YAML files at
// any depth below it; or a glob ("rules/*.yaml", "deploy/**/alerts.yml",
// "**" for any depth). It is an error when nothing matches, so that a
// mistyped path is not a silent pass.
func ExpandRuleGlob(glob string) ([]string, error) {
	if info, err := os.Stat(glob); err == nil {
		if !info.IsDir() {
			return []string{glob}, nil
		}
		return yamlUnder(glob), nil
	}
	slash := filepath.ToSlash(glob)
	if err := validGlob(slash); err != nil {
		return nil, &GlobError{Glob: glob, Err: err}
	}
	base, rest := staticPrefix(slash)
	pattern := strings.Split(rest, "/")
	var out []string
	_ = filepath.WalkDir(filepath.FromSlash(base), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(filepath.FromSlash(base), p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if matchSegments(pattern, strings.Split(rel, "/")) {
			if d.IsDir() {
				out = append(out, yamlUnder(p)...)
				return fs.SkipDir
			}
			out = append(out, p)
		}
		return nil
	})
	if len(out) == 0 {
		return nil, &GlobError{Glob: glob}
	}
	sort.Strings(out)
	return slices.Compact(out), nil
}

// GlobError is a --alert-rules argument that names no file, or is not a
// glob kb can match (Err set).
type GlobError struct {
	Glob string
	Err  error
}

func (e *GlobError) Error() string {
	if e.Err != nil {
		return quote(e.Glob) + " is not a glob kb can match: " + e.Err.Error()
	}
	return quote(e.Glob) + " names no file (a rule file, a folder of them, or a glob with * and **)"
}

// staticPrefix splits a slash glob into the folder before its first
// segment with a wildcard, and the rest.
func staticPrefix(glob string) (string, string) {
	segs := strings.Split(glob, "/")
	for i, s := range segs {
		if strings.ContainsAny(s, "*?[\\") {
			base := strings.Join(segs[:i], "/")
			if base == "" {
				base = "."
				if strings.HasPrefix(glob, "/") {
					base = "/"
				}
			}
			return base, strings.Join(segs[i:], "/")
		}
	}
	return path.Dir(glob), path.Base(glob)
}

// yamlUnder lists the YAML files at any depth below the folder dir,
// passing over hidden folders.
func yamlUnder(dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && isRuleFile(d.Name()) && !strings.HasPrefix(d.Name(), ".") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}
