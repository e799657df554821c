package lint

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/kb-tools/kb/content"
)

func linkRules() []*Rule {
	return []*Rule{
		{Name: "links/broken", Severity: Error, Scope: PerKB, Run: runBrokenLinks,
			Doc: "A relative link to a file that is not in the repository, or to a #section that the target has no heading for."},
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
			if msg := checkLink(p.KB.Files, d, l.Dest, byPath); msg != "" {
				p.Report(l.Pos, msg, "")
			}
		}
	}
}

// checkLink says what is wrong with a link from d, or "".
func checkLink(files *content.Files, d *content.Doc, dest string, byPath map[string]*content.Doc) string {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") || strings.Contains(dest, "{{") {
		return "" // external, site-absolute or a template: not checked
	}
	target := d
	if u.Path != "" {
		rel := path.Clean(path.Join(path.Dir(d.Path), u.Path))
		if strings.HasPrefix(rel, "../") || rel == ".." {
			return "" // outside the KB
		}
		if t, ok := byPath[rel]; ok {
			target = t
		} else if _, err := files.Stat(rel); err != nil {
			return fmt.Sprintf("link to %s: no such file in the KB", u.Path)
		} else {
			return "" // an existing file that is not a document (an image, say)
		}
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
