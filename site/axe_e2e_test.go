package site

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// pageKinds names one page of the example site of each kind a reader
// meets, by its path under the site's root.
var pageKinds = []struct{ name, path string }{
	{"home", ""},
	{"postmortems", "postmortems/"},
	{"postmortem", "postmortems/2026-03-14-checkout-latency-after-cache-ttl-change/"},
	{"runbooks", "runbooks/"},
	{"runbook", "runbooks/cache-stampede/"},
	{"services", "services/"},
	{"service", "services/checkout/"},
	{"owners", "owners/"},
	{"owner", "owners/team-checkout/"},
	{"tags", "tags/"},
	{"tag", "tags/cache/"},
	{"severities", "severities/"},
	{"severity", "severities/sev2/"},
	{"actions", "actions/"},
	{"lessons", "lessons/"},
	{"trends", "trends/"},
	{"search", "search/?q=cache"},
	{"pages", "pages/"},
	{"page", "about/"},
	{"404", "404.html"},
}

// axeViolation is one rule axe-core found broken, with the elements that
// break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun runs axe-core on the page and keeps its serious and critical
// violations.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""}))})))`

// TestAxe injects axe-core (KB_AXE_JS) into every page kind of the example
// at a desktop and a phone width, in the light and the dark theme, and
// fails on each serious or critical violation it reports.
func TestAxe(t *testing.T) {
	script, err := os.ReadFile(kbtest.ToolFile(t, "KB_AXE_JS", "axe-core's axe.min.js (npm install axe-core)"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int{1280, 390} {
			for _, pk := range pageKinds {
				t.Run(fmt.Sprintf("%s/%d/%s", scheme, width, pk.name), func(t *testing.T) {
					do(t, ctx, colorScheme(scheme), chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate(base+pk.path))
					if pk.name == "search" {
						searchShown(t, ctx, 0)
					}
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(script)+"\n;true")); err != nil {
						t.Fatalf("injecting axe-core: %v", err)
					}
					vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("axe.run: %v", err)
					}
					for _, v := range vs {
						t.Errorf("%s", describeAxe(v))
					}
				})
			}
		}
	}
}

// describeAxe lists a violation's rule, impact and summary, then each
// element by its selector with what axe says is wrong with it.
func describeAxe(v axeViolation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%s: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}
