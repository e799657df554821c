package site

import (
	"path"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/work"
	"github.com/kb-tools/kb/templates"
)

// searchDir is the site folder of the search page, its scripts and its
// index.
const searchDir = "search/"

// searchScripts are the search page's scripts, by their names in the
// templates (a KB may override them) and in the site.
func searchScripts() []string {
	return []string{"static/search/search.js", templates.SearchAnalysisPath}
}

// searchIndex writes the static search index of the KB's documents,
// published at urls, under search/data/ while the rest of the site is
// built: wait returns its error once it is done.
func searchIndex(kb *content.KB, urls map[*content.Doc]string, out sink) (wait func() error) {
	done := make(chan error, 1)
	go func() {
		docs := make([]index.Document, len(kb.Docs))
		work.Each(len(docs), func() func(int) bool {
			return func(i int) bool {
				docs[i] = index.NewDocument(kb.Docs[i], urls[kb.Docs[i]])
				return true
			}
		})
		_, err := index.WriteStatic(docs, index.StaticOptions{Severities: kb.Config.Severities}, func(name string, data []byte) error {
			return out.write(searchDir+name, data)
		})
		done <- err
	}()
	return func() error { return <-done }
}

// writeSearchScripts copies the search page's scripts into the site.
func writeSearchScripts(kbTemplates templates.Overrides, out sink) error {
	for _, name := range searchScripts() {
		src, err := templates.Read(kbTemplates, name)
		if err != nil {
			return err
		}
		if err := out.write(searchDir+path.Base(name), src.Data); err != nil {
			return err
		}
	}
	return nil
}
