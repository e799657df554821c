package index

import (
	"maps"
	"testing"
)

func TestHashesRoundTrip(t *testing.T) {
	for _, hashes := range []map[string]string{
		{},
		{"runbooks/a.md": "0123456789abcdef0123456789abcdef"},
		{"odd\nname.md": "", "spaces and ünicode.md": "x", "": "empty path"},
	} {
		got, err := decodeHashes(encodeHashes(hashes))
		if err != nil || !maps.Equal(got, hashes) {
			t.Errorf("%q: read back %q, %v", hashes, got, err)
		}
	}
	blob := encodeHashes(map[string]string{"runbooks/a.md": "0123456789abcdef"})
	for n := 1; n < len(blob); n++ {
		if _, err := decodeHashes(blob[:n]); err == nil {
			t.Errorf("hashes cut to %d of %d bytes read without an error", n, len(blob))
		}
	}
}
