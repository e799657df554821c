package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutText(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		limit   int
		mark    string
		want    string
	}{
		{"short", "abc", 5, "…", "abc"},
		{"exactly the limit", "abcde", 5, "…", "abcde"},
		{"cut, the mark within the limit", "abcdefgh", 6, "…", "abc…"},
		{"a bare prefix", "abcdefgh", 6, "", "abcdef"},
		{"not inside a two-byte character", "aébc", 2, "", "a"},
		{"not inside a four-byte character", "ab😀cd", 5, "", "ab"},
		{"a whole character up to the limit", "ab😀cd", 6, "", "ab😀"},
		{"not inside a character before the mark", "ééééé", 7, "…", "éé…"},
		{"a limit below the mark's size", "abcdef", 2, "…", "…"},
		{"a zero limit", "abc", 0, "", ""},
		{"empty", "", 0, "…", ""},
		{"invalid UTF-8 is cut where the limit says", "ab\xff\xfecd", 3, "", "ab\xff"},
		{"a run of continuation bytes", "\x80\x80\x80\x80", 2, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CutText(tc.s, tc.limit, tc.mark)
			if got != tc.want {
				t.Errorf("CutText(%q, %d, %q) = %q, want %q", tc.s, tc.limit, tc.mark, got, tc.want)
			}
			if len(got) > max(tc.limit, len(tc.mark)) {
				t.Errorf("CutText(%q, %d, %q) = %q: %d bytes, over the limit", tc.s, tc.limit, tc.mark, got, len(got))
			}
			if utf8.ValidString(tc.s) && !utf8.ValidString(got) {
				t.Errorf("CutText(%q, %d, %q) = %q splits a character", tc.s, tc.limit, tc.mark, got)
			}
			if !strings.HasPrefix(tc.s, strings.TrimSuffix(got, tc.mark)) {
				t.Errorf("CutText(%q, %d, %q) = %q: not a prefix of the text and the mark", tc.s, tc.limit, tc.mark, got)
			}
		})
	}
}
