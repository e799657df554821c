package index

// manifest is the JSON of data/manifest.bin (DEFLATE), what the client
// reads first.
type manifest struct {
	// Version is StaticVersion; Analysis is AnalysisVersion, which the
	// client's kbAnalysis.version must equal.
	Version  int    `json:"version"`
	Analysis string `json:"analysis"`
	// Stamp changes when any other file of the index does: the client
	// asks for the others with it, so that no cache mixes two builds.
	Stamp string `json:"stamp"`
	// Docs is the number of documents, numbered from 0.
	Docs int `json:"docs"`
	// Fields name the text fields in the order of the chunks' postings,
	// with their boosts and average lengths (see StaticWeight).
	Fields []manifestField `json:"fields"`
	// Weights is the scale of the weight levels: level l > 0 stands for
	// knee * (ratio^l - 1), level 0 for knee * (sqrt(ratio) - 1) / 2.
	Weights manifestScale `json:"weights"`
	// Chunks holds the first term of each postings chunk, cut to the
	// shortest prefix that tells it from the chunk before: chunk i
	// (data/terms/i.bin) holds the terms t with Chunks[i] <= t <
	// Chunks[i+1], compared by code point.
	Chunks []string `json:"chunks"`
	// ShardDocs is the number of documents per result shard; Shards the
	// number of shards (data/docs/i.bin).
	ShardDocs int `json:"shardDocs"`
	Shards    int `json:"shards"`
	// Facets list each facet's values, their document counts and how many
	// values each group file (data/facets/NAME-g.bin) holds, in order.
	Facets []manifestFacet `json:"facets"`
}

type manifestField struct {
	Name  string  `json:"name"`
	Boost float64 `json:"boost"`
	Avg   float64 `json:"avg"`
}

type manifestScale struct {
	Knee  float64 `json:"knee"`
	Ratio float64 `json:"ratio"`
}

type manifestFacet struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Counts []int    `json:"counts"`
	Groups []int    `json:"groups"`
}

func newManifest(ix *staticIndex, chunks []chunkPlan, shards int, facets facetSet, opts StaticOptions) manifest {
	m := manifest{Version: StaticVersion, Analysis: AnalysisVersion, Docs: ix.docs, ShardDocs: opts.ShardDocs, Shards: shards,
		Weights: manifestScale{Knee: ix.scale.knee, Ratio: ix.scale.ratio}, Chunks: []string{}}
	for f := range numFields {
		m.Fields = append(m.Fields, manifestField{Name: fieldName(f), Boost: fieldBoost(f), Avg: ix.stats[f].avg})
	}
	for _, c := range chunks {
		m.Chunks = append(m.Chunks, c.boundary)
	}
	for _, f := range facets.facets {
		mf := manifestFacet{Name: f.name, Values: []string{}, Counts: []int{}, Groups: f.groups}
		for _, v := range f.values {
			mf.Values = append(mf.Values, v.name)
			mf.Counts = append(mf.Counts, len(v.docs))
		}
		m.Facets = append(m.Facets, mf)
	}
	return m
}

func (m manifest) encode() []byte { return marshalJSON(m) }
