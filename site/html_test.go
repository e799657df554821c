package site

import (
	"html/template"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// The rows written in Go must escape exactly as html/template does in the
// same places: each case is rendered both ways and compared.
func TestHTMLWriterAgreesWithHTMLTemplate(t *testing.T) {
	values := []string{
		"", "plain", "Tom & Jerry's \"cache\"", "<script>alert(1)</script>", "a+b=c",
		"nul\x00byte", "ünïcödé — dash", "tab\tand\nnewline",
		"javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "vbscript:x", "data:text/html,x",
		"https://tickets.example/T-1?a=1&b=2#frag", "mailto:sre@example.com", "HTTP://X.EXAMPLE/",
		"../../owners/jane-doe/", "path with spaces/é/", "100%25 done", "quote'paren()", "a:b/c", "/a:b",
		"[ipv6]:80", "back`tick", "{braces}|pipe\\",
		"a%zz", "100%", "%4", "%4a%4G", "MAİLTO:x", "httpſ://x", "HtTpS://x.example/", "java\tscript:x", "\x01javascript:x",
		"\xff\xfeinvalid utf-8", "plain-path/ok_1.2~/", "path/with:colon",
	}
	for _, v := range values {
		if got, want := bothWays(t, v); got != want {
			t.Errorf("%q:\n got %s\nwant %s", v, got, want)
		}
	}
}

// FuzzHTMLWriter looks for a value that the writer escapes otherwise than
// html/template: go test ./site -fuzz FuzzHTMLWriter.
func FuzzHTMLWriter(f *testing.F) {
	for _, seed := range []string{"plain", "javascript:x", "a%zz b", "MAİLTO:x", "<\x00'\"+&>"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := bothWays(t, v); got != want {
			t.Errorf("%q:\n got %s\nwant %s", v, got, want)
		}
	})
}

var escapeTemplate = template.Must(template.New("t").Parse(`<td>{{ . }}</td><a class="{{ . }}" href="{{ . }}">`))

// bothWays writes v as element text, an attribute and a link with the
// writer (got) and with html/template (want).
func bothWays(t *testing.T, v string) (got, want string) {
	t.Helper()
	var b strings.Builder
	if err := escapeTemplate.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	w := newHTMLWriter(0)
	w.raw("<td>")
	w.text(v)
	w.raw(`</td><a class="`)
	w.text(v)
	w.raw(`" href="`)
	w.link(v)
	w.raw(`">`)
	return w.b.String(), b.String()
}

// A list's rows written by the page's methods match what the template
// range they replace would write.
func TestRowsAgreeWithTemplateRange(t *testing.T) {
	sd := &siteData{}
	rb := &page{Title: "Cache <stampede>", ListTitle: "Cache <stampede>", URL: "/runbooks/cache/", Path: "runbooks/cache/", Site: sd, Doc: &content.Doc{Path: "runbooks/cache.md"},
		ServicesText: "api, edge", Fresh: freshness{State: "due"}}
	rb.Doc.Meta.Owner = "@sre&ops"
	rb.Doc.Meta.Alerts = []string{"CacheMissRate<High>", "Stampede&Co"}
	pm := &page{Title: "Outage \"A\"", ListTitle: "Outage \"A\"", URL: "/postmortems/a/", Path: "postmortems/a/", DateText: "2026-01-02", SevClass: "sev1", SevText: "SEV1", ServicesText: "api", Doc: &content.Doc{Path: "postmortems/a.md"}}
	pm.Doc.Meta.Severity = "SEV1"
	rows := []*actionRow{
		{Page: pm, Overdue: true, OwnerPath: "owners/jane/", DueLabel: "2026-01-09", Badge: "overdue 3d"},
		{Page: pm, Badge: "done"},
	}
	rows[0].What, rows[0].Owner, rows[0].Link, rows[0].Status = "Add a <timeout>", "jane", "javascript:alert(1)", "open"
	rows[1].What, rows[1].Link, rows[1].Status = "Alert on p99 + errors", "https://t.example/1?a&b", "done"
	p := &page{Root: "../../"}
	services := []string{"Checkout API", "a+b", "<edge>", "Zürich"}
	lessons := []*lesson{
		{Page: pm, Insight: "Keys that expire together <overload> the origin", Section: "<ul><li>Jitter</li></ul>", Guardrails: []string{"TTL jitter", "rate & limit"}, Runbooks: []*page{rb, rb}},
		{Page: rb},
	}
	contents := []contentsEntry{
		{Level: 2, Title: "Summary & <scope>", Anchor: "summary"},
		{Level: 3, Title: "Zürich \"east\"", Anchor: "zürich-east/a b?c=d#e&f'g%41+!*()"},
		{Level: 2, Title: "2026", Count: 12},
		{Level: 2, Title: "Won't do", Anchor: "won-t-do", Count: 1},
	}
	tpl := template.Must(template.New("t").Funcs(template.FuncMap{"slug": content.Slug, "lower": strings.ToLower, "join": strings.Join}).Parse(`
{{- define "terms" }}{{ $p := index . 0 }}{{ range $i, $s := index . 1 }}{{ if $i }}, {{ end }}<a href="{{ $p.Root }}services/{{ slug $s }}/index.html">{{ $s }}</a>{{ end }}{{ end }}
{{- define "lessons" }}{{ $p := index . 0 }}{{ range index . 1 }}
<section class="lesson" id="{{ .Anchor }}">
<h2><a href="{{ $p.Root }}{{ .Page.Path }}">{{ .Page.ListTitle }}</a></h2>
<p class="meta">{{ .Page.DateText }} {{ with .Page.SevText }}<span class="badge sev sev-{{ lower . }}">{{ . }}</span>{{ end }} {{ .Page.ServicesText }}</p>
{{- with .Insight }}<p class="insight">{{ . }}</p>{{ end }}
{{- with .Section }}<div class="body">{{ . }}</div>{{ end }}
{{- with .Guardrails }}<p class="guardrails">Guardrails: {{ range $i, $g := . }}{{ if $i }}, {{ end }}<span class="badge guardrail">{{ $g }}</span>{{ end }}</p>{{ end }}
{{- with .Runbooks }}<p>Runbooks: {{ range $i, $r := . }}{{ if $i }}, {{ end }}<a href="{{ $p.Root }}{{ $r.Path }}">{{ $r.ListTitle }}</a>{{ end }}</p>{{ end }}
</section>
{{- end }}{{ end }}
{{- define "lessonitems" }}{{ $p := index . 0 }}{{ range index . 1 }}<li><a href="{{ $p.Root }}{{ .Page.Path }}">{{ .Page.DateText }}</a>: {{ with .Insight }}{{ . }}{{ else }}{{ .Page.ListTitle }}{{ end }}{{ with .Guardrails }} <span class="path">(guardrails: {{ join . ", " }})</span>{{ end }}</li>{{ end }}{{ end }}
{{- define "inc" }}{{ $p := index . 0 }}{{ range index . 1 }}
<tr><td class="date">{{ .DateText }}</td><td>{{ if .SevClass }}<span class="badge sev sev-{{ .SevClass }}">{{ .SevText }}</span>{{ end }}</td><td><a href="{{ $p.Root }}{{ .Path }}">{{ .ListTitle }}</a></td><td>{{ .ServicesText }}</td></tr>
{{- end }}{{ end }}
{{- define "rb" }}{{ $p := index . 0 }}{{ range index . 1 }}
<tr><td><a href="{{ $p.Root }}{{ .Path }}">{{ .ListTitle }}</a></td><td class="alerts">{{ range $i, $a := .Doc.Meta.Alerts }}{{ if $i }} {{ end }}<code>{{ $a }}</code>{{ end }}</td><td>{{ .Doc.Meta.Owner }}</td><td>{{ .ServicesText }}</td><td class="date"></td><td><span class="badge fresh-{{ .Fresh.State }}">review due</span></td></tr>
{{- end }}{{ end }}
{{- define "contents" }}{{- with . }}
<nav class="contents" aria-label="Contents">
<p class="contents-title">Contents</p>
<ol>{{ range . }}<li class="level{{ .Level }}">{{ if .Anchor }}<a href="#{{ .Anchor }}">{{ .Title }}</a>{{ else }}<span class="label">{{ .Title }}</span>{{ end }}{{ with .Count }} <span class="count">{{ . }}</span>{{ end }}</li>{{ end }}</ol>
</nav>
{{- end }}{{ end }}
{{- define "act" }}{{ $p := index . 0 }}{{ range index . 1 }}
<tr{{ if .Overdue }} class="overdue"{{ end }}><td>{{ .What }}{{ with .Link }} <a class="ticket" href="{{ . }}">ticket</a>{{ end }}</td><td class="owner">{{ if .OwnerPath }}<a href="{{ $p.Root }}{{ .OwnerPath }}">{{ .Owner }}</a>{{ else }}<span class="missing">no owner</span>{{ end }}</td><td class="date">{{ with .DueLabel }}{{ . }}{{ else }}<span class="missing">no date</span>{{ end }}</td><td class="status"><span class="badge status-{{ .StatusClass }}">{{ .Badge }}</span></td><td class="doc"><a href="{{ $p.Root }}{{ .Page.Path }}">{{ .Page.ListTitle }}</a></td></tr>
{{- end }}{{ end }}`))
	for _, c := range []struct {
		name string
		data any
		got  template.HTML
	}{
		{"terms", []any{p, services}, p.TermLinks("services", services)},
		{"lessons", []any{p, lessons}, p.LessonSections(lessons)},
		{"lessonitems", []any{p, lessons}, p.LessonItems(lessons)},
		{"inc", []any{p, []*page{pm}}, p.IncidentRows([]*page{pm})},
		{"rb", []any{p, []*page{rb}}, p.RunbookRows([]*page{rb})},
		{"act", []any{p, rows}, p.ActionRows(rows, true)},
		{"contents", contents, contentsHTML(contents)},
		{"contents", []contentsEntry(nil), contentsHTML(nil)},
	} {
		var want strings.Builder
		if err := tpl.ExecuteTemplate(&want, c.name, c.data); err != nil {
			t.Fatal(err)
		}
		if string(c.got) != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", c.name, c.got, want.String())
		}
	}
}

// A name with nothing to slug makes no term page, so it is not linked.
func TestTermLinksLeaveNamesWithoutPageAsText(t *testing.T) {
	p := &page{Root: "../"}
	got := p.TermLinks("tags", []string{"???", "db"})
	if want := `???, <a href="../tags/db/index.html">db</a>`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
