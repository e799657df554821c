package site

import (
	"fmt"
	"math"
)

// durationScale is a logarithmic axis of spans of time, in minutes, with
// grid lines at the spans incident reviews speak of: a minute, five,
// fifteen, an hour, four, a day, three, a week, thirty days. On it a
// two-minute detection and a three-day one are both readable.
type durationScale struct {
	lo, hi float64 // log10 of the bottom and top, in minutes
	marks  []tick
}

// durationTicks are the grid lines a durationScale may draw, in minutes.
func durationTicks() []float64 {
	return []float64{1, 5, 15, 60, 4 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60, 30 * 24 * 60, 90 * 24 * 60, 365 * 24 * 60}
}

// fitDurationScale returns the axis from the grid line at or below least
// to the one at or above most, both in minutes; spans under a minute sit
// at the bottom.
func fitDurationScale(least, most float64) durationScale {
	marks := durationTicks()
	lo, hi := 0, len(marks)-1
	for i, m := range marks {
		if m <= least {
			lo = i
		}
	}
	for i := len(marks) - 1; i >= 0; i-- {
		if marks[i] >= most {
			hi = i
		}
	}
	if hi <= lo {
		hi = min(lo+1, len(marks)-1)
		lo = hi - 1
	}
	s := durationScale{lo: math.Log10(marks[lo]), hi: math.Log10(marks[hi])}
	for _, m := range marks[lo : hi+1] {
		s.marks = append(s.marks, tick{m, spanLabel(m)})
	}
	return s
}

func (s durationScale) at(v float64) float64 {
	if v < 1 {
		v = 1
	}
	return (math.Log10(v) - s.lo) / (s.hi - s.lo)
}

func (s durationScale) ticks() []tick { return s.marks }

// spanLabel writes a grid line's span, in minutes, as "15m", "4h", "3d".
func spanLabel(m float64) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%.0fm", m)
	case m < 24*60:
		return fmt.Sprintf("%.0fh", m/60)
	}
	return fmt.Sprintf("%.0fd", m/(24*60))
}
