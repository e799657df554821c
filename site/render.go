package site

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/kb-tools/kb/content"
)

// bodyRenderer turns document bodies into HTML, pointing links between
// markdown files of the KB at the pages made from them.
type bodyRenderer struct {
	md     goldmark.Markdown
	byPath map[string]string // document path → site path
}

// render returns the HTML of d's body, to be published at the site path url.
func (r *bodyRenderer) render(d *content.Doc, url string) ([]byte, error) {
	src := d.Body()
	root := r.md.Parser().Parse(text.NewReader(src))
	removeTitleHeading(root, src, d.Title)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			l.Destination = []byte(r.resolve(d.Path, url, string(l.Destination)))
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	buf.Grow(len(src) * 5 / 4)
	if err := r.md.Renderer().Render(&buf, src, root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// removeTitleHeading drops the first top-level H1 when it repeats the
// title, which the page header already shows.
func removeTitleHeading(root ast.Node, src []byte, title string) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level != 1 {
			continue
		}
		if seg := h.Lines(); seg.Len() == 1 && strings.TrimSpace(string(seg.Value(src))) == title {
			root.RemoveChild(root, h)
		}
		return
	}
}

// resolve rewrites a relative link to a markdown file of the KB into the
// link to its page, keeping any #fragment. Other links are returned as is.
func (r *bodyRenderer) resolve(from, fromURL, dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return dest
	}
	if !content.IsMarkdown(u.Path) {
		return dest
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		return dest
	}
	target := path.Clean(path.Join(path.Dir(from), p))
	page, ok := r.byPath[target]
	if !ok {
		return dest
	}
	page = relPath(fromURL, page)
	if u.Fragment != "" {
		page += "#" + u.Fragment
	}
	return page
}
