package site

import (
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// linkAttr finds the links of a page: every href and src attribute.
var linkAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// brokenLinks walks every page of the built site at out and returns the
// links that lead to no file of it ("page: link"), with how many links it
// followed. Links with a scheme (the web, mail) and links to a place on
// the same page are not followed; a link to a folder must name its
// index.html, as opening the site from disk needs. base is the site's base
// path, which the 404 page's absolute links start with.
func brokenLinks(t *testing.T, out, base string) (broken []string, followed int) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		page := filepath.ToSlash(rel)
		for _, m := range linkAttr.FindAllStringSubmatch(string(data), -1) {
			link := html.UnescapeString(m[1])
			target, ok := linkTarget(page, link, base)
			if !ok {
				continue
			}
			followed++
			if info, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil || !info.Mode().IsRegular() {
				broken = append(broken, page+": "+link)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return broken, followed
}

// linkTarget is the file of the site a link from page leads to, false for
// a link that leaves the site or stays on the page.
func linkTarget(page, link, base string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil {
		return link, true // unreadable: reported as broken
	}
	if u.Scheme != "" || u.Host != "" || u.Path == "" && u.RawQuery == "" {
		return "", false
	}
	p, err := url.PathUnescape(u.EscapedPath())
	if err != nil {
		return link, true
	}
	if strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, base) {
			return p, true // outside the site's base path
		}
		p = strings.TrimPrefix(p, base)
	} else {
		p = path.Join(path.Dir(page), p)
	}
	if p == "" || p == "." {
		p = "index.html"
	}
	return path.Clean(p), true
}

// TestEveryLinkResolves builds the example KB with and without a base URL
// and follows every link and script and image source of every page: each
// must name a file the build wrote (a folder's index.html by name), and no
// page may link to a feed the build did not write.
func TestEveryLinkResolves(t *testing.T) {
	for _, tc := range []struct {
		name, baseURL, base string
		feed                bool
	}{
		{"no base url", "", "/", false},
		{"under a sub-path", "https://kb.example/team/kb/", "/team/kb/", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := buildDir(t, acmeWithoutBaseURL(t), Options{BaseURL: tc.baseURL, NoGit: true})
			broken, followed := brokenLinks(t, out, tc.base)
			for _, b := range broken {
				t.Errorf("broken link %s", b)
			}
			if followed < 1000 {
				t.Errorf("followed %d links; the example's pages hold thousands", followed)
			}
			_, err := os.Stat(filepath.Join(out, "feed.xml"))
			if wrote := err == nil; wrote != tc.feed {
				t.Fatalf("feed.xml written: %v, want %v", wrote, tc.feed)
			}
			check := assertNoFileContent
			if tc.feed {
				check = assertFileContent
			}
			check(t, out, "index.html", `type="application/atom+xml"`)
			check(t, out, "postmortems/index.html", `type="application/atom+xml"`)
		})
	}
}

// acmeWithoutBaseURL copies the example KB without its kb.yaml base_url.
func acmeWithoutBaseURL(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../examples/acme")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "kb.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	kept := regexp.MustCompile(`(?m)^base_url:.*\n`).ReplaceAll(data, nil)
	if len(kept) == len(data) {
		t.Fatal("the example's kb.yaml has no base_url line to drop")
	}
	if err := os.WriteFile(cfg, kept, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
