package serve

import (
	"bytes"
	"strconv"
)

// inject returns page, the HTML site file name of snap, with the preview
// added: before </head> the build's gen, the server's run, the preview's
// stylesheet and the live script; before </body> the preview markup of
// the page's document. A page without </head> gets the tags of the head
// with the markup; one without </body> gets them at its end. page itself
// is left as it is: the snapshot is shared.
func (s *server) inject(snap *Snapshot, name string, page []byte) []byte {
	doc, ok := snap.Site.DocOf(name)
	if !ok {
		doc = ""
	}
	a := s.assets.get(snap.Gen)
	head := headTags(snap.Gen, s.id)
	body := s.assets.render(a, previewOf(snap, doc))
	return insertPreview(page, head, body)
}

// headTags are the tags the preview adds to a page's head.
func headTags(gen uint64, run string) []byte {
	return []byte(`<meta name="kb-gen" content="` + strconv.FormatUint(gen, 10) + `">` +
		`<meta name="kb-server" content="` + run + `">` +
		`<link rel="stylesheet" href="` + kbPrefix + `preview.css">` +
		`<script src="` + kbPrefix + `live.js" defer></script>`)
}

// insertPreview returns a new page of page with head before its first
// </head> and body before its last </body>.
func insertPreview(page, head, body []byte) []byte {
	headAt := indexFold(page, []byte("</head>"))
	bodyAt := lastIndexFold(page, []byte("</body>"))
	if bodyAt < 0 || bodyAt < headAt {
		bodyAt = len(page)
	}
	out := make([]byte, 0, len(page)+len(head)+len(body))
	if headAt < 0 {
		out = append(out, page[:bodyAt]...)
		out = append(out, head...)
	} else {
		out = append(out, page[:headAt]...)
		out = append(out, head...)
		out = append(out, page[headAt:bodyAt]...)
	}
	out = append(out, body...)
	return append(out, page[bodyAt:]...)
}

// indexFold returns the index of the first tag in b, an ASCII lower-case
// closing tag, in any case; -1 when there is none.
func indexFold(b, tag []byte) int {
	for i := 0; ; {
		j := bytes.Index(b[i:], tag[:2]) // "</"
		if j < 0 {
			return -1
		}
		i += j
		if i+len(tag) <= len(b) && bytes.EqualFold(b[i:i+len(tag)], tag) {
			return i
		}
		i += 2
	}
}

// lastIndexFold returns the index of the last tag in b, in any case; -1
// when there is none.
func lastIndexFold(b, tag []byte) int {
	for end := len(b); ; {
		i := bytes.LastIndex(b[:end], tag[:2])
		if i < 0 {
			return -1
		}
		if i+len(tag) <= len(b) && bytes.EqualFold(b[i:i+len(tag)], tag) {
			return i
		}
		end = i
	}
}
