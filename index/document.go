package index

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// Boosts of the text fields: a word in the title counts three times one in
// the body, a word of the alert, service and tag names twice. The bleve
// queries and the static index weigh fields by these same numbers.
const (
	TitleBoost = 3.0
	NamesBoost = 2.0
	BodyBoost  = 1.0
)

// Document is what the search indexes keep of one KB document: its text
// fields, analysed by kb's analyzer, and its facet values, kept as written.
type Document struct {
	// Path is the document's slash-separated path in the KB, the key of
	// the document in the index (ids repeat across kinds).
	Path string
	// ID, Kind, Title and URL are shown in a hit; URL is the page's site
	// path, as the site gives it.
	ID, Kind, Title, URL string
	// Names holds the alert, service and tag names, one per line.
	Names string
	// Body is the markdown body as written, front matter left out.
	Body string

	Severity, Status               string
	Services, Tags, Owners, Alerts []string
	// Date is the incident's or document's date; zero when unknown.
	Date time.Time
	// TimeToResolve is the postmortem's time to resolve; zero when unknown.
	TimeToResolve time.Duration
	// Hash identifies this version of the document: its source, path and URL.
	Hash string
}

// NewDocument returns what the indexes keep of d, published at url.
func NewDocument(d *content.Doc, url string) Document {
	m := d.Meta
	doc := Document{
		Path: d.Path, ID: d.ID, Kind: string(d.Kind), Title: d.Title, URL: url,
		Names:    strings.Join(append(append(append([]string(nil), m.Alerts...), m.Services...), m.Tags...), "\n"),
		Body:     string(d.Body()),
		Severity: m.Severity, Status: m.Status,
		Services: m.Services, Tags: m.Tags, Owners: owners(m), Alerts: m.Alerts,
		Hash: hash(d, url),
	}
	if d.Date.Set {
		doc.Date = d.Date.Time
	}
	if ttr, ok := d.TimeToResolve(); ok && ttr > 0 {
		doc.TimeToResolve = ttr
	}
	return doc
}

// owners are a runbook's owner and a postmortem's authors, each once.
func owners(m content.Meta) []string {
	var out []string
	seen := map[string]bool{}
	for _, o := range append([]string{m.Owner}, m.Authors...) {
		if o != "" && !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return out
}

// hash is the content hash kept with a document in the index: it changes
// when the file, its path, its kind or its page address does.
func hash(d *content.Doc, url string) string {
	h := sha256.New()
	for _, s := range []string{d.Path, string(d.Kind), url} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write(d.Source)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
