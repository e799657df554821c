package content

import "testing"

// TestPeriodEnd checks the last day kb reads from each way a due date or
// period is written.
func TestPeriodEnd(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2026-03-01", "2026-03-01"},
		{"March 31, 2026", "2026-03-31"},
		{"31 March 2026", "2026-03-31"},
		{"31st March 2026", "2026-03-31"},
		{"Mar. 31, 2026", "2026-03-31"},
		{"March 2026", "2026-03-31"},
		{"February 2028", "2028-02-29"},
		{"Q1 2026", "2026-03-31"},
		{"H2 2026", "2026-12-31"},
		{"April 31, 2026", ""},
		{"soon", ""},
	} {
		got, ok := periodEnd(tc.in)
		if s := got.Format("2006-01-02"); ok != (tc.want != "") || ok && s != tc.want {
			t.Errorf("periodEnd(%q) = %s, %v; want %q", tc.in, s, ok, tc.want)
		}
	}
}
