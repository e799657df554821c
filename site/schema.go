package site

import (
	"github.com/kb-tools/kb/content"
)

// writeSchemas writes the JSON Schemas of front matter under /schema/:
// kb.json for both kinds and one file per kind, with the site's base URL
// (kb build --base-url, else kb.yaml's) in their $id.
func writeSchemas(cfg content.Config, baseURL string, out sink) error {
	cfg.BaseURL = baseURL
	for _, k := range append([]content.Kind{""}, content.SchemaKinds()...) {
		data, err := content.Schema(&cfg, k)
		if err != nil {
			return err
		}
		if err := out.write(content.SchemaDir+"/"+content.SchemaFile(k), data); err != nil {
			return err
		}
	}
	return nil
}
