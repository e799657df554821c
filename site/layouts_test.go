package site

import "testing"

// Keys that differ in value or in kind give partialCached different
// outputs to keep.
func TestCacheKeysTellKeysApart(t *testing.T) {
	seen := map[string][]any{}
	for _, keys := range [][]any{
		nil, {""}, {"", ""}, {"../"}, {"../", "postmortems"}, {"../", "postmortems", true},
		{"../", "postmortems", false}, {"true"}, {true}, {1}, {"1"}, {int64(1)}, {1.5},
		{"a b"}, {"a", "b"}, {`a" "b`}, {[]string{"a"}},
	} {
		k := cacheKey("layouts/term.html", "siteheader", keys)
		if prev, ok := seen[k]; ok {
			t.Errorf("keys %#v and %#v share the key %q", prev, keys, k)
		}
		seen[k] = keys
	}
	if cacheKey("layouts/a.html", "x", nil) == cacheKey("layouts/b.html", "x", nil) {
		t.Error("two layouts share a key")
	}
}
