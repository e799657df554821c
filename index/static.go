package index

import (
	"errors"
	"fmt"
)

// StaticVersion is the format of the static search files. The site's
// client refuses a manifest of another version.
const StaticVersion = 1

// The static search files, by slash name inside the site's search folder.
const (
	// StaticManifest holds what the client needs before a query: the
	// first term of each postings chunk, the document count, the fields
	// and their boosts, the facets' values and counts.
	StaticManifest = "data/manifest.bin"
	staticChunkDir = "data/terms/"
	staticShardDir = "data/docs/"
	staticFacetDir = "data/facets/"
)

// StaticOptions tune the static index; zero values take the defaults.
type StaticOptions struct {
	// ShardDocs is how many documents a result shard holds (default 16,
	// raised for KBs of over 9,600 documents so that there are at most
	// 600 shards).
	ShardDocs int
	// ChunkBytes is the size, before compression, past which a postings
	// chunk is closed (default 8 KB, raised for large KBs so that there
	// are at most about 800 chunks).
	ChunkBytes int
	// Severities lists the severities most severe first, the order in
	// which the severity facet shows them; others follow by count.
	Severities []string
}

// StaticStats says what WriteStatic wrote.
type StaticStats struct {
	// Files and Bytes count every file written, and their sizes.
	Files, Bytes int
	// Terms is the number of distinct terms; Chunks, Shards and
	// FacetFiles count each kind of file.
	Terms, Chunks, Shards, FacetFiles int
}

// ErrStaticWrite is the kind of the error WriteStatic returns when its
// write function fails; errors.Is tells it from others.
var ErrStaticWrite = errors.New("writing the static search index")

// WriteStatic writes the static search index of docs, kb's own compact
// format read by the site's search page, through write. Names are slash
// paths inside the search folder (see [StaticManifest]); write may be
// called from several goroutines at once. The same documents give the
// same bytes.
//
// The files are compressed with DEFLATE (RFC 1951) so that what a browser
// fetches is small on any host, with or without compression of its own:
// the manifest, postings chunked by term (for each term and field its
// documents and the precomputed, quantized weight of each; see
// [StaticWeight]), result records in shards of [StaticOptions.ShardDocs]
// documents, and for each facet value (kind, severity, service, tag,
// owner) the sorted list of its documents.
func WriteStatic(docs []Document, opts StaticOptions, write func(name string, data []byte) error) (StaticStats, error) {
	opts = opts.withDefaults(len(docs))
	ordered := orderDocs(docs)
	ix, recs := analyseDocs(ordered)
	out := &staticOut{write: write, chunkBytes: opts.ChunkBytes}
	chunks := out.writeChunks(ix)
	terms := len(ix.terms)
	ix.post = nil // the postings are written
	shards := out.writeShards(recs, opts.ShardDocs)
	facets := out.writeFacets(ordered, opts.Severities)
	m := newManifest(ix, chunks, shards, facets, opts)
	m.Stamp = out.stamp()
	out.writeFile(StaticManifest, m.encode())
	if out.err != nil {
		return StaticStats{}, fmt.Errorf("%w: %w", ErrStaticWrite, out.err)
	}
	return StaticStats{Files: out.files, Bytes: out.bytes, Terms: terms,
		Chunks: len(chunks), Shards: shards, FacetFiles: facets.files}, nil
}

// withDefaults fills in the options' defaults for a KB of n documents.
func (o StaticOptions) withDefaults(n int) StaticOptions {
	if o.ShardDocs <= 0 {
		o.ShardDocs = max(16, (n+maxShards-1)/maxShards)
	}
	if o.ChunkBytes <= 0 {
		o.ChunkBytes = 8 << 10
	}
	return o
}

// maxShards bounds the number of result shards of the default shard size.
const maxShards = 600
