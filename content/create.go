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

	"gopkg.in/yaml.v3"
)

// NewDoc describes a document to create from an archetype.
type NewDoc struct {
	Kind  Kind
	Title string
	// Date is the day the document is written; it names a postmortem's file.
	Date time.Time
	// Archetype is a text/template for the file. It sees .Title, .Date
	// (YYYY-MM-DD), .Due (30 days after Date) and .Kind, and has the function
	// yaml, which quotes a string for YAML.
	Archetype []byte
	// ArchetypeName names the archetype in errors.
	ArchetypeName string
}

// Create writes a new document into the KB at root and returns its slash
// path relative to root: postmortems/YYYY-MM-DD-slug.md or
// runbooks/slug.md, in the first folder the kind's globs name. It never
// overwrites a file.
func Create(root string, cfg *Config, nd NewDoc) (string, error) {
	slug := Slug(nd.Title)
	if slug == "" {
		return "", fmt.Errorf("the title %q has no letters or digits to name the file with", nd.Title)
	}
	name := slug + ".md"
	if nd.Kind == KindPostmortem {
		name = nd.Date.Format("2006-01-02") + "-" + name
	}
	rel := path.Join(kindFolder(cfg, nd.Kind), name)
	text, err := expandArchetype(nd)
	if err != nil {
		return "", err
	}
	full := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s exists already; kb new never overwrites a file", rel)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
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

func expandArchetype(nd NewDoc) ([]byte, error) {
	t, err := template.New(nd.ArchetypeName).Funcs(template.FuncMap{"yaml": yamlString}).Parse(string(nd.Archetype))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, map[string]string{
		"Title": nd.Title,
		"Date":  nd.Date.Format("2006-01-02"),
		"Due":   nd.Date.AddDate(0, 0, 30).Format("2006-01-02"),
		"Kind":  string(nd.Kind),
	})
	return buf.Bytes(), err
}

// yamlString quotes s as a YAML scalar when it needs quoting.
func yamlString(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
