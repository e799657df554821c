package ansi

import "testing"

func TestStyle(t *testing.T) {
	for _, tc := range []struct {
		on      bool
		code, s string
		want    string
	}{
		{true, Bold, "x", "\x1b[1mx\x1b[0m"},
		{false, Bold, "x", "x"},
		{true, Bold, "", ""},
		{true, "", "x", "x"},
	} {
		if got := Style(tc.on, tc.code, tc.s); got != tc.want {
			t.Errorf("Style(%v, %q, %q) = %q, want %q", tc.on, tc.code, tc.s, got, tc.want)
		}
	}
}
