package index

import (
	"encoding/binary"
	"errors"
	"sort"
)

// encodeHashes writes hashes as pairs of length-prefixed strings, path and
// hash, in path order.
func encodeHashes(hashes map[string]string) []byte {
	paths := make([]string, 0, len(hashes))
	size := 0
	for p, h := range hashes {
		paths = append(paths, p)
		size += len(p) + len(h) + 2*binary.MaxVarintLen32
	}
	sort.Strings(paths)
	out := make([]byte, 0, size)
	for _, p := range paths {
		out = binary.AppendUvarint(out, uint64(len(p)))
		out = append(out, p...)
		out = binary.AppendUvarint(out, uint64(len(hashes[p])))
		out = append(out, hashes[p]...)
	}
	return out
}

// decodeHashes reads what encodeHashes wrote.
func decodeHashes(b []byte) (map[string]string, error) {
	out := map[string]string{}
	next := func() (string, bool) {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) {
			return "", false
		}
		s := string(b[w : w+int(n)])
		b = b[w+int(n):]
		return s, true
	}
	for len(b) > 0 {
		p, ok1 := next()
		h, ok2 := next()
		if !ok1 || !ok2 {
			return nil, errors.New("its document hashes are cut short")
		}
		out[p] = h
	}
	return out, nil
}
