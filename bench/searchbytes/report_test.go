package main

import "testing"

func TestGroupedAndSpread(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 642118: "642,118", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := grouped(n); got != want {
			t.Errorf("grouped(%d) = %q, want %q", n, got, want)
		}
	}
	tests := []struct {
		xs   []float64
		want string
	}{
		{[]float64{412.4}, "412 ms"},
		{[]float64{500, 100, 300}, "300 ms (median of 3, 100–500)"},
		{[]float64{400, 100, 300, 200}, "250 ms (median of 4, 100–400)"},
	}
	for _, tt := range tests {
		if got := spread(tt.xs); got != tt.want {
			t.Errorf("spread(%v) = %q, want %q", tt.xs, got, tt.want)
		}
	}
}
