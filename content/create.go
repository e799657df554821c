package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"
)

// NewDoc describes a document to create from an archetype.
type NewDoc struct {
	Kind  Kind
	Title string
	// Date is the day the document is written; it names a postmortem's file.
	Date time.Time
	// Services and Owner fill the front matter's services: and owner:.
	Services []string
	Owner    string
	// Archetype is a text/template for the file. It sees .Title, .Date
	// (YYYY-MM-DD), .Due (30 days after Date), .Kind, .Severity (SEV3 when
	// kb.yaml lists it, else its least severe), .Services (a YAML list)
	// and .Owner, .Schema (the address of the kind's published JSON
	// Schema when kb.yaml has a base_url, else ""; the archetypes write it
	// as a yaml-language-server modeline), and has the function yaml, which writes a string as a
	// YAML scalar that reads back as it was, whatever it holds (see
	// yamlQuote).
	Archetype []byte
	// ArchetypeName names the archetype in errors.
	ArchetypeName string
}

// TitleError is the error Create gives for a title it cannot use: one
// that is not UTF-8, or has nothing to name a file with.
type TitleError struct {
	Title  string
	Reason string
}

// Error says which title and why kb cannot use it.
func (e *TitleError) Error() string { return fmt.Sprintf("the title %q %s", e.Title, e.Reason) }

// Create writes a new document into the KB at root and returns its slash
// path relative to root: postmortems/YYYY-MM-DD-slug.md or
// runbooks/slug.md, in the first folder the kind's globs name, the name
// cut after a word to at most MaxSegmentBytes. The title, without spaces
// at its ends, must be UTF-8 with a letter or digit; the archetype's yaml
// function writes it so that kb reads it back as it was. Create never
// overwrites a file (the error then wraps fs.ErrExist), and refuses to
// write a file whose front matter kb could not read.
func Create(root string, cfg *Config, nd NewDoc) (string, error) {
	nd.Title = strings.TrimSpace(nd.Title)
	if !utf8.ValidString(nd.Title) {
		return "", &TitleError{Title: nd.Title, Reason: "is not UTF-8 text"}
	}
	if slugify(nd.Title) == "" {
		return "", &TitleError{Title: nd.Title, Reason: "has no letters or digits to name the file with"}
	}
	prefix := ""
	if nd.Kind == KindPostmortem {
		prefix = nd.Date.Format("2006-01-02") + "-"
	}
	rel := path.Join(kindFolder(cfg, nd.Kind), fileStem(prefix, nd.Title)+".md")
	text, err := expandArchetype(nd, newSeverity(cfg.Severities), SchemaURL(cfg.BaseURL, nd.Kind))
	if err != nil {
		return "", err
	}
	if _, errs := NewParser(cfg).Parse(rel, text); len(errs) > 0 {
		return "", fmt.Errorf("%s gives a file kb cannot read with this title (%s); write the title as {{ .Title | yaml }}", nd.ArchetypeName, errs[0].Msg)
	}
	return rel, writeNew(filepath.Join(root, filepath.FromSlash(rel)), rel, text)
}

// fileStem names a new document's file: prefix and the title's slug, at
// most MaxSegmentBytes long, cut after a whole word when one ends in the
// second half, else at a rune boundary. No hash is added: the name reads
// as the title, and Create never overwrites a file of the same name.
func fileStem(prefix, title string) string {
	stem := prefix + slugify(title)
	if len(stem) <= MaxSegmentBytes {
		return stem
	}
	cut := len(CutText(stem, MaxSegmentBytes, ""))
	if dash := strings.LastIndexByte(stem[:cut+1], '-'); dash > MaxSegmentBytes/2 {
		cut = dash
	}
	return strings.TrimRight(stem[:cut], "-")
}

// writeNew creates the file full with text; it fails if the file exists.
func writeNew(full, rel string, text []byte) error {
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists already; kb new never overwrites a file: %w", rel, fs.ErrExist)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// kindFolder returns the folder the first glob of a kind names ("runbooks"
// for "runbooks/**"), else the kind's default folder.
func kindFolder(cfg *Config, kind Kind) string {
	for _, g := range cfg.Kinds[kind] {
		var fixed []string
		for _, seg := range strings.Split(g, "/") {
			if strings.ContainsAny(seg, "*?[") {
				break
			}
			fixed = append(fixed, seg)
		}
		if len(fixed) > 0 && len(fixed) < len(strings.Split(g, "/")) {
			return path.Join(fixed...)
		}
	}
	return string(kind) + "s"
}

// newSeverity is the severity a new postmortem starts with: SEV3 when
// the KB has it, else its least severe one.
func newSeverity(severities []string) string {
	for _, s := range severities {
		if s == "SEV3" {
			return s
		}
	}
	if len(severities) == 0 {
		return "SEV3"
	}
	return severities[len(severities)-1]
}

// yamlList writes values as a YAML flow list of quoted scalars.
func yamlList(values []string) string {
	quoted := make([]string, 0, len(values))
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			quoted = append(quoted, yamlQuote(v))
		}
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func expandArchetype(nd NewDoc, severity, schema string) ([]byte, error) {
	t, err := template.New(nd.ArchetypeName).Funcs(template.FuncMap{"yaml": yamlQuote}).Parse(string(nd.Archetype))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, map[string]string{
		"Title":    nd.Title,
		"Date":     nd.Date.Format("2006-01-02"),
		"Due":      nd.Date.AddDate(0, 0, 30).Format("2006-01-02"),
		"Kind":     string(nd.Kind),
		"Severity": severity,
		"Services": yamlList(nd.Services),
		"Owner":    strings.TrimSpace(nd.Owner),
		"Schema":   schema,
	})
	return buf.Bytes(), err
}
