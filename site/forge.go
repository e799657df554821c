package site

import (
	"net/url"
	"strings"
)

// forgeLinks are the addresses of a document's file on the KB's forge,
// made from kb.yaml's repo_url and edit_path.
type forgeLinks struct{ repo, edit string }

func newForgeLinks(repoURL, editPath string) forgeLinks {
	repo := strings.TrimSuffix(strings.TrimSpace(repoURL), "/")
	if repo == "" || !(strings.HasPrefix(repo, "https://") || strings.HasPrefix(repo, "http://")) {
		return forgeLinks{}
	}
	if editPath == "" {
		editPath = "edit/main/"
	}
	return forgeLinks{repo: repo, edit: strings.Trim(editPath, "/") + "/"}
}

// EditURL is the address of the page's file in its forge's editor, ""
// without a repo_url.
func (p *page) EditURL() string {
	f := p.Site.forge
	if f.repo == "" || p.Doc == nil {
		return ""
	}
	return f.repo + "/" + f.edit + escapePath(p.Doc.Path)
}

// escapePath escapes each segment of a slash path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// SourceURL is the address of the page's file as its forge shows it:
// edit_path with its edit/ turned into blob/ (GitHub's and GitLab's
// form); "" when edit_path has no edit/ to turn.
func (p *page) SourceURL() string {
	f := p.Site.forge
	if f.repo == "" || p.Doc == nil {
		return ""
	}
	var view string
	switch {
	case strings.HasPrefix(f.edit, "edit/"):
		view = "blob/" + strings.TrimPrefix(f.edit, "edit/")
	case strings.HasPrefix(f.edit, "-/edit/"):
		view = "-/blob/" + strings.TrimPrefix(f.edit, "-/edit/")
	default:
		return ""
	}
	return f.repo + "/" + view + escapePath(p.Doc.Path)
}
