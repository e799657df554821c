package serve

import (
	"net/http"
	"strings"
	"testing"
)

func TestInsertPreview(t *testing.T) {
	const head, body = "[H]", "[B]"
	for _, tc := range []struct{ page, want string }{
		{"<html><head><title>x</title></head><body><p>y</p></body></html>",
			"<html><head><title>x</title>[H]</head><body><p>y</p>[B]</body></html>"},
		{"<HTML><HEAD></HEAD><BODY>y</BODY></HTML>", "<HTML><HEAD>[H]</HEAD><BODY>y[B]</BODY></HTML>"},
		{"<head></Head><body>a</body>b</bOdY>", "<head>[H]</Head><body>a</body>b[B]</bOdY>"},
		{"<head></head><body>no end", "<head>[H]</head><body>no end[B]"},
		{"<body>no head</body>", "<body>no head[H][B]</body>"},
		{"just text", "just text[H][B]"},
		{"", "[H][B]"},
		{"</body><head></head>", "</body><head>[H]</head>[B]"},
		{"<p>a </ b </he</head></bod", "<p>a </ b </he[H]</head></bod[B]"},
	} {
		if got := string(insertPreview([]byte(tc.page), []byte(head), []byte(body))); got != tc.want {
			t.Errorf("insertPreview(%q)\n got %q\nwant %q", tc.page, got, tc.want)
		}
	}
}

// TestInjection checks that HTML pages get the gen, the script, the
// stylesheet and the preview markup, that every other file is served as
// the snapshot holds it, and that the snapshot's bytes are left alone.
func TestInjection(t *testing.T) {
	site := testSite()
	site.files["bare.html"] = "<p>no head, no body"
	before := map[string]string{}
	for k, v := range site.files {
		before[k] = v
	}
	s, _ := newTestServer(t, newSnapshot(site, 42), serverOptions{})
	for _, target := range []string{"/", "/postmortems/checkout/", "/missing/", "/bare.html"} {
		_, body := get(t, s, http.MethodGet, target)
		for _, want := range []string{`<meta name="kb-gen" content="42">`, `<script src="/_kb/live.js" defer></script>`,
			`<link rel="stylesheet" href="/_kb/preview.css">`, `<div class="kb-preview" id="kb-preview">`} {
			if strings.Count(body, want) != 1 {
				t.Errorf("%s holds %q %d times, want once", target, want, strings.Count(body, want))
			}
		}
		if i, j := strings.Index(body, "kb-gen"), strings.Index(body, "</head>"); j >= 0 && i > j {
			t.Errorf("%s: the gen is after </head>", target)
		}
		if i, j := strings.Index(body, `class="kb-preview"`), strings.LastIndex(body, "</body>"); j >= 0 && i > j {
			t.Errorf("%s: the preview is after </body>", target)
		}
	}
	for _, target := range []string{"/style.css", "/api/docs.json", "/trends/chart.svg", "/feed.xml", "/search/search.js"} {
		_, body := get(t, s, http.MethodGet, target)
		if body != before[strings.TrimPrefix(target, "/")] {
			t.Errorf("%s was changed: %q", target, body)
		}
	}
	for k, v := range before {
		if site.files[k] != v {
			t.Errorf("serving changed the snapshot's %s", k)
		}
	}
}

// TestInjectionIsAdditive checks that a served page is the site's page
// with the preview added at two places and nothing else changed: what a
// page holds of the preview comes from the injection alone.
func TestInjectionIsAdditive(t *testing.T) {
	site := testSite()
	s, _ := newTestServer(t, newSnapshot(site, 3), serverOptions{})
	_, body := get(t, s, http.MethodGet, "/postmortems/checkout/")
	page := site.files[pmPage]
	h, b := strings.Index(page, "</head>"), strings.LastIndex(page, "</body>")
	rest, ok := strings.CutPrefix(body, page[:h])
	if !ok {
		t.Fatalf("served page does not start with the site's page up to </head>")
	}
	rest, ok = strings.CutSuffix(rest, page[b:])
	if !ok {
		t.Fatalf("served page does not end with the site's page from </body>")
	}
	_, middle, ok := strings.Cut(rest, page[h:b])
	if !ok {
		t.Fatalf("served page does not hold the site's page between </head> and </body>")
	}
	if !strings.HasPrefix(middle, `<div class="kb-preview"`) {
		t.Errorf("the markup before </body> is not the preview's: %.80q", middle)
	}
	for _, marker := range []string{"kb-gen", "_kb/", "kb-preview"} {
		if strings.Contains(page, marker) {
			t.Errorf("the site's page itself holds %q", marker)
		}
	}
}
