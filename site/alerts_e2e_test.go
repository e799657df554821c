package site

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestAlertAddressLeadsToRunbook follows /alerts/<AlertName>/, the address
// a rule's runbook_url can give every alert at once, to the alert's
// runbook in Chromium, on a site served under a sub-path: by the alert a
// runbook names, and by the runbook_url of a rule whose runbook does not.
func TestAlertAddressLeadsToRunbook(t *testing.T) {
	ctx := kbtest.Browser(t)
	out := buildDir(t, "../lint/testdata/alerts", Options{BaseURL: "http://127.0.0.1/sre/", NoGit: true})
	srv := httptest.NewServer(http.StripPrefix("/sre", http.FileServer(http.Dir(out))))
	t.Cleanup(srv.Close)
	for alert, want := range map[string]struct{ path, title string }{
		"NodeDiskFull":       {"/sre/runbooks/disk-full/", "Node disk full"},
		"NodeClockSkew":      {"/sre/runbooks/nodeclockskew/", "Node clock skew"},
		"EtcdNoLeader":       {"/sre/runbooks/etcd/", "etcd"},
		"NodeMemoryPressure": {"/sre/runbooks/memory-pressure/", "Memory pressure"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/sre/alerts/"+alert+"/")); err != nil {
			t.Fatal(err)
		}
		var path string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			path = kbtest.Eval[string](t, ctx, `location.pathname`)
			if strings.HasPrefix(path, want.path) {
				break
			}
		}
		if !strings.HasPrefix(path, want.path) {
			t.Errorf("/alerts/%s/ led to %s, want %s", alert, path, want.path)
			continue
		}
		if title := kbtest.Eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, want.title) {
			t.Errorf("/alerts/%s/ led to a page titled %q, want %q", alert, title, want.title)
		}
		// The runbook shows the alert, linked back to its address.
		if !kbtest.Eval[bool](t, ctx, `[...document.querySelectorAll("dl.meta a")].some(a => a.pathname.startsWith("/sre/alerts/`+alert+`/"))`) {
			t.Errorf("the runbook of %s does not link its alert", alert)
		}
	}
	// An alert no runbook answers stays on its page, which says so.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/sre/alerts/NodeDown/")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if p := kbtest.Eval[string](t, ctx, `location.pathname + " " + document.querySelector("main").innerText`); !strings.Contains(p, "/sre/alerts/NodeDown/") || !strings.Contains(p, "No runbook answers") || !strings.Contains(p, `up{job="node"} == 0`) {
		t.Errorf("NodeDown's page: %q", p)
	}
}
