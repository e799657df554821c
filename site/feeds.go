package site

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Feeds and sitemaps need absolute addresses: they are written when the
// site's base URL is known.

// absoluteBase returns the base URL with one trailing slash when the feed
// and the sitemap can use it: an absolute http(s) address with a host and
// neither query nor fragment. Else it returns the note that says why they
// are not written.
func absoluteBase(base string) (string, string) {
	const need = "feed.xml and sitemap.xml need absolute addresses, so they are not written; set base_url in kb.yaml or pass --base-url"
	if strings.TrimSpace(base) == "" {
		return "", "no base_url: feed.xml and sitemap.xml need absolute addresses; set base_url in kb.yaml or pass --base-url"
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return "", fmt.Sprintf("base_url %q is not a URL: %s", base, need)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return "", fmt.Sprintf("base_url %q is not an absolute http(s) address such as https://kb.example/: %s", base, need)
	case u.RawQuery != "" || u.ForceQuery:
		return "", fmt.Sprintf("base_url %q has a query (?…), which the addresses of pages cannot follow: %s", base, need)
	case u.Fragment != "" || strings.Contains(base, "#"):
		return "", fmt.Sprintf("base_url %q has a fragment (#…), which the addresses of pages cannot follow: %s", base, need)
	}
	return strings.TrimRight(base, "/") + "/", ""
}

// writeFeeds writes the Atom feed and the sitemap, whose addresses are
// absolute under base.
func writeFeeds(sd *siteData, pages []*page, base string, out sink) error {
	feed, err := atom(sd, base, 50)
	if err != nil {
		return err
	}
	smap, err := sitemap(pages, base)
	if err != nil {
		return err
	}
	if err := out.write("feed.xml", feed); err != nil {
		return err
	}
	return out.write("sitemap.xml", smap)
}

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
		u := absoluteURL(base, p.URL)
		f.Entries = append(f.Entries, atomEntry{Title: p.Title, ID: u,
			Updated: updated.UTC().Format(time.RFC3339), Link: atomLink{Href: u}, Summary: summary})
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
		u := siteURL{Loc: absoluteURL(base, p.URL)}
		if p.Git != nil {
			u.LastMod = p.Git.Date.UTC().Format("2006-01-02")
		}
		s.URLs = append(s.URLs, u)
	}
	return marshalXML(s)
}

// absoluteURL is the address of the site path sitePath under base, with
// the bytes a URL may not hold as they are (the UTF-8 of a /services/決済/)
// percent-encoded, as feeds and sitemaps require.
func absoluteURL(base, sitePath string) string {
	return base + normalizeURL(strings.TrimPrefix(sitePath, "/"))
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
