package main

import (
	"fmt"
	"slices"
	"strings"
)

// samples are measurements in milliseconds.
type samples []float64

// quantile returns the q-quantile (0 < q ≤ 1) by the nearest rank: the
// smallest sample with at least q of the samples at or below it.
func (s samples) quantile(q float64) float64 {
	if len(s) == 0 {
		return 0
	}
	sorted := slices.Sorted(slices.Values(s))
	rank := int(float64(len(sorted))*q+0.999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

func (s samples) median() float64 { return s.quantile(0.5) }

// summary is "median M ms, p95 P ms, range A–B ms (n N)", with the unit
// given.
func (s samples) summary(unit string) string {
	if len(s) == 0 {
		return "no samples"
	}
	return fmt.Sprintf("median %s%s, p95 %s%s, range %s–%s%s (n %d)", num(s.median()), unit,
		num(s.quantile(0.95)), unit, num(slices.Min(s)), num(slices.Max(s)), unit, len(s))
}

// ratios are a[i]/b[i], pair by pair.
func ratios(a, b samples) samples {
	var out samples
	for i := range min(len(a), len(b)) {
		if b[i] > 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}

// num prints a figure with three significant digits (all its digits
// from 100 on), without trailing zeros.
func num(v float64) string {
	var s string
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		s = fmt.Sprintf("%.1f", v)
	case v >= 1:
		s = fmt.Sprintf("%.2f", v)
	default:
		s = fmt.Sprintf("%.3f", v)
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
