package index

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kb-tools/kb/internal/work"
)

// orderDocs returns docs in the order of their numbers in the static
// index: by kind, then first service, then title. Documents of one kind
// about one service, with like titles, sit together, so the top hits of
// a query share result shards more often (on the 10,000-document kbgen
// KB, the records of the top ten cost a fifth less than in path order)
// and the kind and service lists are mostly runs of numbers.
func orderDocs(docs []Document) []Document {
	type keyed struct {
		service, title string
		d              *Document
	}
	keys := make([]keyed, len(docs))
	for i := range docs {
		keys[i] = keyed{strings.ToLower(firstOf(docs[i].Services)), strings.ToLower(docs[i].Title), &docs[i]}
	}
	slices.SortStableFunc(keys, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.d.Kind, b.d.Kind), cmp.Compare(a.service, b.service),
			cmp.Compare(a.title, b.title), cmp.Compare(a.d.Path, b.d.Path))
	})
	out := make([]Document, len(docs))
	for i, k := range keys {
		out[i] = *k.d
	}
	return out
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// A result shard (data/docs/N.bin, DEFLATE) is a JSON array of the records
// of documents N*ShardDocs onwards, each an array of strings:
//
//	[id, kind, title, url, date, severity, text]
//
// url is the page's path relative to the site's root ("runbooks/x/");
// id is "" when it is url's last segment, as it is for postmortems and
// runbooks. date is YYYY-MM-DD or "", and text is the start of the body
// as plain text, for the snippet.

// snippetBytes bounds the text of a record.
const snippetBytes = 100

// record is the result record of d.
func record(d *Document) []string {
	date := ""
	if !d.Date.IsZero() {
		date = d.Date.Format("2006-01-02")
	}
	id, url := d.ID, strings.TrimPrefix(d.URL, "/")
	if strings.HasSuffix(url, "/"+id+"/") || url == id+"/" {
		id = ""
	}
	return []string{id, d.Kind, d.Title, url, date, d.Severity, snippetText(d.Body, snippetBytes)}
}

// writeShards writes the result records recs in shards of size records,
// and returns their number.
func (o *staticOut) writeShards(recs [][]string, size int) int {
	n := (len(recs) + size - 1) / size
	work.Each(n, func() func(int) bool {
		return func(s int) bool {
			o.writeFile(shardName(s), marshalJSON(recs[s*size:min(len(recs), (s+1)*size)]))
			return true
		}
	})
	return n
}

// shardName is the file of result shard s.
func shardName(s int) string { return fmt.Sprintf("%s%d.bin", staticShardDir, s) }

// marshalJSON encodes v, which holds only strings, numbers, slices and
// structs, so it cannot fail. Text stays as written ('<' is not escaped).
func marshalJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// snippetText returns the start of a markdown body as plain text, cut
// after at most limit bytes at a space: the prose of its first lines,
// without headings, tables, code blocks, comments and markup.
func snippetText(body string, limit int) string {
	var b strings.Builder
	fenced := false
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fenced = !fenced
			continue
		}
		if fenced || skippedLine(line) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(plainInline(trimMarker(line)))
		if b.Len() > limit {
			break
		}
	}
	return cutText(strings.Join(strings.Fields(b.String()), " "), limit)
}

// skippedLine reports a line that is not prose: blank, a heading, a table
// row, a comment, a rule, raw HTML or a shortcode.
func skippedLine(line string) bool {
	if line == "" {
		return true
	}
	for _, p := range []string{"#", "|", "<", "{{", "---", "***", "___", "[^"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// trimMarker removes a list item's or a quote's marker.
func trimMarker(line string) string {
	for _, p := range []string{"- [ ] ", "- [x] ", "- ", "* ", "+ ", "> "} {
		if strings.HasPrefix(line, p) {
			return line[len(p):]
		}
	}
	if i := strings.IndexAny(line, ".)"); i > 0 && i < 4 && strings.Trim(line[:i], "0123456789") == "" &&
		strings.HasPrefix(line[i+1:], " ") {
		return line[i+2:]
	}
	return line
}

// plainInline drops inline markup: emphasis and code marks, and a link's
// or an image's target.
func plainInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '*' || c == '`':
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			if j := strings.IndexByte(s[i:], ')'); j > 0 {
				i += j
			}
		case c == '[' || c == ']':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// cutText cuts s to at most limit bytes at a space, marking the cut.
func cutText(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := strings.LastIndexByte(s[:limit], ' ')
	if cut <= 0 {
		cut = limit
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}
