package content

import (
	"net/url"
	"path"
	"strings"
)

// LinkTarget returns the KB path that a link from the document at from
// leads to: relative to the document's folder, or from the KB root for a
// path that starts with "/" (as a repository's web view reads it). It is
// false for a link with a scheme or a host, without a path, or one that
// climbs out of the KB. The site copies the files links lead to, and lint
// checks that they are there, by this one reading.
func LinkTarget(from string, u *url.URL) (string, bool) {
	if u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	var target string
	if strings.HasPrefix(u.Path, "/") {
		target = path.Clean(strings.TrimLeft(u.Path, "/"))
	} else {
		target = path.Clean(path.Join(path.Dir(from), u.Path))
	}
	if target == "." || target == ".." || strings.HasPrefix(target, "../") {
		return "", false
	}
	return target, true
}

// PublishesFile reports whether the site may publish the KB file at the
// slash path rel when a document links to it: not a document (documents
// become pages), not hidden (a .env beside the documents, .git), and not
// left out by kb.yaml's ignore:.
func (c *Config) PublishesFile(rel string) bool {
	if IsMarkdown(rel) {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return c.Ignored(rel) == ""
}
