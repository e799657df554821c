package site

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

// cardTemplates are the header cards as the layouts wrote them in
// template text before Card: Card must write the same bytes.
const cardTemplates = `
{{- define "postmortem" -}}
{{- $d := .Doc -}}
<header class="card">
  <p class="kind">Postmortem {{ .SevBadge }}{{ with $d.Meta.Status }} <span class="badge status">{{ . }}</span>{{ end }}</p>
  <h1>{{ .Title }}</h1>
  <dl class="meta">
    {{- if $d.Date.Set }}<div><dt>Date</dt><dd>{{ date $d.Date }}</dd></div>{{ end }}
    {{- with $d.Meta.Services }}<div><dt>Services</dt><dd>{{ $.TermLinks "services" . }}</dd></div>{{ end }}
    {{- with $d.Meta.Tags }}<div><dt>Tags</dt><dd>{{ $.TermLinks "tags" . }}</dd></div>{{ end }}
    {{- with $d.Meta.IncidentCommander }}<div><dt>Incident commander</dt><dd>{{ . }}</dd></div>{{ end }}
    {{- with $d.Meta.Authors }}<div><dt>Authors</dt><dd>{{ join . ", " }}</dd></div>{{ end }}
    {{- range .Durations }}<div><dt>{{ .Label }}</dt><dd>{{ .Value }}</dd></div>{{ end }}
  </dl>
  {{- .Milestones }}
  {{- with $d.Meta.Insight }}<p class="insight">{{ . }}</p>{{ end }}
  {{- with $d.Meta.ContributingFactors }}<p class="factors">Contributing factors: {{ $.TermLinks "factors" . }}</p>{{ end }}
  {{- with $d.Meta.Guardrails }}<p class="guardrails">Guardrails added: {{ $.TermLinks "guardrails" . }}</p>{{ end }}
</header>
{{- end -}}
{{- define "runbook" -}}
{{- $d := .Doc -}}
<header class="card">
  <p class="kind">Runbook {{ .Fresh.Badge }}</p>
  <h1>{{ .Title }}</h1>
  <dl class="meta">
    {{- with $d.Meta.Owner }}<div><dt>Owner</dt><dd>{{ with slug . }}<a href="{{ $.Root }}owners/{{ . }}/index.html">{{ $d.Meta.Owner }}</a>{{ else }}{{ . }}{{ end }}</dd></div>{{ end }}
    {{- with $d.Meta.Escalation }}<div><dt>Escalation</dt><dd class="escalation">{{ . }}</dd></div>{{ end }}
    {{- with $d.Meta.Services }}<div><dt>Services</dt><dd>{{ $.TermLinks "services" . }}</dd></div>{{ end }}
    {{- with .Alerts }}<div><dt>Alerts</dt><dd>{{ range $i, $a := . }}{{ if $i }}, {{ end }}<code>{{ if .Path }}<a href="{{ $.Root }}{{ .Path }}">{{ .Name }}</a>{{ else }}{{ .Name }}{{ end }}</code>{{ with .Severity }} ({{ . }}){{ end }}{{ end }}</dd></div>{{ end }}
    <div><dt>Last reviewed</dt><dd>{{ with .Fresh }}{{ if not .LastReviewed.Set }}never{{ else }}{{ date .LastReviewed }} ({{ .ReviewAge }} days){{ end }}{{ end }}</dd></div>
    <div><dt>Last drilled</dt><dd>{{ with .Fresh }}{{ if not .LastDrilled.Set }}never{{ else }}{{ date .LastDrilled }} ({{ .DrillAge }} days){{ end }}{{ end }}</dd></div>
  </dl>
</header>
{{- end -}}`

// The header card written by Card matches what the template it replaces
// writes, for documents with every fact, with none, and with values that
// need escaping.
func TestCardAgreesWithTemplate(t *testing.T) {
	tpl := template.Must(template.New("card").Funcs(funcs()).Parse(cardTemplates))
	at := func(s string) content.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return content.Time{Time: v, Set: true}
	}
	full := &content.Doc{Kind: content.KindPostmortem, Path: "postmortems/a.md", Date: at("2026-03-04T10:00:00Z")}
	full.Meta.Status = "in <review>"
	full.Meta.Services = []string{"Checkout API", "a+b", "!!!"}
	full.Meta.Tags = []string{"dns", "Zürich"}
	full.Meta.IncidentCommander = "Ana \"IC\" O'Neil"
	full.Meta.Authors = []string{"jane", "li & co"}
	full.Meta.Started, full.Meta.Detected = at("2026-03-04T10:00:00Z"), at("2026-03-04T10:07:00Z")
	full.Meta.Mitigated, full.Meta.Resolved = at("2026-03-04T11:30:00Z"), at("2026-03-05T09:00:00+02:00")
	full.Meta.Insight = "Retries <amplified> the load"
	full.Meta.ContributingFactors = []string{"retry storm", "config drift"}
	full.Meta.Guardrails = []string{"rate & limit"}
	bare := &content.Doc{Kind: content.KindPostmortem, Path: "postmortems/b.md"}

	rb := &content.Doc{Kind: content.KindRunbook, Path: "runbooks/c.md"}
	rb.Meta.Owner = "@team-payments"
	rb.Meta.Escalation = "page <sre> & wait"
	rb.Meta.Services = []string{"payments"}
	rb.Meta.Alerts = []string{"KubePodCrashLooping", "Rate<High>"}
	noSlug := &content.Doc{Kind: content.KindRunbook, Path: "runbooks/d.md"}
	noSlug.Meta.Owner = "???"

	for _, c := range []struct {
		name string
		p    *page
	}{
		{"postmortem", &page{Root: "../../", Title: "Outage \"A\" <b>", Doc: full, SevClass: "sev1", SevText: "SEV1",
			Durations: []labelled{{"Time to detect", "7m"}, {"Time to <resolve>", "1d"}}}},
		{"postmortem", &page{Root: "../", Title: "Bare", Doc: bare}},
		{"runbook", &page{Root: "../../", Title: "Cache & co", Doc: rb, Alerts: []*alertEntry{
			{Name: "KubePodCrashLooping", Path: "alerts/KubePodCrashLooping/index.html", Rules: []content.AlertRule{{Severity: "critical"}, {Severity: "Warning"}, {Severity: "CRITICAL"}}},
			{Name: "Rate<High>"}}, Fresh: freshness{State: "due",
			LastReviewed: at("2026-01-02T00:00:00Z"), ReviewAge: 90, DrillAge: -1}}},
		{"runbook", &page{Root: "../../", Title: "No slug", Doc: noSlug, Fresh: freshness{State: "never", ReviewAge: -1,
			DrillAge: 3, LastDrilled: at("2026-11-28T00:00:00Z")}}},
	} {
		var want strings.Builder
		if err := tpl.ExecuteTemplate(&want, c.name, c.p); err != nil {
			t.Fatal(err)
		}
		if got := string(c.p.Card()); got != want.String() {
			t.Errorf("%s %q:\n got %s\nwant %s", c.name, c.p.Title, got, want.String())
		}
	}
}

// The breadcrumbs written by CrumbsNav match what the base layout's range
// over Crumbs wrote.
func TestCrumbsNavAgreesWithTemplate(t *testing.T) {
	tpl := template.Must(template.New("crumbs").Parse(`{{ with .Crumbs }}<nav class="crumbs" aria-label="Breadcrumbs"><ol>{{ range . }}<li><a href="{{ $.Root }}{{ .Path }}">{{ .Title }}</a></li>{{ end }}</ol></nav>{{ end }}`))
	sd := &siteData{}
	withTerm := 0
	svc := &term{Taxonomy: "services", Name: "Checkout <API> & co", URL: "/services/checkout-api-co/", Path: "services/checkout-api-co/index.html"}
	for _, p := range []*page{
		{Site: sd, Root: "../../", URL: "/postmortems/a/", Doc: &content.Doc{}},
		{Site: sd, Root: "../../../", URL: "/services/checkout-api-co/2/", Term: svc, Part: 1},
		{Site: sd, Root: "../../", URL: "/services/checkout-api-co/", Term: svc},
		{Site: sd, Root: "../", URL: "/postmortems/", Layout: "list"},
		{Site: sd, Root: "", URL: "/", Layout: "home"},
	} {
		var want strings.Builder
		if err := tpl.Execute(&want, p); err != nil {
			t.Fatal(err)
		}
		if got := string(p.CrumbsNav()); got != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", p.URL, got, want.String())
		}
		if strings.Count(want.String(), "<li>") > 1 {
			withTerm++
		}
	}
	if withTerm != 1 {
		t.Errorf("%d pages have a term's crumb, want 1", withTerm)
	}
}
