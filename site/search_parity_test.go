package site

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/index"
	"github.com/kb-tools/kb/internal/kbtest"
)

// parityQueries are queries an on-call engineer types, for each KB of the
// ranking parity test.
var parityQueries = map[string][]string{
	"acme": {"disk full", "payments database failover", "cache stampede", "certificate expired", "dkim email rejected",
		"duplicate push notifications", "waf mobile logins", "search zero results", "inventory oversell", "replica rebuild export",
		"card payments provider outage", "origin shield bypass", "session evictions", "order confirmation emails delayed",
		"stale product images", "cache ttl latency", "kafka rebalance", "schema change", "PaymentsDBPrimaryUnavailable",
		"edge configuration rollback", "checkout latency", "password reset"},
	"kbgen": {"payments database failover", "kafka consumer lag", "dns resolution failures", "certificate renewal", "disk full",
		"redis cache stampede", "login failures", "crash loop", "replication lag", "memory pressure", "connection exhaustion",
		"tls handshake errors", "hot partition", "stale reads", "checkout latency spike", "ledger stuck queue",
		"load balancer timeouts", "expired credentials", "node pool upgrade", "disk exhaustion outage", "PodCrashLooping",
		"search index backlog"},
}

// TestSearchRankingParity checks that the static search ranks as kb
// search does: for each query, the static client's top five (in Chromium)
// against the bleve index's (index.Search), on the example KB and on a
// generated KB of 1,000 documents. It logs each query's overlap and the
// mean, which must be at least 80% on each KB.
func TestSearchRankingParity(t *testing.T) {
	ctx := kbtest.Browser(t)
	gen := t.TempDir()
	if out, err := exec.Command("go", "run", "../cmd/kbgen", "-n", "1000", "-seed", "1", gen).CombinedOutput(); err != nil {
		t.Fatalf("kbgen: %v\n%s", err, out)
	}
	for _, kbc := range []struct{ name, dir string }{{"acme", "../examples/acme"}, {"kbgen", gen}} {
		t.Run(kbc.name, func(t *testing.T) {
			kb, err := content.Load(kbc.dir)
			if err != nil {
				t.Fatal(err)
			}
			urls := URLs(kb.Docs)
			var docs []index.Document
			for _, d := range kb.Docs {
				docs = append(docs, index.NewDocument(d, urls[d]))
			}
			ix, err := index.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if _, err := ix.Update(docs); err != nil {
				t.Fatal(err)
			}
			base, _ := searchSite(t, kbc.dir)
			do(t, ctx, chromedp.Navigate(base+"search/"))
			if err := waitFor(t, ctx, `!!globalThis.kbSearch`); err != nil {
				t.Fatal(err)
			}
			sum := 0.0
			queries := parityQueries[kbc.name]
			for _, q := range queries {
				res, err := ix.Search(index.Request{Query: q, N: 5})
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for _, h := range res.Hits {
					want = append(want, h.URL)
				}
				js, _ := json.Marshal(q)
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`kbSearch.run(%s, {}, {limit: 5, facets: false}).then(r => r.hits.map(h => h.url))`, js), chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				shared := 0
				for _, u := range got {
					for _, w := range want {
						if u == w {
							shared++
						}
					}
				}
				overlap := 1.0
				if len(want) > 0 {
					overlap = float64(shared) / float64(len(want))
				}
				sum += overlap
				t.Logf("%-36q %3.0f%%  static %v  bleve %v", q, overlap*100, got, want)
			}
			mean := sum / float64(len(queries))
			t.Logf("%s: mean overlap of the top five %.1f%% over %d queries", kbc.name, mean*100, len(queries))
			if len(queries) < 20 || mean < 0.8 {
				t.Errorf("%s: mean overlap %.1f%% over %d queries, want at least 80%% over 20", kbc.name, mean*100, len(queries))
			}
		})
	}
}
