package content

import (
	"errors"
	"io/fs"
	pathpkg "path"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of the optional KB configuration file at the root.
const ConfigFile = "kb.yaml"

// Config is the KB configuration read from kb.yaml. Absent keys keep their
// defaults (see DefaultConfig).
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"base_url"`
	// RepoURL is the address of the KB's repository on its forge
	// (https://github.com/acme/kb); with it each document's page links to
	// its file there. EditPath is what follows RepoURL in the address of
	// a file's editor, before the file's path (as MkDocs' edit_uri):
	// "edit/main/" on GitHub (the default), "-/edit/main/" on GitLab.
	RepoURL  string `yaml:"repo_url"`
	EditPath string `yaml:"edit_path"`
	// Severities lists the allowed severities, most severe first.
	Severities []string `yaml:"severities"`
	// Owners lists the teams and people that may own action items and
	// runbooks; empty means any owner is accepted.
	Owners []string `yaml:"owners"`
	// Kinds maps a document kind to path globs (with ** for any depth; a
	// glob without "/" matches the file name at any depth).
	Kinds map[Kind][]string `yaml:"kinds"`
	// KindsSet reports that kb.yaml has kinds:. Its globs then decide the
	// kind of every document without a kind: of its own (one they do not
	// match is a page); without it, the default folders decide, and kb
	// tells the kind of the other documents from their shape.
	KindsSet bool `yaml:"-"`
	// Ignore lists path globs (the syntax of kinds:) of files that are
	// no part of the KB: templates, drafts. kb reads nothing of them.
	Ignore []string `yaml:"ignore"`
	// AlertRules lists globs (from the KB root, ** for any depth; a
	// folder means its YAML files) of Prometheus rule files, whose alerts
	// kb lint ties to runbooks and kb build gives an address each.
	// AlertRulePos holds the position of each glob in kb.yaml.
	AlertRules   []string `yaml:"alert_rules"`
	AlertRulePos []Pos    `yaml:"-"`
	// StaleDays is how old a runbook's last review or drill may grow.
	StaleDays int `yaml:"stale_days"`
	// UnsafeHTML lets raw HTML in markdown through to pages.
	UnsafeHTML bool `yaml:"unsafe_html"`
	// Search makes kb build write the search page and its index under
	// /search/, with a search box in every page's header (the default).
	Search bool `yaml:"search"`
	// Limits bounds the files kb reads.
	Limits Limits `yaml:"limits"`
	// Dates is the span of dates kb takes as real (kb.yaml dates:
	// {earliest, max_days_ahead}).
	Dates DateRange `yaml:"-"`
	// Sections is the heading vocabulary: the built-in one with the
	// headings kb.yaml's sections: adds to each kind. Nil means the
	// built-in one.
	Sections *Vocabulary `yaml:"-"`
	// Lint is the lint: section, kept as parsed (lines count in kb.yaml) for
	// the lint package to read and check.
	Lint *yaml.Node `yaml:"-"`
}

// DefaultConfig returns the configuration of a KB without kb.yaml.
func DefaultConfig() Config {
	return Config{
		Title:      "Knowledge base",
		Severities: []string{"SEV1", "SEV2", "SEV3", "SEV4"},
		Kinds: map[Kind][]string{
			KindPostmortem: {"postmortems/**"},
			KindRunbook:    {"runbooks/**"},
		},
		StaleDays: 180,
		Search:    true,
		Limits: Limits{DocumentBytes: DefaultDocumentBytes, FrontMatterBytes: DefaultFrontMatterBytes, FileBytes: DefaultFileBytes,
			TermsPerDocument: DefaultTermsPerDocument, ActionsPerDocument: DefaultActionsPerDocument},
		Dates: DefaultDateRange(),
	}
}

// Limits bounds what kb reads of one file, and what one document may add
// to the site, so that no file of a pull request can make kb read without
// end or fill the site with pages.
type Limits struct {
	// DocumentBytes is the largest document kb reads.
	DocumentBytes int64 `yaml:"document_bytes"`
	// FrontMatterBytes is the largest front matter block kb parses.
	FrontMatterBytes int64 `yaml:"front_matter_bytes"`
	// TermsPerDocument is how many values of one front matter list
	// (services, tags, authors, contributing_factors, guardrails,
	// runbooks, alerts) kb uses; the rest are left out.
	TermsPerDocument int `yaml:"terms_per_document"`
	// ActionsPerDocument is how many action items of one document kb
	// uses, front matter and body together; the rest are left out.
	ActionsPerDocument int `yaml:"actions_per_document"`
	// FileBytes is the largest file a document links to (an image, a
	// PDF) that kb copies into the site.
	FileBytes int64 `yaml:"file_bytes"`
}

// The default limits, and the fixed limit of kb.yaml itself (which cannot
// raise its own).
const (
	DefaultDocumentBytes      = 10 << 20
	DefaultFrontMatterBytes   = 1 << 20
	DefaultFileBytes          = 20 << 20
	ConfigBytes               = 1 << 20
	DefaultTermsPerDocument   = 100
	DefaultActionsPerDocument = 100
)

// The ceilings of the per-document caps: kb.yaml may raise them this far
// and no further, so that a pull request that edits kb.yaml cannot lift
// the bound on what one document adds to the site.
const (
	MaxTermsPerDocument   = 1000
	MaxActionsPerDocument = 1000
)

func (l Limits) valid() bool {
	return l.DocumentBytes > 0 && l.FrontMatterBytes > 0 && l.TermsPerDocument > 0 && l.ActionsPerDocument > 0 && l.FileBytes > 0
}

// Document is the limit a document is read with; zero limits are the
// defaults.
func (l Limits) Document() Limit {
	return Limit{Bytes: orDefault(l.DocumentBytes, DefaultDocumentBytes), Key: "limits.document_bytes"}
}

// File is the limit a file that documents link to is copied with.
func (l Limits) File() Limit {
	return Limit{Bytes: orDefault(l.FileBytes, DefaultFileBytes), Key: "limits.file_bytes"}
}

// frontMatter is the limit of a front matter block.
func (l Limits) frontMatter() int64 { return orDefault(l.FrontMatterBytes, DefaultFrontMatterBytes) }

// terms is the limit of the values of one front matter list.
func (l Limits) terms() int {
	return int(orDefault(int64(l.TermsPerDocument), DefaultTermsPerDocument))
}

// actions is the limit of the action items of one document.
func (l Limits) actions() int {
	return int(orDefault(int64(l.ActionsPerDocument), DefaultActionsPerDocument))
}

func orDefault(n, def int64) int64 {
	if n <= 0 {
		return def
	}
	return n
}

// configKeys lists the keys kb.yaml may hold, for unknown-key errors.
var configKeys = []string{"title", "description", "base_url", "repo_url", "edit_path", "severities", "owners", "kinds", "ignore", "alert_rules", "stale_days", "unsafe_html", "search", "limits", "dates", "sections", "lint"}

// LoadConfig reads dir/kb.yaml over the defaults. A missing file is not an
// error; a malformed one gives positioned errors, and every key that could
// be read is still used.
func LoadConfig(dir string) (Config, []*Error) {
	files, err := OpenFiles(dir)
	if err != nil {
		return DefaultConfig(), []*Error{{Pos: Pos{File: "."}, Msg: systemReason(err)}}
	}
	return files.LoadConfig()
}

// LoadConfig reads the KB's kb.yaml over the defaults, as the function
// LoadConfig does.
func (f *Files) LoadConfig() (Config, []*Error) {
	cfg := DefaultConfig()
	src, err := f.ReadFile(ConfigFile, Limit{Bytes: ConfigBytes})
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, []*Error{FileLoadError(ConfigFile, err)}
	}
	src = normalize(src)
	root, perr := parseYAML(ConfigFile, src, append([]byte{'\n'}, src...), 0, nil)
	if perr != nil {
		return cfg, []*Error{perr}
	}
	if root == nil {
		return cfg, nil
	}
	// One index of kb.yaml's lines serves every error of it, so that a
	// file of many bad keys costs its size, not its size for each key.
	lines := NewLineIndex(src)
	var errs []*Error
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !slices.Contains(configKeys, k.Value) {
			msg := "unknown key " + quote(k.Value) + " in kb.yaml"
			if s := Closest(k.Value, configKeys); s != "" {
				msg += "; did you mean " + quote(s) + "?"
			}
			errs = append(errs, configError(lines, k, "%s", msg))
			continue
		}
		if k.Value == "lint" {
			cfg.Lint = v
			continue
		}
		if k.Value == "sections" {
			var secErrs []*Error
			cfg.Sections, secErrs = decodeSections(lines, v)
			errs = append(errs, secErrs...)
			continue
		}
		if k.Value == "dates" {
			var dateErrs []*Error
			cfg.Dates, dateErrs = decodeDates(lines, v)
			errs = append(errs, dateErrs...)
			continue
		}
		// Decode key by key so that one bad value spoils only itself.
		one := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}
		if err := one.Decode(&cfg); err != nil {
			errs = append(errs, configError(lines, v, "%s: %s", k.Value, trimYAMLPrefix(err.Error())))
			continue
		}
		errs = append(errs, checkValue(lines, k.Value, v, &cfg)...)
	}
	return cfg, errs
}

// kindOf returns the kind the configured globs give path, and whether
// they decide it: a path no glob matches is a page when kb.yaml has
// kinds:, and undecided (KindPage, false) without it. Kinds are tried in
// a fixed order so that overlapping globs give one answer. A section
// index (_index.md, as Hugo sites have in every folder) is a plain page
// wherever it stands.
func (c *Config) kindOf(path string) (Kind, bool) {
	if strings.EqualFold(pathpkg.Base(path), "_index.md") {
		return KindPage, true
	}
	kinds := make([]Kind, 0, len(c.Kinds))
	for k := range c.Kinds {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	for _, k := range kinds {
		for _, g := range c.Kinds[k] {
			if matchGlob(g, path) {
				return k, true
			}
		}
	}
	return KindPage, c.KindsSet
}

// Ignored returns the first of kb.yaml's ignore: globs that matches the
// slash path p, relative to the KB root, or "" when none does.
func (c *Config) Ignored(p string) string {
	for _, g := range c.Ignore {
		if matchGlob(g, p) {
			return g
		}
	}
	return ""
}

// vocabulary returns the KB's heading vocabulary.
func (c *Config) vocabulary() *Vocabulary {
	if c.Sections == nil {
		return DefaultVocabulary()
	}
	return c.Sections
}

// Vocabulary returns the KB's heading vocabulary: the built-in one with
// kb.yaml's sections: added.
func (c Config) Vocabulary() *Vocabulary { return c.vocabulary() }

func quote(s string) string { return `"` + s + `"` }
