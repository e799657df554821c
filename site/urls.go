package site

import (
	"net/url"
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
	if len(segs) == 0 || reservedPrefixes[segs[0]] {
		segs = append([]string{"pages"}, segs...)
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// reservedPrefixes are the first path segments of kb's own pages; a plain
// page whose path starts with one moves under /pages/.
var reservedPrefixes = map[string]bool{
	"postmortems": true, "runbooks": true, "services": true, "tags": true, "severities": true, "owners": true,
	"actions": true, "lessons": true, "trends": true, "search": true, "pages": true, "404": true, "files": true,
	"factors": true, "guardrails": true, "alerts": true, "api": true, content.SchemaDir: true,
}

// URLs gives every document a distinct site path, without the base path,
// as kb build publishes it: /postmortems/<id>/, /runbooks/<id>/, and for a
// plain page its folders and name. A plain page whose path would collide
// with another page or a reserved path gets a numeric suffix; postmortem
// and runbook ids are already unique per kind. kb search links its hits
// to the same paths.
func URLs(docs []*content.Doc) map[*content.Doc]string {
	urls := make(map[*content.Doc]string, len(docs))
	taken := make(map[string]bool, len(docs))
	for _, d := range docs {
		u := docURL(d)
		if taken[u] {
			base := strings.TrimSuffix(u, "/")
			for n := 2; taken[u]; n++ {
				u = base + "-" + strconv.Itoa(n) + "/"
			}
		}
		taken[u] = true
		urls[d] = u
	}
	return urls
}

// basePath returns the path part of a base URL, with slashes at both ends:
// "https://host/kb" gives "/kb/"; "" gives "/".
func basePath(baseURL string) string {
	p := baseURL
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	p = "/" + strings.Trim(p, "/") + "/"
	if p == "//" {
		p = "/"
	}
	return p
}

// cleanJoin resolves a relative link from the document at slash path from
// into a slash path of the KB, undoing %-escapes.
func cleanJoin(from, rel string) string {
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	return path.Clean(path.Join(path.Dir(from), rel))
}

// pageFile names the index.html of a link to a folder ("../runbooks/" is
// "../runbooks/index.html"): a site opened from disk (file://) shows a
// folder's listing, not its index page, and every static host serves the
// file as well.
func pageFile(link string) string {
	if link == "" || strings.HasSuffix(link, "/") {
		return link + "index.html"
	}
	return link
}

// fileOf returns the name of the file of page p in the site: its
// pageFile, or 404.html for the page of missing addresses.
func fileOf(p *page) string {
	if p.Layout == "404" {
		return "404.html"
	}
	return pageFile(p.Path)
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
