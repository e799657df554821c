package site

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"strconv"

	"github.com/kb-tools/kb/content"
)

// docSigs are the signatures of a document that tell a live site what a
// change touched: whole, its whole file; meta, what other pages show of
// it (front matter, title, kind, date, action items, links, lessons), so
// that an edit of its body alone renders its own page and nothing else.
type docSigs struct{ whole, meta uint64 }

// signer works out the signatures of documents and pages with one seed,
// keeping each document's by its pointer: a live site's documents that did
// not change are the same values from one update to the next.
type signer struct {
	seed maphash.Seed
	docs map[*content.Doc]docSigs
	// rows holds the signature of each postmortem's action rows, with the
	// address they were signed at.
	rows map[*content.Doc]rowsSig
	// frozen says that docs and rows are only read: pages are being
	// signed by several goroutines at once (see pageSigs), and a
	// signature missing from them is worked out without being kept.
	frozen bool
}

type rowsSig struct {
	url string
	sig uint64
}

func newSigner() *signer {
	return &signer{seed: maphash.MakeSeed(), docs: map[*content.Doc]docSigs{}, rows: map[*content.Doc]rowsSig{}}
}

// doc returns d's signatures, worked out the first time d is asked about.
func (s *signer) doc(d *content.Doc) docSigs {
	if sig, ok := s.docs[d]; ok {
		return sig
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(d.Path)
	h.WriteByte(0)
	h.Write(d.Source)
	whole := h.Sum64()
	h.Reset()
	writeMeta(&h, d)
	sig := docSigs{whole: whole, meta: h.Sum64()}
	if !s.frozen {
		s.docs[d] = sig
	}
	return sig
}

// keepOnly forgets the documents not in docs.
func (s *signer) keepOnly(docs []*content.Doc) {
	live := make(map[*content.Doc]bool, len(docs))
	for _, d := range docs {
		live[d] = true
	}
	for d := range s.docs {
		if !live[d] {
			delete(s.docs, d)
		}
	}
	for d := range s.rows {
		if !live[d] {
			delete(s.rows, d)
		}
	}
}

// writeMeta writes what pages other than d's own show of d, or read from
// it to make the site's views.
func writeMeta(h *maphash.Hash, d *content.Doc) {
	fmt.Fprintf(h, "%s\x00%v\x00%v\x00%s\x00%s\x00%v\x00%v\x00%v\x00%v\x00", d.Path, d.Kind, d.KindFrom, d.ID, d.Title,
		d.Date, d.DateFrom, d.HasFrontMatter, d.PlainBody)
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		fmt.Fprintf(h, "%#v", d.Meta)
	}
	h.Write(meta)
	for _, a := range d.Actions {
		a.Pos, a.DuePos = content.Pos{}, content.Pos{}
		fmt.Fprintf(h, "\x01%+v", a)
	}
	for _, l := range d.Links {
		h.WriteString("\x02" + l.Dest + strconv.FormatBool(l.Image))
	}
	h.WriteByte(3)
	h.Write(sectionSource(d, content.SectionLessons))
}

// pageSig is the signature of what a page shows: when it is the same after
// an update, the page is the same and is not rendered again. site is the
// signature of what every page shows of the site; all that of every
// document, for the pages that show something of each (home, action
// board, lessons, trends).
func (s *signer) pageSig(p *page, site, all uint64) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	writeStrings(&h, p.URL, p.Layout, p.Title)
	writeUint(&h, site)
	for _, pt := range p.Parts {
		writeStrings(&h, pt.Label, pt.URL, strconv.Itoa(pt.Count))
	}
	writeUint(&h, uint64(p.Part))
	rows := func(pages []*page) {
		for _, q := range pages {
			h.WriteString(q.URL)
			writeUint(&h, s.doc(q.Doc).meta)
		}
		h.WriteByte(0)
	}
	switch {
	case p.Doc != nil:
		sig := s.doc(p.Doc)
		writeUint(&h, sig.whole)
		writeUint(&h, sig.meta)
		rows(p.Runbooks)
		rows(p.Similar)
		rows(p.UsedBy)
		for _, a := range p.Alerts {
			writeStrings(&h, a.Name, a.Path, a.Severity())
			for _, r := range a.Rules {
				writeStrings(&h, r.Expr)
			}
		}
		writeStrings(&h, p.Missing...)
		f := p.Fresh
		writeStrings(&h, f.State, f.ReviewState, f.DrillState, strconv.Itoa(f.ReviewAge), strconv.Itoa(f.DrillAge), strconv.Itoa(f.StaleDays))
		if g := p.Git; g != nil {
			writeStrings(&h, g.Date.String(), g.Commit, g.Author, g.Subject)
		}
	case p.Layout == "actions":
		// The board shows the rows of its postmortems, grouped and sorted
		// by what the rows say and the postmortems' order.
		fmt.Fprintf(&h, "%d\x00%+v\x00", len(p.Site.Postmortems), p.Site.Tally)
		// Its filters offer every owner and service.
		for _, terms := range [][]*term{p.Site.Owners, p.Site.Services} {
			for _, t := range terms {
				writeStrings(&h, t.Name)
			}
			h.WriteByte(0)
		}
		for _, g := range p.Groups {
			writeStrings(&h, g.Name, strconv.Itoa(len(g.Items)), strconv.Itoa(g.Total))
			var last *page
			for _, a := range g.Items {
				if a.Page != last {
					last = a.Page
					writeUint(&h, s.actions(a.Page))
				}
			}
		}
	case p.Layout == "lessons":
		for _, l := range p.Lessons {
			h.WriteString(l.Page.URL)
			writeUint(&h, s.doc(l.Page.Doc).meta)
			rows(l.Runbooks)
		}
		if p.Term == nil && p.IsFirstPart() {
			for _, sl := range p.Site.LessonServices {
				writeStrings(&h, sl.Service.Name, sl.Page.URL, strconv.Itoa(len(sl.Lessons)))
			}
		}
	case p.Layout == "alerts" || p.Alert != nil:
		// An alert's page shows its rules and the runbooks behind it;
		// the list, every alert's.
		alerts := p.Site.Alerts
		if p.Alert != nil {
			alerts = []*alertEntry{p.Alert}
		}
		for _, a := range alerts {
			writeStrings(&h, a.Name, a.Path)
			for _, r := range a.Rules {
				writeStrings(&h, r.Pos.String(), r.Severity, r.Expr, r.For, r.RunbookURL)
			}
			rows(a.Runbooks)
		}
	case p.Terms != nil || p.Layout == "terms":
		for _, t := range p.Terms {
			fmt.Fprintf(&h, "%s\x00%s\x00%d\x00%d\x00", t.Name, t.URL, len(t.Pages), len(t.Actions))
		}
	case p.Term != nil:
		// The first part shows what all the term's documents add up to
		// (its facts, a service's action items); the others, their list.
		if p.IsFirstPart() {
			rows(p.Term.Pages)
		} else {
			rows(p.List)
		}
		// An owner's rows come from the documents' action items, which
		// their meta signature covers: each run of rows of one page
		// counts once.
		var last *page
		for _, a := range p.Term.Actions {
			if a.Page != last {
				last = a.Page
				h.WriteString(a.Page.URL)
				writeUint(&h, s.doc(a.Page.Doc).meta)
			}
		}
		writeStrings(&h, strconv.Itoa(len(p.Term.Actions)))
	case p.List != nil || p.Layout == "list":
		rows(p.List)
	default:
		writeUint(&h, all)
	}
	return h.Sum64()
}

// actions is the signature of the action rows of postmortem page p as
// the board shows them (their standing depends on the day, which the
// site's signature holds), worked out once for each document.
func (s *signer) actions(p *page) uint64 {
	if sig, ok := s.rows[p.Doc]; ok && sig.url == p.URL {
		return sig.sig
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	writeStrings(&h, p.URL, p.ListTitle)
	writeStrings(&h, p.Doc.Meta.Services...) // the board's rows carry them for its filters
	for _, a := range p.Actions {
		writeStrings(&h, a.What, a.Link, a.Owner, a.OwnerPath, a.DueLabel, a.Badge, a.StatusClass(), strconv.FormatBool(a.Overdue))
	}
	sig := h.Sum64()
	if !s.frozen {
		s.rows[p.Doc] = rowsSig{url: p.URL, sig: sig}
	}
	return sig
}

// siteSig is the signature of what every page shows of the site.
func (s *signer) siteSig(sd *siteData) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	fmt.Fprintf(&h, "%s\x00%s\x00%s\x00%d\x00%v\x00%v\x00%v", sd.Title, sd.Description, sd.BaseURL, sd.DocCount, sd.Search, sd.Feed, sd.Today)
	return h.Sum64()
}

// allSig is the signature of what the site's views show of every document.
func (s *signer) allSig(docs []*page) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	for _, p := range docs {
		h.WriteString(p.URL)
		writeUint(&h, s.doc(p.Doc).meta)
	}
	return h.Sum64()
}

// writeStrings writes each of values, ended by a zero byte.
func writeStrings(h *maphash.Hash, values ...string) {
	for _, v := range values {
		h.WriteString(v)
		h.WriteByte(0)
	}
}

func writeUint(h *maphash.Hash, v uint64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	h.Write(b[:])
}
