package index

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
)

// staticFiles holds the files WriteStatic wrote, by name, compressed.
type staticFiles map[string][]byte

// writeStaticFiles runs WriteStatic into memory.
func writeStaticFiles(t testing.TB, docs []Document, opts StaticOptions) (staticFiles, StaticStats) {
	t.Helper()
	files := staticFiles{}
	var mu = make(chan struct{}, 1)
	st, err := WriteStatic(docs, opts, func(name string, data []byte) error {
		mu <- struct{}{}
		defer func() { <-mu }()
		if _, dup := files[name]; dup {
			return fmt.Errorf("%s written twice", name)
		}
		files[name] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, st
}

// inflate reads one file back.
func (fs staticFiles) inflate(t testing.TB, name string) []byte {
	t.Helper()
	z, ok := fs[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return data
}

func (fs staticFiles) manifest(t testing.TB) manifest {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(fs.inflate(t, StaticManifest), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// readPosting is one decoded posting: a document and its weight level.
type readPosting struct {
	doc   int
	level int
}

// readTerm is one term of a chunk with its postings per field.
type readTerm struct {
	term   string
	fields [numFields][]readPosting
}

// varints reads LEB128 varints from a buffer, failing the test at its end.
type varints struct {
	t   testing.TB
	buf []byte
}

func (v *varints) next() int {
	n, w := binary.Uvarint(v.buf)
	if w <= 0 {
		v.t.Fatalf("bad varint with %d bytes left", len(v.buf))
	}
	v.buf = v.buf[w:]
	return int(n)
}

func (v *varints) bytes(n int) string {
	if n > len(v.buf) {
		v.t.Fatalf("%d bytes wanted, %d left", n, len(v.buf))
	}
	s := string(v.buf[:n])
	v.buf = v.buf[n:]
	return s
}

// readChunk decodes chunk i.
func (fs staticFiles) readChunk(t testing.TB, i int) []readTerm {
	t.Helper()
	v := &varints{t: t, buf: fs.inflate(t, chunkName(i))}
	terms := make([]readTerm, v.next())
	prev := ""
	for k := range terms {
		shared := v.next()
		terms[k].term = prev[:shared] + v.bytes(v.next())
		prev = terms[k].term
	}
	var lows [][numFields]int
	for k := range terms {
		var low [numFields]int
		for f := range numFields {
			terms[k].fields[f] = make([]readPosting, v.next())
		}
		for f := range numFields {
			if len(terms[k].fields[f]) > 0 {
				low[f] = v.next()
			}
		}
		lows = append(lows, low)
	}
	for k := range terms {
		for f := range numFields {
			d := -1
			for p := range terms[k].fields[f] {
				d += v.next() + 1
				terms[k].fields[f][p].doc = d
			}
		}
	}
	for k := range terms {
		for f := range numFields {
			for p := range terms[k].fields[f] {
				terms[k].fields[f][p].level = lows[k][f] + v.next()
			}
		}
	}
	if len(v.buf) != 0 {
		t.Fatalf("chunk %d: %d bytes left over", i, len(v.buf))
	}
	return terms
}

// readAll decodes every chunk, by term.
func (fs staticFiles) readAll(t testing.TB, m manifest) map[string]readTerm {
	t.Helper()
	all := map[string]readTerm{}
	for i := range m.Chunks {
		for _, rt := range fs.readChunk(t, i) {
			all[rt.term] = rt
		}
	}
	return all
}

// readFacetGroup decodes the lists of group g of a facet.
func (fs staticFiles) readFacetGroup(t testing.TB, name string, g, values int) [][]int {
	t.Helper()
	v := &varints{t: t, buf: fs.inflate(t, facetFileName(name, g))}
	var lists [][]int
	for range values {
		var list []int
		end := 0
		for range v.next() {
			first := end + v.next()
			last := first + v.next()
			for d := first; d <= last; d++ {
				list = append(list, d)
			}
			end = last + 1
		}
		lists = append(lists, list)
	}
	if len(v.buf) != 0 {
		t.Fatalf("facet %s-%d: %d bytes left over", name, g, len(v.buf))
	}
	return lists
}

// readShard decodes result shard s.
func (fs staticFiles) readShard(t testing.TB, s int) [][]string {
	t.Helper()
	var recs [][]string
	if err := json.Unmarshal(fs.inflate(t, shardName(s)), &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// staticHit is a document and its score as the client computes it.
type staticHit struct {
	doc   int
	score float64
}

// queryStatic scores the documents for the terms q as the client does,
// from the decoded postings: (F/3) * Σ_f (m_f/n) * Σ_q w(q,f,d).
func queryStatic(m manifest, all map[string]readTerm, q []string) []staticHit {
	scale := weightScale{knee: m.Weights.Knee, ratio: m.Weights.Ratio}
	type acc struct {
		sum     [numFields]float64
		matched [numFields]int
	}
	accs := map[int]*acc{}
	for _, term := range q {
		rt, ok := all[term]
		if !ok {
			continue
		}
		for f := range numFields {
			for _, p := range rt.fields[f] {
				a := accs[p.doc]
				if a == nil {
					a = &acc{}
					accs[p.doc] = a
				}
				a.sum[f] += scale.weight(p.level)
				a.matched[f]++
			}
		}
	}
	var hits []staticHit
	for d, a := range accs {
		fields, score := 0, 0.0
		for f := range numFields {
			if a.matched[f] > 0 {
				fields++
				score += float64(a.matched[f]) / float64(len(q)) * a.sum[f]
			}
		}
		hits = append(hits, staticHit{d, score * float64(fields) / 3})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].doc < hits[j].doc
	})
	return hits
}

// chunkOf is the chunk that holds term, by the manifest's boundaries.
func chunkOf(m manifest, term string) int {
	i := sort.Search(len(m.Chunks), func(i int) bool { return strings.Compare(m.Chunks[i], term) > 0 })
	return i - 1
}
