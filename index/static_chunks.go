package index

import (
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/kb-tools/kb/internal/work"
)

// A postings chunk (data/terms/N.bin, DEFLATE) holds consecutive terms of
// the sorted term list, in four parts read in order, every number an
// unsigned LEB128 varint:
//
//	terms:   term count; per term: bytes shared with the previous term,
//	         length of the rest, the rest (UTF-8)
//	header:  per term: for each field (title, names, body) the number of
//	         its documents, then for each field that has any the lowest
//	         weight level of the term there
//	docs:    per term and field: the document numbers, the first as it
//	         is and each next as the gap to the one before minus one
//	weights: per term, field and document: its weight level minus the
//	         lowest (see [weightScale])
//
// Splitting docs from weights keeps like numbers together, which DEFLATE
// compresses better.

// termCode is the encoded postings of one term, in its three parts.
type termCode struct {
	header, docs, weights []byte
}

func (c *termCode) size() int { return len(c.header) + len(c.docs) + len(c.weights) }

// encodeTerm encodes the postings of term t; sc is scratch space.
func (ix *staticIndex) encodeTerm(t int, sc *encodeScratch) termCode {
	var c termCode
	for f := range numFields {
		p := &ix.post[t][f]
		c.header = binary.AppendUvarint(c.header, uint64(len(p.docs)))
		prev := int32(-1)
		for _, d := range p.docs {
			c.docs = binary.AppendUvarint(c.docs, uint64(d-prev-1))
			prev = d
		}
	}
	for f := range numFields {
		sc.weights = ix.weights(t, f, sc.weights[:0])
		if len(sc.weights) == 0 {
			continue
		}
		sc.levels = sc.levels[:0]
		low := math.MaxInt
		for _, w := range sc.weights {
			l := ix.scale.level(w)
			sc.levels = append(sc.levels, l)
			low = min(low, l)
		}
		c.header = binary.AppendUvarint(c.header, uint64(low))
		for _, l := range sc.levels {
			c.weights = binary.AppendUvarint(c.weights, uint64(l-low))
		}
	}
	return c
}

// encodeScratch is the space encodeTerm reuses from term to term.
type encodeScratch struct {
	weights []float64
	levels  []int
}

// chunkPlan is one postings chunk: terms [first, end) of the index.
type chunkPlan struct {
	first, end int
	// boundary is the shortest prefix of the first term that sorts after
	// the last term of the chunk before ("" for the first chunk).
	boundary string
}

// planChunks cuts the sorted terms into chunks of about target bytes
// before compression; a term larger than that has a chunk of its own.
func planChunks(terms []string, codes []termCode, target int) []chunkPlan {
	var plans []chunkPlan
	size := 0
	for t := range terms {
		if t == 0 || size+codes[t].size() > target && size > 0 {
			b := ""
			if t > 0 {
				b = separator(terms[t-1], terms[t])
			}
			plans = append(plans, chunkPlan{first: t, boundary: b})
			size = 0
		}
		size += codes[t].size() + len(terms[t]) + 2
		plans[len(plans)-1].end = t + 1
	}
	return plans
}

// separator returns the shortest prefix of next, cut between runes, that
// sorts after prev (which sorts before next).
func separator(prev, next string) string {
	for i := range next {
		if next[:i] > prev {
			return next[:i]
		}
	}
	return next
}

// writeChunks encodes every term on all processors, cuts them into chunks
// and writes each chunk.
func (o *staticOut) writeChunks(ix *staticIndex) []chunkPlan {
	ix.setStats()
	ix.scale = newWeightScale(ix.maxWeight())
	codes := make([]termCode, len(ix.terms))
	work.Each(len(ix.terms), func() func(int) bool {
		var sc encodeScratch
		return func(t int) bool {
			codes[t] = ix.encodeTerm(t, &sc)
			return true
		}
	})
	total := 0
	for i := range codes {
		total += codes[i].size()
	}
	plans := planChunks(ix.terms, codes, max(o.chunkBytes, total/maxChunks))
	work.Each(len(plans), func() func(int) bool {
		return func(i int) bool {
			o.writeFile(chunkName(i), encodeChunk(ix.terms, codes, plans[i]))
			return true
		}
	})
	return plans
}

// maxChunks bounds the number of postings chunks of the default size.
const maxChunks = 800

// chunkName is the file of chunk i.
func chunkName(i int) string { return fmt.Sprintf("%s%d.bin", staticChunkDir, i) }

// encodeChunk lays out the terms of one chunk.
func encodeChunk(terms []string, codes []termCode, p chunkPlan) []byte {
	out := binary.AppendUvarint(nil, uint64(p.end-p.first))
	prev := ""
	for t := p.first; t < p.end; t++ {
		shared := sharedPrefix(prev, terms[t])
		out = binary.AppendUvarint(out, uint64(shared))
		out = binary.AppendUvarint(out, uint64(len(terms[t])-shared))
		out = append(out, terms[t][shared:]...)
		prev = terms[t]
	}
	for _, part := range []func(*termCode) []byte{
		func(c *termCode) []byte { return c.header },
		func(c *termCode) []byte { return c.docs },
		func(c *termCode) []byte { return c.weights },
	} {
		for t := p.first; t < p.end; t++ {
			out = append(out, part(&codes[t])...)
		}
	}
	return out
}

// sharedPrefix is the number of leading bytes a and b share, cut between
// runes of b.
func sharedPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(b) && !utf8.RuneStart(b[n]) {
		n--
	}
	return n
}
