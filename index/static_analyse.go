package index

import (
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/kb-tools/kb/internal/work"
)

// The text fields of the static index, in the order of textFields and of
// its files.
const (
	fieldTitle = iota
	fieldNames
	fieldBody
	numFields
)

// fieldName and fieldBoost name and weigh a text field as the bleve index
// does.
func fieldName(f int) string {
	return [numFields]string{FieldTitle, FieldNames, FieldBody}[f]
}

func fieldBoost(f int) float64 {
	return [numFields]float64{TitleBoost, NamesBoost, BodyBoost}[f]
}

// textOfField is the text of field f of d.
func textOfField(d *Document, f int) string {
	switch f {
	case fieldTitle:
		return d.Title
	case fieldNames:
		return d.Names
	}
	return d.Body
}

// staticIndex is the inverted index of a KB's documents, numbered in
// their order: for each term (sorted), its postings in each field.
type staticIndex struct {
	docs  int
	terms []string
	post  [][numFields]postings
	// lens holds, per field, the number of terms of each document in it.
	lens [numFields][]int32
	// stats and scale are the fields' statistics and the weight scale,
	// set when the postings are encoded.
	stats [numFields]fieldStats
	scale weightScale
}

// postings are the documents of a term in one field, ascending, with
// the term's frequency in each.
type postings struct {
	docs, tfs []int32
}

// termFreq is a term, by a counter's id, and how often a field holds it.
type termFreq struct{ id, tf int32 }

// docTerms are the terms of one document's fields, by the ids of the
// counter that analysed it.
type docTerms struct {
	counter *termCounter
	fields  [numFields][]termFreq
	lens    [numFields]int32
}

// analyseDocs analyses the text fields of docs on all processors and
// inverts them. It also makes each document's result record, and then
// drops the document's body and names, which nothing else needs, so
// that the memory they take is freed while the index is written.
func analyseDocs(docs []Document) (*staticIndex, [][]string) {
	per := make([]docTerms, len(docs))
	recs := make([][]string, len(docs))
	var mu sync.Mutex
	var counters []*termCounter
	work.Each(len(docs), func() func(int) bool {
		c := newTermCounter()
		mu.Lock()
		counters = append(counters, c)
		mu.Unlock()
		return func(i int) bool {
			per[i].counter = c
			for f := range numFields {
				per[i].fields[f], per[i].lens[f] = c.count(textOfField(&docs[i], f))
			}
			recs[i] = record(&docs[i])
			docs[i].Body, docs[i].Names = "", ""
			return true
		}
	})
	return invert(per, counters), recs
}

// invert numbers the terms of all counters in sorted order and lists the
// postings of each.
func invert(per []docTerms, counters []*termCounter) *staticIndex {
	ix := &staticIndex{docs: len(per)}
	seen := map[string]bool{}
	for _, c := range counters {
		for _, t := range c.terms {
			if !seen[t] {
				seen[t] = true
				ix.terms = append(ix.terms, t)
			}
		}
	}
	slices.Sort(ix.terms)
	global := make(map[string]int32, len(ix.terms))
	for i, t := range ix.terms {
		global[t] = int32(i)
	}
	remap := map[*termCounter][]int32{}
	for _, c := range counters {
		ids := make([]int32, len(c.terms))
		for i, t := range c.terms {
			ids[i] = global[t]
		}
		remap[c] = ids
	}
	ix.post = make([][numFields]postings, len(ix.terms))
	presize(ix, per, remap)
	for f := range numFields {
		ix.lens[f] = make([]int32, len(per))
	}
	for d := range per {
		ids := remap[per[d].counter]
		for f := range numFields {
			ix.lens[f][d] = per[d].lens[f]
			for _, tf := range per[d].fields[f] {
				p := &ix.post[ids[tf.id]][f]
				p.docs = append(p.docs, int32(d))
				p.tfs = append(p.tfs, tf.tf)
			}
		}
		per[d] = docTerms{}
	}
	return ix
}

// presize makes room for each term's postings, counted first, so that
// filling them allocates once per list.
func presize(ix *staticIndex, per []docTerms, remap map[*termCounter][]int32) {
	counts := make([][numFields]int32, len(ix.terms))
	for d := range per {
		ids := remap[per[d].counter]
		for f := range numFields {
			for _, tf := range per[d].fields[f] {
				counts[ids[tf.id]][f]++
			}
		}
	}
	for t := range counts {
		for f := range numFields {
			if n := counts[t][f]; n > 0 {
				ix.post[t][f] = postings{docs: make([]int32, 0, n), tfs: make([]int32, 0, n)}
			}
		}
	}
}

// termCounter counts the terms of texts as [Terms] with kb's [Analyzer]
// makes them, faster: every filter of kb's analysis works on one word at
// a time, so the terms of each word are worked out once and kept. It
// numbers the terms it meets in its own order.
type termCounter struct {
	analyzer analysis.Analyzer
	words    map[string][]int32
	ids      map[string]int32
	terms    []string
	// buf, tf and touched are scratch space for one field's count.
	buf     []byte
	tf      []int32
	touched []int32
}

func newTermCounter() *termCounter {
	return &termCounter{analyzer: Analyzer(), words: map[string][]int32{}, ids: map[string]int32{}}
}

// count returns the distinct terms of text with their frequencies, in the
// order of their first occurrence, and the number of terms of text.
func (c *termCounter) count(text string) ([]termFreq, int32) {
	c.buf = append(c.buf[:0], text...)
	b := c.buf
	length := int32(0)
	c.touched = c.touched[:0]
	scanWords(b, func(start, end int, _ analysis.TokenType) {
		ids, ok := c.words[string(b[start:end])]
		if !ok {
			ids = c.wordTerms(string(b[start:end]))
		}
		for _, id := range ids {
			if c.tf[id] == 0 {
				c.touched = append(c.touched, id)
			}
			c.tf[id]++
		}
		length += int32(len(ids))
	})
	out := make([]termFreq, len(c.touched))
	for i, id := range c.touched {
		out[i] = termFreq{id: id, tf: c.tf[id]}
		c.tf[id] = 0
	}
	return out, length
}

// wordTerms analyses one word and keeps its terms' ids.
func (c *termCounter) wordTerms(word string) []int32 {
	var ids []int32
	for _, t := range Terms(c.analyzer, word) {
		id, ok := c.ids[t]
		if !ok {
			id = int32(len(c.terms))
			c.ids[t] = id
			c.terms = append(c.terms, t)
			c.tf = append(c.tf, 0)
		}
		ids = append(ids, id)
	}
	c.words[word] = ids
	return ids
}
