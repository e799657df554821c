package site

import (
	"path"
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// docURL returns the site path of a document, without the base path:
// /postmortems/<id>/, /runbooks/<id>/, and for a plain page its folders and
// name ("docs/setup.md" is /docs/setup/, "docs/_index.md" is /docs/).
func docURL(d *content.Doc) string {
	switch d.Kind {
	case content.KindPostmortem:
		return "/postmortems/" + d.ID + "/"
	case content.KindRunbook:
		return "/runbooks/" + d.ID + "/"
	}
	dir, file := path.Split(d.Path)
	var segs []string
	for _, s := range strings.Split(strings.Trim(dir, "/"), "/") {
		if s = content.Slug(s); s != "" {
			segs = append(segs, s)
		}
	}
	name := content.Slug(strings.TrimSuffix(file, path.Ext(file)))
	if (name != "index" || len(segs) == 0) && name != "" {
		segs = append(segs, name)
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// reservedURLs are site paths that kb's own pages use.
var reservedURLs = map[string]bool{"/": true, "/style.css/": true}

// assignURLs gives every document a distinct site path. A plain page whose
// path would collide with another page or a reserved path gets a numeric
// suffix; postmortem and runbook ids are already unique per kind.
func assignURLs(docs []*content.Doc) map[*content.Doc]string {
	urls := make(map[*content.Doc]string, len(docs))
	taken := make(map[string]bool, len(docs))
	for _, d := range docs {
		u := docURL(d)
		if taken[u] || reservedURLs[u] {
			base := strings.TrimSuffix(u, "/")
			if base == "" {
				base = "/index"
			}
			for n := 2; taken[u] || reservedURLs[u]; n++ {
				u = base + "-" + strconv.Itoa(n) + "/"
			}
		}
		taken[u] = true
		urls[d] = u
	}
	return urls
}

// relPath returns the relative link from the page at site path from (a
// folder such as "/postmortems/x/") to the site path target.
func relPath(from, target string) string {
	depth := strings.Count(strings.Trim(from, "/"), "/") + 1
	if strings.Trim(from, "/") == "" {
		depth = 0
	}
	rel := strings.Repeat("../", depth) + strings.TrimPrefix(target, "/")
	if rel == "" {
		return "./"
	}
	return rel
}
