package index

import (
	"math"

	"github.com/kb-tools/kb/internal/work"
)

// BM25 parameters of bleve v2.5.7, which the static index mirrors.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// StaticWeight is w(q,f,d) of kb's search contract: what the document d
// adds to its score for one query term q found in the field f, before the
// coordination factors. boost is the field's boost, docs the number of
// documents, df how many of them hold q in f, avg the field's average
// length as bleve takes it (see [avgFieldLength]), tf how often d's field
// holds q and length the number of terms of d's field:
//
//	boost * idf^2 * sqrt(tf)*k1 / (sqrt(tf) + k1*(1 - b + b*length/avg))
//	idf = ln(1 + (docs - df + 0.5)/(df + 0.5))
func StaticWeight(boost float64, docs, df int, avg float64, tf, length int) float64 {
	return boost * idfSquared(docs, df) * tfNorm(tf, length, avg)
}

// idfSquared is the square of BM25's idf of a term that df of docs
// documents hold.
func idfSquared(docs, df int) float64 {
	idf := math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
	return idf * idf
}

// tfNorm is BM25's saturated term frequency, bleve's way (with the square
// root of tf), in a field of length terms whose average is avg.
func tfNorm(tf, length int, avg float64) float64 {
	s := math.Sqrt(float64(tf))
	return s * bm25K1 / (s + bm25K1*(1-bm25B+bm25B*float64(length)/avg))
}

// avgFieldLength is the average field length bleve's BM25 uses: the
// number of distinct terms of the field over the number of documents,
// rounded up.
func avgFieldLength(distinct, docs int) float64 {
	if docs == 0 {
		return 0
	}
	return math.Ceil(float64(distinct) / float64(docs))
}

// weightScale quantizes weights to small integers: level l stands for
// the weight knee * (ratio^l - 1). Weights well above knee keep their
// value to within half a ratio step; weights well under it, which add
// to a score far less than any title or name match, keep it to within
// about knee * (ratio - 1) / 2 and cost few bits. The knee is a fixed
// share of the largest weight of the KB (see newWeightScale).
type weightScale struct {
	knee, ratio float64
	// logRatio is ln(ratio).
	logRatio float64
}

// weightStep is the ratio between two weight levels.
const weightStep = 1.015

// kneeShare sets the knee of the weight scale, as a share of the largest
// weight.
const kneeShare = 1e-2

func newWeightScale(maxWeight float64) weightScale {
	if maxWeight <= 0 {
		maxWeight = 1
	}
	return weightScale{knee: maxWeight * kneeShare, ratio: weightStep, logRatio: math.Log(weightStep)}
}

// level is the quantized w.
func (s weightScale) level(w float64) int {
	return int(math.Round(math.Log1p(w/s.knee) / s.logRatio))
}

// weight is the weight the client takes for a level. Level 0, weights
// under knee * (sqrt(ratio) - 1), counts as half that, so that a match
// there still counts.
func (s weightScale) weight(level int) float64 {
	if level == 0 {
		return s.knee * (math.Sqrt(s.ratio) - 1) / 2
	}
	return s.knee * (math.Pow(s.ratio, float64(level)) - 1)
}

// fieldStats are what the weights of one field need.
type fieldStats struct {
	avg float64
}

// setStats works out the average length of each field of ix.
func (ix *staticIndex) setStats() {
	for f := range numFields {
		distinct := 0
		for t := range ix.post {
			if len(ix.post[t][f].docs) > 0 {
				distinct++
			}
		}
		ix.stats[f].avg = avgFieldLength(distinct, ix.docs)
	}
}

// weights appends to out the weights of the postings of term t in
// field f, in order.
func (ix *staticIndex) weights(t, f int, out []float64) []float64 {
	p := &ix.post[t][f]
	c := fieldBoost(f) * idfSquared(ix.docs, len(p.docs))
	lens := ix.lens[f]
	for i, d := range p.docs {
		out = append(out, c*tfNorm(int(p.tfs[i]), int(lens[d]), ix.stats[f].avg))
	}
	return out
}

// maxWeight is the largest weight of any posting of ix.
func (ix *staticIndex) maxWeight() float64 {
	most := make([]float64, len(ix.post))
	work.Each(len(ix.post), func() func(int) bool {
		var ws []float64
		return func(t int) bool {
			for f := range numFields {
				ws = ix.weights(t, f, ws[:0])
				for _, w := range ws {
					most[t] = max(most[t], w)
				}
			}
			return true
		}
	})
	m := 0.0
	for _, w := range most {
		m = max(m, w)
	}
	return m
}
