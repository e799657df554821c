package index

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

// smallDocs is a KB of five documents whose words repeat across fields and
// documents, as the weights test needs.
func smallDocs() []Document {
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	return []Document{
		{Path: "postmortems/disk.md", ID: "disk", Kind: "postmortem", Title: "Payments DB disk full", URL: "/postmortems/disk/",
			Names: "PaymentsDiskFull\npayments\ndatabase", Body: "The disk filled. The payments database stopped; disk alerts fired twice.",
			Severity: "SEV1", Services: []string{"payments"}, Tags: []string{"database", "disk-full"}, Owners: []string{"team-db"}, Date: day},
		{Path: "postmortems/latency.md", ID: "latency", Kind: "postmortem", Title: "Checkout latency after cache TTL change", URL: "/postmortems/latency/",
			Names: "checkout\ncache", Body: "Latency rose when the cache TTL changed. Checkout timed out.",
			Severity: "SEV2", Services: []string{"checkout", "Payments"}, Tags: []string{"cache"}, Owners: []string{"team-web"}, Date: day.AddDate(0, 1, 0)},
		{Path: "runbooks/db.md", ID: "db-failover", Kind: "runbook", Title: "Payments database failover", URL: "/runbooks/db-failover/",
			Names: "PaymentsDBDown\npayments", Body: "Fail over the database. Check the disk first.\n\n## Checks\n\n- `df -h` on the primary",
			Services: []string{"payments"}, Tags: []string{"database"}, Owners: []string{"team-db"}, Alerts: []string{"PaymentsDBDown"}},
		{Path: "runbooks/cache.md", ID: "cache-stampede", Kind: "runbook", Title: "Cache stampede", URL: "/runbooks/cache-stampede/",
			Names: "cache", Body: "A cache stampede overloads the database behind the cache.",
			Services: []string{"checkout"}, Tags: []string{"Cache"}, Owners: []string{"team-web"}},
		{Path: "about.md", ID: "about", Kind: "page", Title: "About this KB", URL: "/about/", Body: "Postmortems and runbooks."},
	}
}

// oracle computes w(q,f,d) of the contract from kb's analysis directly:
// per field, each document's term frequencies and length, the document
// frequencies and the average length.
type oracle struct {
	docs []Document
	tf   [numFields][]map[string]int
	len  [numFields][]int
	df   [numFields]map[string]int
	avg  [numFields]float64
}

func newOracle(docs []Document) *oracle {
	o := &oracle{docs: docs}
	a := Analyzer()
	for f := range numFields {
		o.df[f] = map[string]int{}
		for i := range docs {
			terms := Terms(a, textOfField(&docs[i], f))
			counts := map[string]int{}
			for _, t := range terms {
				if counts[t] == 0 {
					o.df[f][t]++
				}
				counts[t]++
			}
			o.tf[f] = append(o.tf[f], counts)
			o.len[f] = append(o.len[f], len(terms))
		}
		o.avg[f] = math.Ceil(float64(len(o.df[f])) / float64(len(docs)))
	}
	return o
}

func (o *oracle) weight(f, d int, term string) float64 {
	return StaticWeight(fieldBoost(f), len(o.docs), o.df[f][term], o.avg[f], o.tf[f][d][term], o.len[f][d])
}

// docNumbers maps the static index's document numbers to positions in
// docs, by the URLs of the result records.
func docNumbers(t *testing.T, fs staticFiles, m manifest, docs []Document) []int {
	t.Helper()
	byURL := map[string]int{}
	for i, d := range docs {
		byURL[strings.TrimPrefix(d.URL, "/")] = i
	}
	var out []int
	for s := range m.Shards {
		for _, rec := range fs.readShard(t, s) {
			i, ok := byURL[rec[3]]
			if !ok {
				t.Fatalf("shard %d: record of unknown url %q", s, rec[3])
			}
			out = append(out, i)
		}
	}
	if len(out) != len(docs) {
		t.Fatalf("%d records for %d documents", len(out), len(docs))
	}
	return out
}

// TestStaticWeights checks every posting of a small KB against the
// contract's formula computed from kb's analysis: the same documents for
// each term and field, and each weight within half a level of w(q,f,d).
func TestStaticWeights(t *testing.T) {
	docs := smallDocs()
	fs, _ := writeStaticFiles(t, docs, StaticOptions{})
	m := fs.manifest(t)
	all := fs.readAll(t, m)
	num := docNumbers(t, fs, m, docs)
	o := newOracle(docs)
	scale := weightScale{knee: m.Weights.Knee, ratio: m.Weights.Ratio}
	if m.Docs != len(docs) {
		t.Errorf("manifest docs %d, want %d", m.Docs, len(docs))
	}
	checked := 0
	for f := range numFields {
		if m.Fields[f].Name != fieldName(f) || m.Fields[f].Boost != fieldBoost(f) || m.Fields[f].Avg != o.avg[f] {
			t.Errorf("field %d in the manifest: %+v, want %s boost %v avg %v", f, m.Fields[f], fieldName(f), fieldBoost(f), o.avg[f])
		}
		for term, df := range o.df[f] {
			got := all[term].fields[f]
			if len(got) != df {
				t.Errorf("%s %q: %d postings, want %d", fieldName(f), term, len(got), df)
				continue
			}
			for _, p := range got {
				d := num[p.doc]
				want := o.weight(f, d, term)
				if o.tf[f][d][term] == 0 {
					t.Errorf("%s %q lists %s, which does not hold it", fieldName(f), term, docs[d].ID)
				}
				if !withinLevel(scale, p.level, want) {
					t.Errorf("%s %q in %s: level %d (%g), want %g", fieldName(f), term, docs[d].ID, p.level, scale.weight(p.level), want)
				}
				checked++
			}
		}
	}
	for term, rt := range all {
		for f := range numFields {
			if len(rt.fields[f]) > 0 && o.df[f][term] == 0 {
				t.Errorf("%s %q has postings but no document holds it", fieldName(f), term)
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d postings checked", checked)
	}
}

// withinLevel reports whether level is the quantized w: ln(1 + w/knee)
// within half a step of level steps.
func withinLevel(s weightScale, level int, w float64) bool {
	x := math.Log1p(w/s.knee) / math.Log(s.ratio)
	return math.Abs(x-float64(level)) <= 0.5+1e-9
}

// TestWeightScale checks the quantization's two regimes: weights well
// above the knee keep their value to within half a step, weights far
// under it are level 0, and every level reads back inside its interval.
func TestWeightScale(t *testing.T) {
	s := newWeightScale(20)
	if s.knee != 20*kneeShare {
		t.Fatalf("knee %v", s.knee)
	}
	for _, w := range []float64{20, 5.5, 1, 0.3, s.knee, s.knee / 10} {
		back := s.weight(s.level(w))
		if rel := math.Abs(back-w) / w; w >= s.knee*10 && rel > (weightStep-1)/2*1.001 {
			t.Errorf("weight %g reads back as %g (%.2f%%)", w, back, rel*100)
		}
		if !withinLevel(s, s.level(w), w) {
			t.Errorf("weight %g: level %d", w, s.level(w))
		}
	}
	if l := s.level(s.knee / 1e3); l != 0 {
		t.Errorf("a weight a thousandth of the knee has level %d", l)
	}
	if s.weight(0) <= 0 {
		t.Errorf("level 0 reads as %g: a match there must still count", s.weight(0))
	}
}

// TestStaticWeightFormula checks StaticWeight against numbers worked out
// by hand from the contract.
func TestStaticWeightFormula(t *testing.T) {
	// idf = ln(1 + (10 - 2 + 0.5)/(2 + 0.5)) = ln(4.4); sqrt(4) = 2;
	// norm = 2*1.2/(2 + 1.2*(0.25 + 0.75*6/3)) = 2.4/4.1.
	want := 3 * math.Pow(math.Log(4.4), 2) * 2.4 / 4.1
	if got := StaticWeight(3, 10, 2, 3, 4, 6); math.Abs(got-want) > 1e-12 {
		t.Errorf("StaticWeight = %v, want %v", got, want)
	}
	if got := avgFieldLength(23485, 10000); got != 3 {
		t.Errorf("avgFieldLength(23485, 10000) = %v, want 3 (rounded up)", got)
	}
}

// TestStaticChunks checks the chunking on a KB cut into many small chunks:
// the boundaries are the shortest prefixes that sort between the chunks,
// every term is in the chunk the manifest names, in sorted order, and the
// chunks stay near their target size.
func TestStaticChunks(t *testing.T) {
	docs := acmeDocs(t)
	const target = 600
	fs, st := writeStaticFiles(t, docs, StaticOptions{ChunkBytes: target})
	m := fs.manifest(t)
	if len(m.Chunks) < 20 || st.Chunks != len(m.Chunks) {
		t.Fatalf("%d chunks (stats %d); want many at %d bytes", len(m.Chunks), st.Chunks, target)
	}
	if m.Chunks[0] != "" {
		t.Errorf("first boundary %q, want \"\"", m.Chunks[0])
	}
	var terms []string
	for i := range m.Chunks {
		chunk := fs.readChunk(t, i)
		if len(chunk) == 0 {
			t.Fatalf("chunk %d is empty", i)
		}
		raw := len(fs.inflate(t, chunkName(i)))
		if raw > 4*target && len(chunk) > 1 {
			t.Errorf("chunk %d: %d bytes of %d terms, over four times the target", i, raw, len(chunk))
		}
		for _, rt := range chunk {
			if got := chunkOf(m, rt.term); got != i {
				t.Errorf("term %q is in chunk %d, the manifest says %d", rt.term, i, got)
			}
			terms = append(terms, rt.term)
		}
		if i > 0 {
			b, prevLast, first := m.Chunks[i], terms[len(terms)-len(chunk)-1], chunk[0].term
			if !(prevLast < b && b <= first && strings.HasPrefix(first, b)) {
				t.Errorf("boundary %q does not sort between %q and %q as a prefix of the second", b, prevLast, first)
			}
			if short := b[:len(b)-1]; short > prevLast {
				t.Errorf("boundary %q is not the shortest: %q sorts after %q too", b, short, prevLast)
			}
		}
	}
	if !slices.IsSorted(terms) || len(slices.Compact(slices.Clone(terms))) != len(terms) {
		t.Error("the chunks' terms are not sorted and distinct")
	}
	if len(terms) != st.Terms {
		t.Errorf("%d terms in the chunks, stats say %d", len(terms), st.Terms)
	}
}

func TestSeparator(t *testing.T) {
	for _, tc := range []struct{ prev, next, want string }{
		{"abc", "abd", "abd"},
		{"abc", "b", "b"},
		{"ab", "abc", "abc"},
		{"cache", "certif", "ce"},
		{"zz", "é", "é"},
		{"éa", "éb", "éb"},
	} {
		if got := separator(tc.prev, tc.next); got != tc.want {
			t.Errorf("separator(%q, %q) = %q, want %q", tc.prev, tc.next, got, tc.want)
		}
	}
}

// TestTermCounter checks that the cached word-by-word analysis of the
// static index counts the same terms as kb's analyzer on every field of
// the example KB and of tricky text.
func TestTermCounter(t *testing.T) {
	texts := []string{"KubePodCrashLooping and kube_pod_crash_looping", "The team's disk's 10.0.0.1 1,000 İstanbul 数据 don't",
		strings.Repeat("x", 70) + " y", "api.example.com/v1?q=HTTPServer"}
	for _, d := range acmeDocs(t) {
		for f := range numFields {
			texts = append(texts, textOfField(&d, f))
		}
	}
	a := Analyzer()
	c := newTermCounter()
	for _, text := range texts {
		want := map[string]int32{}
		terms := Terms(a, text)
		for _, term := range terms {
			want[term]++
		}
		tfs, n := c.count(text)
		got := map[string]int32{}
		for _, tf := range tfs {
			got[c.terms[tf.id]] = tf.tf
		}
		if n != int32(len(terms)) || len(got) != len(want) {
			t.Errorf("%.40q: %d terms, %d distinct; want %d, %d", text, n, len(got), len(terms), len(want))
			continue
		}
		for term, tf := range want {
			if got[term] != tf {
				t.Errorf("%.40q: %q %d times, want %d", text, term, got[term], tf)
			}
		}
	}
}

// TestStaticWriteError checks that a failing write is reported with the
// error's kind.
func TestStaticWriteError(t *testing.T) {
	disk := errors.New("disk full")
	_, err := WriteStatic(smallDocs(), StaticOptions{}, func(name string, _ []byte) error {
		if strings.HasPrefix(name, staticShardDir) {
			return disk
		}
		return nil
	})
	if !errors.Is(err, ErrStaticWrite) || !errors.Is(err, disk) {
		t.Errorf("err = %v, want ErrStaticWrite wrapping the write's error", err)
	}
}

// acmeDocs are the documents of the example KB.
func acmeDocs(t testing.TB) []Document {
	t.Helper()
	kb, err := content.Load("../examples/acme")
	if err != nil {
		t.Fatal(err)
	}
	var docs []Document
	for _, d := range kb.Docs {
		docs = append(docs, NewDocument(d, "/"+string(d.Kind)+"s/"+d.ID+"/"))
	}
	return docs
}

// TestStaticRankingKeepsTopHits checks that the quantized weights rank as
// the exact ones: for queries made of the words of each example title,
// the top five from the static files (scored as the client scores them)
// are the top five of the contract's formula computed exactly.
func TestStaticRankingKeepsTopHits(t *testing.T) {
	docs := acmeDocs(t)
	fs, _ := writeStaticFiles(t, docs, StaticOptions{})
	m := fs.manifest(t)
	all := fs.readAll(t, m)
	num := docNumbers(t, fs, m, docs)
	o := newOracle(docs)
	a := Analyzer()
	shared, total := 0, 0
	for _, d := range docs {
		q := Terms(a, d.Title)
		if len(q) > 3 {
			q = q[len(q)-3:]
		}
		exact := o.top(q, 5)
		for i, h := range queryStatic(m, all, q) {
			if i == 5 {
				break
			}
			if slices.Contains(exact, num[h.doc]) {
				shared++
			}
		}
		total += len(exact)
	}
	if total < 50 || shared*100 < total*95 {
		t.Errorf("the static top five share %d of %d hits with the exact top five, want 95%%", shared, total)
	}
}

// top returns the positions of the k best documents for the query terms
// q by the contract's score, computed exactly.
func (o *oracle) top(q []string, k int) []int {
	type hit struct {
		d     int
		score float64
	}
	var hits []hit
	for d := range o.docs {
		fields, score := 0, 0.0
		for f := range numFields {
			matched, sum := 0, 0.0
			for _, term := range q {
				if o.tf[f][d][term] > 0 {
					matched++
					sum += o.weight(f, d, term)
				}
			}
			if matched > 0 {
				fields++
				score += float64(matched) / float64(len(q)) * sum
			}
		}
		if fields > 0 {
			hits = append(hits, hit{d, score * float64(fields) / 3})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	var out []int
	for i := 0; i < k && i < len(hits); i++ {
		out = append(out, hits[i].d)
	}
	return out
}
