package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTermsPerDocumentBoundThePages(t *testing.T) {
	var services []string
	for i := range 300 {
		services = append(services, fmt.Sprintf("svc%d", i))
	}
	out := buildKB(t, `
-- kb.yaml --
limits: {terms_per_document: 40}
-- postmortems/2026-01-15-many.md --
---
title: Many services
date: 2026-01-15
services: [`+strings.Join(services, ", ")+`]
---
`, Options{NoGit: true})
	pages, err := filepath.Glob(filepath.Join(out, "services", "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 40 {
		t.Errorf("%d service pages, want the first 40 of 300", len(pages))
	}
	assertFileContent(t, out, "services/svc39/index.html", "Many services")
	if _, err := os.Stat(filepath.Join(out, "services", "svc40")); !os.IsNotExist(err) {
		t.Errorf("services/svc40/ written (%v): values past the limit should make no page", err)
	}
}

func TestListTextIsBounded(t *testing.T) {
	long := strings.Repeat("é", 5000)
	for _, c := range []struct {
		name   string
		values []string
		want   string
	}{
		{"a few short values", []string{"api", "edge"}, "api, edge"},
		{"none", nil, ""},
		{"one long value is cut", []string{long}, strings.Repeat("é", listChars-1) + "…"},
		{"values past the room are counted", []string{"checkout", long, "cart"}, "checkout and 2 more"},
		{"a long first value, then others", []string{long, "a"}, strings.Repeat("é", listChars-1) + "… and 1 more"},
		{"characters are counted, not bytes", []string{strings.Repeat("é", 50), strings.Repeat("é", 50)}, strings.Repeat("é", 50) + ", " + strings.Repeat("é", 50)},
		{"the separators count", []string{strings.Repeat("a", 60), strings.Repeat("b", 60)}, strings.Repeat("a", 60) + " and 1 more"},
		{"just within the budget", []string{strings.Repeat("a", 59), strings.Repeat("b", 59)}, strings.Repeat("a", 59) + ", " + strings.Repeat("b", 59)},
	} {
		if got := listValues(c.values, listChars); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if got := listText("short"); got != "short" {
		t.Errorf("listText cut a short text: %q", got)
	}
	if got := truncate(strings.Repeat("ab", 10), 5); got != "abab…" {
		t.Errorf("truncate: %q", got)
	}
}

func TestListsShowLongValuesCut(t *testing.T) {
	title := strings.Repeat("Long title ", 5000)
	// Long, but with a short slug: file names are not what this is about.
	owner := "team" + strings.Repeat(".", 5000)
	out := buildKB(t, `
-- kb.yaml --
title: T
-- postmortems/2026-01-15-long.md --
---
title: `+title+`
date: 2026-01-15
severity: SEV2
services: [checkout, cart]
insight: `+strings.Repeat("insight ", 1000)+`
guardrails: [`+strings.Repeat("g", 3000)+`]
actions:
  - {what: Fix it, owner: `+owner+`, due: 2026-02-01}
---
-- runbooks/r.md --
---
title: R
owner: `+owner+`
services: [checkout]
---
`, Options{NoGit: true})
	// The page itself shows the whole title; lists show it cut.
	assertFileContent(t, out, "postmortems/2026-01-15-long/index.html", strings.TrimSpace(title))
	for _, name := range []string{"services/checkout/index.html", "actions/index.html", "postmortems/index.html", "lessons/index.html", "index.html"} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(data); n > 40<<10 {
			t.Errorf("%s is %d bytes: a list holds more than a cut of the long values", name, n)
		}
		if !strings.Contains(string(data), "Long title Long title") {
			t.Errorf("%s does not list the incident", name)
		}
	}
}

// TestLessonsListOrdinaryGuardrails checks that the lessons by service
// show an ordinary list of guardrails whole: four phrases of 130
// characters in all, as examples/acme's postmortems have.
func TestLessonsListOrdinaryGuardrails(t *testing.T) {
	guardrails := []string{"retry budget with jittered backoff", "circuit breaker per provider region", "automated provider failover", "idempotency keys on authorizations"}
	out := buildKB(t, `
-- kb.yaml --
title: T
-- postmortems/2026-05-06-psp.md --
---
title: Card payments failing
date: 2026-05-06
severity: SEV2
services: [payments]
insight: A retry policy without a budget turns a partial outage into a full one.
guardrails: [`+strings.Join(guardrails, ", ")+`]
---
`, Options{NoGit: true})
	assertFileContent(t, out, "lessons/services/payments/index.html", "(guardrails: "+strings.Join(guardrails, ", ")+")")
}
