package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/kb-tools/kb/content"
)

func linkRules() []*Rule {
	return []*Rule{
		{Name: "links/broken", Severity: Error, Scope: PerKB, Run: runBrokenLinks,
			Doc: "A link or image to a file that is not in the KB (relative to the document, or from the KB root for a link that starts with / and names a file), to a file the site cannot hold (outside the KB, over limits.file_bytes), or to a #section that the target has no heading for."},
		{Name: "links/runbook-ref", Severity: Error, Scope: PerKB, Run: runRunbookRefs,
			Doc: "A runbooks: id in a postmortem that names no runbook of the KB: the page would promise a runbook that is not there."},
	}
}

func runBrokenLinks(p *Pass) {
	byPath := make(map[string]*content.Doc, len(p.KB.Docs))
	for _, d := range p.KB.Docs {
		byPath[d.Path] = d
	}
	for _, d := range p.KB.Docs {
		for _, l := range d.Links {
			if msg := checkLink(p.KB.Files, &p.KB.Config, d, l, byPath); msg != "" {
				p.Report(l.Pos, msg, "")
			}
		}
	}
}

// checkLink says what is wrong with a link from d, or "".
func checkLink(files *content.Files, cfg *content.Config, d *content.Doc, l content.Link, byPath map[string]*content.Doc) string {
	dest := l.Dest
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || strings.Contains(dest, "{{") {
		return "" // external or a template: not checked
	}
	if strings.HasPrefix(u.Path, "/") && !l.Image && !namesFile(u.Path) {
		return "" // a page of a site ("/runbooks/db/"), not a file of the KB
	}
	target := d
	if u.Path != "" {
		rel, ok := content.LinkTarget(d.Path, u)
		if !ok {
			return "" // outside the KB
		}
		t, ok := byPath[rel]
		if !ok {
			return checkFile(files, cfg, rel, u.Path)
		}
		target = t
	}
	if u.Fragment == "" {
		return ""
	}
	for _, s := range target.Sections {
		if s.Anchor == u.Fragment {
			return ""
		}
	}
	var anchors []string
	for _, s := range target.Sections {
		anchors = append(anchors, s.Anchor)
	}
	return fmt.Sprintf("link to #%s: %s has no such heading%s", u.Fragment, target.Path, didYouMean(u.Fragment, anchors))
}

// namesFile reports whether a site-absolute link names a file by its
// extension ("/img/db.png", "/docs/report.pdf"), as links to the KB's own
// files do, rather than a page of some site.
func namesFile(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext != "" && ext != ".html" && ext != ".htm" && !strings.HasSuffix(p, "/")
}

// checkFile says what is wrong with a link to the KB path rel that is not
// a document, or "": the file must be there, and be one the site can hold
// and publishes.
func checkFile(files *content.Files, cfg *content.Config, rel, written string) string {
	limit := cfg.Limits.File()
	info, err := files.Stat(rel)
	var fe *content.FileError
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.As(err, &fe) && (fe.Problem == content.FileMissing || fe.Problem == content.FileDangling):
		return fmt.Sprintf("link to %s: no such file in the KB", written)
	case err != nil:
		return fmt.Sprintf("link to %s: %v; the site will not hold it", written, err)
	case info.Mode().IsRegular() && info.Size() > limit.Bytes:
		return fmt.Sprintf("link to %s: the file is larger than kb copies into the site (%d bytes); kb.yaml %s raises the limit", written, limit.Bytes, limit.Key)
	case info.Mode().IsRegular() && !cfg.PublishesFile(rel):
		return fmt.Sprintf("link to %s: the site does not publish it (a hidden file, one kb.yaml ignore: leaves out, or a document kb does not read)", written)
	}
	return "" // a file or a folder of the KB
}

func runRunbookRefs(p *Pass) {
	ids := map[string]bool{}
	var all []string
	for _, d := range p.KB.Docs {
		if d.Kind == content.KindRunbook {
			ids[d.ID] = true
			all = append(all, d.ID)
		}
	}
	sort.Strings(all)
	for _, d := range p.KB.Docs {
		for _, id := range d.Meta.Runbooks {
			if !ids[content.Slug(id)] {
				p.Report(keyPos(d, "runbooks"), fmt.Sprintf("runbooks: %q names no runbook of the KB%s", short(id), didYouMean(content.Slug(id), all)),
					"Use the runbook's id: its id: key, or its file name without .md.")
			}
		}
	}
}
