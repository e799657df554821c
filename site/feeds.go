package site

import (
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// Feeds and sitemaps need absolute addresses: they are written when the
// site's base URL is known.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary,omitempty"`
}

// atom returns the Atom feed of the newest postmortems.
func atom(sd *siteData, base string, max int) ([]byte, error) {
	f := atomFeed{Title: sd.Title + ": postmortems", ID: base + "postmortems/", Updated: sd.Today.Format(time.RFC3339),
		Link: []atomLink{{Href: base + "feed.xml", Rel: "self"}, {Href: base}}}
	for i, p := range sd.Postmortems {
		if i == max {
			break
		}
		updated := p.Doc.Date.Time
		if p.Git != nil && p.Git.Date.After(updated) {
			updated = p.Git.Date
		}
		summary := p.Doc.Meta.Insight
		if summary == "" {
			summary = p.Doc.Meta.Description
		}
		f.Entries = append(f.Entries, atomEntry{Title: p.Title, ID: base + strings.TrimPrefix(p.URL, "/"),
			Updated: updated.UTC().Format(time.RFC3339), Link: atomLink{Href: base + strings.TrimPrefix(p.URL, "/")}, Summary: summary})
	}
	return marshalXML(f)
}

type urlSet struct {
	XMLName xml.Name  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []siteURL `xml:"url"`
}

type siteURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every page of the site.
func sitemap(pages []*page, base string) ([]byte, error) {
	var s urlSet
	for _, p := range pages {
		if p.Layout == "404" {
			continue
		}
		u := siteURL{Loc: base + strings.TrimPrefix(p.URL, "/")}
		if p.Git != nil {
			u.LastMod = p.Git.Date.UTC().Format("2006-01-02")
		}
		s.URLs = append(s.URLs, u)
	}
	return marshalXML(s)
}

func marshalXML(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// unquoteC reads a C-style quoted string as git writes unusual paths.
func unquoteC(s string) (string, error) { return strconv.Unquote(s) }
