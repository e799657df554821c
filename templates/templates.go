// Package templates holds kb's embedded defaults: the HTML layouts and
// stylesheet of the site, the archetypes of new documents, the skeleton
// of a new KB and the preview markup and live reload script of kb serve. A KB overrides any of them with a file of the same name
// under its own templates/ folder.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

//go:embed layouts archetypes static init serve
var embedded embed.FS

// Default returns the embedded files: layouts/, archetypes/, static/,
// init/ (the skeleton kb init writes) and serve/ (kb serve's preview).
func Default() fs.FS { return embedded }

// Source says where a template file was read from, for error messages.
type Source struct {
	// Path is the file's path in the KB for an override (as the reader
	// names it), or "(embedded) NAME" for a default.
	Path string
	Data []byte
	// Override reports a file of the KB's own, not kb's default.
	Override bool
}

// Overrides reads a KB's own template files by their slash names (such as
// "layouts/single.html"). It returns an error for which errors.Is(err,
// fs.ErrNotExist) holds when the KB has no such file, and path, the name
// to show in messages. A nil Overrides reads nothing.
type Overrides func(name string) (data []byte, path string, err error)

// Read returns the file name (such as "layouts/single.html") from the KB's
// overrides when it has one, else the embedded default.
func Read(overrides Overrides, name string) (Source, error) {
	if overrides != nil {
		data, p, err := overrides(name)
		if err == nil {
			return Source{Path: p, Data: data, Override: true}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Source{}, fmt.Errorf("%s: %w", p, err)
		}
	}
	data, err := embedded.ReadFile(name)
	if err != nil {
		return Source{}, err
	}
	return Source{Path: "(embedded) " + name, Data: data}, nil
}
