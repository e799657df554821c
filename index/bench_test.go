package index

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// BenchmarkAnalyze runs kb's analyzer over the bodies of the KB of
// KB_BENCH_DIR (a kbgen corpus: go run ./cmd/kbgen -n 10000 -seed 1 DIR).
func BenchmarkAnalyze(b *testing.B) {
	kb, err := content.Load(kbtest.BenchDir(b))
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	size := 0
	for _, d := range kb.Docs {
		bodies = append(bodies, d.Body())
		size += len(d.Body())
	}
	a := Analyzer()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			a.Analyze(body)
		}
	}
}

// benchQueries are the queries of the latency benchmarks, made for a
// kbgen corpus: alert names, a few words an on-call engineer would type,
// and words the corpus has everywhere.
func benchQueries() []string {
	return []string{
		"FeatureFlagsConnectionPoolExhausted", "BillingPodCrashLooping", "notifications latency high",
		"connection pool exhausted", "dns resolution failures", "crash loop", "certificate expiring",
		"tls handshake errors", "memory pressure", "kubernetes upgrade dropped events",
		"regional failover", "load balancer", "disk full", "replica lag", "rollback the deploy",
		"kafka consumer", "clock skew", "search index", "slow page loads", "database",
	}
}

// benchIndex builds the index of KB_BENCH_DIR's documents in a new folder.
func benchIndex(b *testing.B) (*Index, []Document) {
	b.Helper()
	docs := loadDocs(b, kbtest.BenchDir(b))
	dir := b.TempDir()
	// Built, closed and opened again, as kb search finds it on its next
	// run, with the garbage of the build collected.
	for range 2 {
		ix, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Update(docs); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(docs); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	return ix, docs
}

// BenchmarkBuildCold builds the index of KB_BENCH_DIR's documents from
// nothing, each time in a new folder.
func BenchmarkBuildCold(b *testing.B) {
	docs := loadDocs(b, kbtest.BenchDir(b))
	b.ResetTimer()
	for b.Loop() {
		ix, err := Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Update(docs); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueryWords times the benchmark queries as plain words.
func BenchmarkQueryWords(b *testing.B) {
	ix, _ := benchIndex(b)
	benchLatency(b, ix, func(q string) Request { return Request{Query: q} })
}

// BenchmarkQueryFacets times the benchmark queries with four facet
// filters.
func BenchmarkQueryFacets(b *testing.B) {
	ix, _ := benchIndex(b)
	benchLatency(b, ix, func(q string) Request {
		return Request{Query: q, Kind: []string{"postmortem"}, Severity: []string{"SEV1", "SEV2"},
			Service: []string{"billing", "notifications", "checkout"}, Tag: []string{"database", "kafka", "timeout"}}
	})
}

// benchLatency runs every query once per iteration and reports the
// median and 99th percentile latency of a single search.
func benchLatency(b *testing.B, ix *Index, req func(string) Request) {
	queries := benchQueries()
	benchRequests(b, ix, len(queries), func(i int) Request { return req(queries[i]) })
}

// BenchmarkQueryPaths times the two ways of collecting the matches of
// plain words, query by query in turn so that both see the same load:
// bleve's searcher of plainQuery, and runPlain's term-at-a-time sums that
// Search uses for plain words without facet filters. It reports the
// median and 99th percentile of each.
func BenchmarkQueryPaths(b *testing.B) {
	ix, _ := benchIndex(b)
	var bleveTook, plainTook []time.Duration
	for b.Loop() {
		for _, q := range benchQueries() {
			start := time.Now()
			if _, _, err := ix.run(plainQuery(q), nil, DefaultHits, false); err != nil {
				b.Fatal(err)
			}
			bleveTook = append(bleveTook, time.Since(start))
			start = time.Now()
			if _, _, err := ix.runPlain(q, DefaultHits); err != nil {
				b.Fatal(err)
			}
			plainTook = append(plainTook, time.Since(start))
		}
	}
	b.StopTimer()
	reportLatency(b, "bleve", bleveTook)
	reportLatency(b, "terms", plainTook)
	b.ReportMetric(0, "ns/op")
}

// reportLatency reports the median and 99th percentile of took, as
// NAME-p50-ms and NAME-p99-ms (p50-ms and p99-ms without a name).
func reportLatency(b *testing.B, name string, took []time.Duration) {
	if name != "" {
		name += "-"
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, name+"p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, name+"p99-ms")
}

// loadMix are the requests of bench/searchload.lua, the load of kb
// serve's /_kb/search: words, an alert name, a typo, facet filters,
// query-string syntax and a phrase.
func loadMix() []Request {
	return []Request{
		{Query: "connection pool exhausted"},
		{Query: "FeatureFlagsConnectionPoolExhausted"},
		{Query: "dns resolution failures"},
		{Query: "disk full"},
		{Query: "latency", Severity: []string{"SEV1"}},
		{Query: "feature flgs"},
		{Query: "kafka consumer lag", Kind: []string{"postmortem"}, Service: []string{"identity"}},
		{Query: `"slow page loads"`},
		{Query: "tls certificate expired", Tag: []string{"tls", "dependency"}},
		{Query: "+severity:SEV2 ttr:>600"},
		{Query: "checkout errors", Owner: []string{"team-payments"}, N: 20},
		{Query: "kube pod crash looping"},
	}
}

// BenchmarkQueryLoadMix times the requests of bench/searchload.lua.
func BenchmarkQueryLoadMix(b *testing.B) {
	ix, _ := benchIndex(b)
	mix := loadMix()
	benchRequests(b, ix, len(mix), func(i int) Request { return mix[i] })
}

// BenchmarkQueryPhrases times phrases and other query-string syntax: a
// phrase of words found in most documents, phrases with words, required
// and excluded words.
func BenchmarkQueryPhrases(b *testing.B) {
	ix, _ := benchIndex(b)
	queries := []string{`"slow page loads"`, `"connection pool" exhausted`, `"regional failover" -checkout`,
		`"request latency" cache`, `+"disk full" +checkout`, `"the worker pool for checkout reached its connection limit"`,
		`+cache -stampede`, `"expired certificate"`, `title:failover`, `body:"disk full"`}
	benchRequests(b, ix, len(queries), func(i int) Request { return Request{Query: queries[i]} })
}

// benchRequests runs the n requests of req once per iteration and reports
// the median and 99th percentile latency of a single search.
func benchRequests(b *testing.B, ix *Index, n int, req func(int) Request) {
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for i := range n {
			start := time.Now()
			if _, err := ix.Search(req(i)); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
	}
	b.StopTimer()
	reportLatency(b, "", took)
	b.ReportMetric(0, "ns/op")
}

// BenchmarkWriteStatic writes the static search index of KB_BENCH_DIR's
// documents, as kb build does beside the pages, into memory.
func BenchmarkWriteStatic(b *testing.B) {
	docs := loadDocs(b, kbtest.BenchDir(b))
	b.ResetTimer()
	for b.Loop() {
		st, err := WriteStatic(docs, StaticOptions{}, func(string, []byte) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Bytes), "bytes")
	}
}
