// Package templates holds kb's embedded defaults: the HTML layouts and
// stylesheet of the site, the archetypes of new documents and the skeleton
// of a new KB. A KB overrides any of them with a file of the same name
// under its own templates/ folder.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed layouts archetypes static init
var embedded embed.FS

// Default returns the embedded files: layouts/, archetypes/, static/ and
// init/ (the skeleton kb init writes).
func Default() fs.FS { return embedded }

// Source says where a template file was read from, for error messages.
type Source struct {
	// Path is the file's path on disk for an override, or
	// "(embedded) NAME" for a default.
	Path string
	Data []byte
}

// Read returns the file name (such as "layouts/single.html") from the KB's
// templates folder kbTemplates when it has one, else the embedded default.
func Read(kbTemplates, name string) (Source, error) {
	if kbTemplates != "" {
		p := filepath.Join(kbTemplates, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err == nil {
			return Source{Path: p, Data: data}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Source{}, err
		}
	}
	data, err := embedded.ReadFile(name)
	if err != nil {
		return Source{}, err
	}
	return Source{Path: "(embedded) " + name, Data: data}, nil
}
