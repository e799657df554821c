package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// Keys of kb's values in bleve's internal key/value store, kept with the
// index and written in the same batches as the documents.
const (
	// versionKey holds the MappingVersion the index was made with.
	versionKey = "kb:mapping-version"
	// hashesKey holds the content hash of each document as indexed, by
	// path (see encodeHashes). One value for all: bleve writes every
	// internal value again with each snapshot it persists.
	hashesKey = "kb:hashes"
)

// runtimeConfig is given to bleve when it opens an index: bolt waits at
// most this long for its own lock (kb's lock is taken first, so only a
// program other than kb can hold it).
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": "1s"}
}

func versionStamp() string { return strconv.Itoa(MappingVersion) }

// staleError is an index that is sound but not of this kb's mapping.
type staleError struct{ detail string }

func (e *staleError) Error() string { return e.detail }

// openChecked opens the bleve index at path and reads it whole enough to
// trust it: its version stamp, its mapping, the id and hash of every
// document, and one search. bleve can panic on damaged files; a panic is
// an error here like any other.
func openChecked(path string) (bi bleve.Index, hashes map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			if bi != nil {
				closeAfterPanic(bi)
			}
			bi, hashes, err = nil, nil, fmt.Errorf("bleve failed: %v", r)
		}
	}()
	if err := verifySegments(path); err != nil {
		return nil, nil, err
	}
	bi, err = bleve.OpenUsing(path, runtimeConfig())
	if err != nil {
		return nil, nil, err
	}
	hashes, err = checkIndex(bi)
	if err != nil {
		closeAfterPanic(bi)
		return nil, nil, err
	}
	return bi, hashes, nil
}

// verifySegments checks each segment file of the index's newest snapshot
// against the CRC-32 its footer ends with. bleve does not: it reads a
// damaged segment as it is, and some damage makes it panic in goroutines
// of its own, where no caller can recover; and when a segment of its
// newest snapshot is missing it goes back to an older one, after which
// the snapshots it writes are not reliably found again. A segment file
// that no snapshot lists (one left half written by a process killed while
// merging) is not checked: bleve removes it.
func verifySegments(path string) error {
	files, err := newestSegments(filepath.Join(path, "store"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := verifySegment(f); err != nil {
			return fmt.Errorf("segment %s: %w", filepath.Base(f), err)
		}
	}
	return nil
}

// newestSegments returns the segment files of the newest snapshot listed
// in scorch's root.bolt in store (bleve v2.5.7's layout: a bucket "s" of
// snapshots by epoch, each with a bucket per segment whose key "p" names
// its file; buckets "i" and "m" hold internal values and metadata).
func newestSegments(store string) ([]string, error) {
	db, err := bolt.Open(filepath.Join(store, "root.bolt"), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var files []string
	err = db.View(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket([]byte("s"))
		if snapshots == nil {
			return errors.New("it lists no snapshot")
		}
		k, _ := snapshots.Cursor().Last()
		snap := snapshots.Bucket(k)
		if snap == nil {
			return errors.New("its newest snapshot is not readable")
		}
		return snap.ForEachBucket(func(k []byte) error {
			if len(k) == 0 || k[0] == 'i' || k[0] == 'm' {
				return nil
			}
			seg := snap.Bucket(k)
			name := seg.Get([]byte("p"))
			if len(name) == 0 || strings.ContainsAny(string(name), `/\`) {
				return errors.New("a segment of its newest snapshot has no file name")
			}
			files = append(files, filepath.Join(store, string(name)))
			return nil
		})
	})
	return files, err
}

// zapFooter is the size of a zap segment's footer, which ends with the
// CRC-32 (IEEE) of all the bytes before it.
const zapFooter = 8 + 8 + 8 + 8 + 8 + 4 + 4 + 4

func verifySegment(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size < zapFooter {
		return fmt.Errorf("%d bytes, too short to be one", size)
	}
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, size-4)); err != nil {
		return err
	}
	var stored [4]byte
	if _, err := f.ReadAt(stored[:], size-4); err != nil {
		return err
	}
	if binary.BigEndian.Uint32(stored[:]) != h.Sum32() {
		return errors.New("its checksum does not match its content")
	}
	return nil
}

// closeAfterPanic closes an index that is being given up on.
func closeAfterPanic(bi bleve.Index) {
	defer func() { _ = recover() }()
	_ = bi.Close()
}

// checkIndex reads the version stamp, the mapping and the documents'
// hashes of an open index.
func checkIndex(bi bleve.Index) (map[string]string, error) {
	stamp, err := bi.GetInternal([]byte(versionKey))
	if err != nil {
		return nil, err
	}
	if stamp == nil {
		return nil, errors.New("it has no mapping version stamp: it was never finished")
	}
	v, err := strconv.Atoi(string(stamp))
	if err != nil {
		return nil, fmt.Errorf("its mapping version stamp %q is not a number", stamp)
	}
	if v != MappingVersion {
		return nil, &staleError{fmt.Sprintf("the search index was made with mapping version %d, and this kb uses %d", v, MappingVersion)}
	}
	same, err := sameMapping(bi)
	if err != nil {
		return nil, err
	}
	if !same {
		return nil, &staleError{fmt.Sprintf("the search index's mapping is not this kb's, though both say version %d", v)}
	}
	hashes, err := readHashes(bi)
	if err != nil {
		return nil, err
	}
	if _, err := bi.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)); err != nil {
		return nil, err
	}
	return hashes, nil
}

// sameMapping reports whether the index was made with newMapping.
func sameMapping(bi bleve.Index) (bool, error) {
	stored, err := json.Marshal(bi.Mapping())
	if err != nil {
		return false, err
	}
	ours, err := json.Marshal(newMapping())
	if err != nil {
		return false, err
	}
	return bytes.Equal(stored, ours), nil
}

// readHashes returns the content hash of every document of the index, by
// path. A document the hashes leave out has the hash "" (it is indexed
// again); a hash of a document the index does not hold is dropped.
func readHashes(bi bleve.Index) (map[string]string, error) {
	count, err := bi.DocCount()
	if err != nil {
		return nil, err
	}
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	blob, err := r.GetInternal([]byte(hashesKey))
	if err != nil {
		return nil, err
	}
	stored, err := decodeHashes(blob)
	if err != nil {
		return nil, err
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	hashes := make(map[string]string, count)
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		path, err := r.ExternalID(id)
		if err != nil {
			return nil, err
		}
		hashes[path] = stored[path]
	}
	if uint64(len(hashes)) != count {
		return nil, fmt.Errorf("it counts %d documents but lists %d", count, len(hashes))
	}
	return hashes, nil
}
