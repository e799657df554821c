package site

import (
	"bufio"
	"bytes"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/work"
)

// bodyRenderer turns document bodies into HTML, pointing links between
// markdown files of the KB at the pages made from them. One renderer is
// used by one goroutine at a time: it renders into buffers of its own,
// reused from one document to the next.
type bodyRenderer struct {
	md     goldmark.Markdown
	byPath map[string]string // document path → site path
	// files publishes the other files that documents link to; nil
	// leaves those links as they are.
	files *assets
	// vocab tells the action sections of a body; nil is kb's built-in
	// vocabulary.
	vocab *content.Vocabulary
	// sourceLines has each block of a body carry the line of the file it
	// starts on (Options.SourceLines).
	sourceLines bool
	buf         bytes.Buffer
	w           *bufio.Writer
}

// vocabulary is the heading vocabulary the renderer reads sections by.
func (r *bodyRenderer) vocabulary() *content.Vocabulary {
	if r.vocab == nil {
		return content.DefaultVocabulary()
	}
	return r.vocab
}

// newBodyRenderer returns a renderer using md, which links to the pages of
// the documents in byPath and to the files that files publishes.
func newBodyRenderer(md goldmark.Markdown, byPath map[string]string, files *assets) *bodyRenderer {
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(actionsSpotRenderer{}, 500)))
	r := &bodyRenderer{md: md, byPath: byPath, files: files}
	r.w = bufio.NewWriterSize(&r.buf, 16<<10)
	return r
}

// render returns the HTML of d's body, to be published at the site path
// url, and whether it holds the marker of the action table in place of
// the body's action items (see placeBodyActions).
func (r *bodyRenderer) render(d *content.Doc, url string) (template.HTML, bool, error) {
	if d.PlainBody {
		return plainBodyHTML(d.Body()), false, nil
	}
	var actionsOf *content.Doc
	if d.Kind == content.KindPostmortem {
		actionsOf = d
	}
	firstLine := 0
	if r.sourceLines {
		firstLine = d.BodyLine
	}
	return r.renderMarkdown(d.Path, url, d.Body(), d.Title, actionsOf, firstLine)
}

// plainBodyHTML shows a body that would cost the renderer work out of
// proportion to its size (content.Doc.PlainBody) as its text, escaped and
// preformatted: the page holds what the file says, in linear time.
func plainBodyHTML(body []byte) template.HTML {
	var b strings.Builder
	b.Grow(len(body) + len(body)/8 + 32)
	b.WriteString(`<pre class="plain-body">`)
	template.HTMLEscape(&b, body)
	b.WriteString("</pre>\n")
	return template.HTML(b.String())
}

// renderMarkdown renders markdown from the document at path, for the page at
// url; a first H1 equal to title is left out, the page header shows it.
// With actionsOf, the postmortem src is the body of, the blocks that hold
// its action items give way to the marker of kb's table, and it reports
// whether they did.
//
// A firstLine above zero is the line of the KB file src starts at: each
// block of the body then carries the line it starts on (markSourceLines).
func (r *bodyRenderer) renderMarkdown(path, url string, src []byte, title string, actionsOf *content.Doc, firstLine int) (template.HTML, bool, error) {
	root := r.md.Parser().Parse(text.NewReader(src))
	removeTitleHeading(root, src, title)
	placed := actionsOf != nil && placeBodyActions(root, src, actionsOf, r.vocabulary())
	if firstLine > 0 {
		markSourceLines(root, src, firstLine)
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = []byte(r.resolve(path, url, string(l.Destination)))
		case *ast.Image:
			l.Destination = []byte(r.resolve(path, url, string(l.Destination)))
		}
		return ast.WalkContinue, nil
	})
	r.buf.Reset()
	r.w.Reset(&r.buf)
	// A bufio.Writer is taken as it is; any other writer is wrapped in a
	// new one for each document.
	if err := r.md.Renderer().Render(r.w, src, root); err != nil {
		return "", false, err
	}
	if err := r.w.Flush(); err != nil {
		return "", false, err
	}
	out := r.buf.String()
	if strings.Contains(out, codeBlockOpen) {
		// A code block scrolls sideways on a narrow screen: it takes
		// keyboard focus, so that it can be scrolled without a mouse.
		out = strings.ReplaceAll(out, codeBlockOpen, `<pre tabindex="0"><code`)
	}
	return template.HTML(out), placed, nil
}

// codeBlockOpen is how goldmark opens a code block.
const codeBlockOpen = "<pre><code"

// removeTitleHeading drops the first top-level H1 when it repeats the
// title, which the page header already shows.
func removeTitleHeading(root ast.Node, src []byte, title string) {
	if title == "" {
		return
	}
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

// resolve rewrites a link from the document at from, whose page is at
// fromURL, for the page's place in the site: a link to a markdown file of
// the KB leads to its page, keeping any #fragment; a link to another file
// of the KB (an image, a PDF) to its copy in the site. Links are read
// relative to the document, or from the KB root when they start with /.
// Other links are returned as they are.
func (r *bodyRenderer) resolve(from, fromURL, dest string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return dest
	}
	target, ok := content.LinkTarget(from, u)
	if !ok {
		return dest
	}
	page, ok := r.byPath[target]
	if !ok {
		if r.files == nil {
			return dest
		}
		if site, ok := r.files.publish(target); ok {
			return fileLink(fromURL, site, u)
		}
		return dest
	}
	page = pageFile(relPath(fromURL, page))
	if u.Fragment != "" {
		page += "#" + u.Fragment
	}
	return page
}

// lessons collects what each postmortem taught, newest first, rendering
// the lessons sections on all processors with a renderer each.
func lessons(sd *siteData, newRenderer func() *bodyRenderer, cache *lessonCache) []*lesson {
	var out []*lesson
	size := 0
	for _, p := range sd.Postmortems {
		if l := lessonOf(p, cache.source(p.Doc)); l != nil {
			out = append(out, l)
			size += l.size
		}
	}
	// The sections are rendered for the page they are shown on: /lessons/,
	// or when the lessons are split in parts, the parts' pages one folder
	// below it (see split).
	at := "/lessons/"
	if size > sd.partBytes {
		at = "/lessons/part/"
	}
	work.Each(len(out), func() func(int) bool {
		r := newRenderer()
		return func(i int) bool {
			l := out[i]
			if len(l.src) > 0 {
				l.Section = cache.render(l.Page.Doc.Path, at, l.src, func() template.HTML {
					html, _, err := r.renderMarkdown(l.Page.Doc.Path, at, l.src, "", nil, 0)
					if err != nil {
						return ""
					}
					return html
				})
			}
			return true
		}
	})
	// A section that renders to nothing teaches nothing.
	return slices.DeleteFunc(out, func(l *lesson) bool {
		return l.Insight == "" && l.Section == "" && len(l.Guardrails) == 0
	})
}

// lessonOf returns what postmortem p taught, with its lessons section
// (src, its markdown) still to render, or nil when it records no insight,
// lessons section or guardrail.
func lessonOf(p *page, src []byte) *lesson {
	l := &lesson{Page: p, Insight: p.Doc.Meta.Insight, Guardrails: p.Doc.Meta.Guardrails, Runbooks: p.Runbooks, src: src}
	if l.Insight == "" && len(l.src) == 0 && len(l.Guardrails) == 0 {
		return nil
	}
	l.size = lessonBytes(l)
	return l
}

// sectionSource returns the markdown of the first section of kind k,
// without the heading, up to the next heading of its level or above.
func sectionSource(d *content.Doc, k content.SectionKind) []byte {
	for i, s := range d.Sections {
		if !s.Kinds.Has(k) {
			continue
		}
		end := 0
		for _, next := range d.Sections[i+1:] {
			if next.Level <= s.Level {
				end = next.Pos.Line
				break
			}
		}
		return linesOf(d.Source, s.Pos.Line+1, end)
	}
	return nil
}

// linesOf returns lines first to end-1 of src (to the end when end is 0).
func linesOf(src []byte, first, end int) []byte {
	start, line := 0, 1
	for line < first && start < len(src) {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return nil
		}
		start += i + 1
		line++
	}
	stop := start
	for end == 0 || line < end {
		i := bytes.IndexByte(src[stop:], '\n')
		if i < 0 {
			stop = len(src)
			break
		}
		stop += i + 1
		line++
	}
	return src[start:stop]
}
