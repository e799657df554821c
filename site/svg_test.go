package site

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestFitScale(t *testing.T) {
	for _, tc := range []struct {
		highest   float64
		whole     bool
		top, step float64
	}{
		{0, true, 1, 1},
		{1, true, 1, 1},
		{3, true, 3, 1},
		{7, true, 8, 2},
		{11, true, 15, 5},
		{12, false, 12.5, 2.5},
		{63, true, 80, 20},
		{500, false, 500, 100},
		{0.3, false, 0.3, 0.1},
		{math.NaN(), false, 1, 1},
	} {
		got := fitScale(tc.highest, tc.whole)
		if math.Abs(got.top-tc.top) > 1e-9 || math.Abs(got.step-tc.step) > 1e-9 {
			t.Errorf("fitScale(%v, %v) = %+v, want top %v step %v", tc.highest, tc.whole, got, tc.top, tc.step)
		}
	}
}

// TestFitScaleHoldsTheDataWithinAStep checks, over many maxima, that the
// axis holds the data, ends within one step of it, and has at most five
// steps: a scale fitted to the data, not twice its size.
func TestFitScaleHoldsTheDataWithinAStep(t *testing.T) {
	for _, whole := range []bool{true, false} {
		for v := 0.7; v < 1e6; v *= 1.07 {
			if whole {
				v = math.Ceil(v)
			}
			sc := fitScale(v, whole)
			if sc.top < v || sc.top-sc.step >= v || sc.top/sc.step > 5.0001 {
				t.Fatalf("fitScale(%v, %v) = %+v", v, whole, sc)
			}
			if whole && sc.step != math.Trunc(sc.step) {
				t.Fatalf("fitScale(%v, true) has step %v", v, sc.step)
			}
		}
	}
}

func TestDurationScale(t *testing.T) {
	sc := fitDurationScale(2, 3*24*60+40)
	var labels []string
	for _, tk := range sc.ticks() {
		labels = append(labels, tk.label)
	}
	if got, want := strings.Join(labels, " "), "1m 5m 15m 1h 4h 1d 3d 7d"; got != want {
		t.Errorf("ticks %q, want %q", got, want)
	}
	if a, b := sc.at(2), sc.at(3*24*60+40); a <= 0 || b >= 1 || a >= b {
		t.Errorf("at(2m) = %v, at(3d 40m) = %v", a, b)
	}
	if one := fitDurationScale(10, 10); len(one.ticks()) < 2 {
		t.Errorf("a single value gets %d grid lines", len(one.ticks()))
	}
}

const chartsKB = `
-- kb.yaml --
title: Charts
-- postmortems/a.md --
---
title: January outage
date: 2026-01-10
severity: SEV1
started: 2026-01-10T10:00:00Z
detected: 2026-01-10T10:02:00Z
resolved: 2026-01-13T10:40:00Z
---
## Action items
- [ ] Add an alert on queue age (owner: @ana, due: 2026-02-01)
- [x] Page on queue age — owner: @ana, due: 2026-01-20, done: 2026-01-18
-- postmortems/b.md --
---
title: March slowdown
date: 2026-03-05
severity: SEV2
started: 2026-03-05T10:00:00Z
detected: 2026-03-05T10:30:00Z
resolved: 2026-03-05T12:00:00Z
---
Body.
-- postmortems/c.md --
---
title: March error spike
date: 2026-03-20
severity: SEV3
---
Body.
`

// TestChartsShareOneMonthAxis checks that every chart over time on the
// trends page draws the same months at the same places, February
// included though nothing happened in it, and that every chart names
// what its axes measure.
func TestChartsShareOneMonthAxis(t *testing.T) {
	out := buildKB(t, chartsKB, Options{})
	data, err := os.ReadFile(filepath.Join(out, "trends", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	charts := strings.Split(string(data), `<div class="chart-box"`)[1:]
	month := regexp.MustCompile(`<text class="tick" x="([0-9.]+)" y="[0-9.]+" text-anchor="middle">(\d{4}-\d\d)</text>`)
	var axes []string
	for _, c := range charts {
		c = c[:strings.Index(c, "</svg>")]
		if !strings.Contains(c, `class="axis-title"`) {
			t.Errorf("a chart has no axis title: %.120s", c)
		}
		if !strings.Contains(c, ">Month</text>") {
			continue
		}
		var axis []string
		for _, m := range month.FindAllStringSubmatch(c, -1) {
			axis = append(axis, m[2]+"@"+m[1])
		}
		axes = append(axes, strings.Join(axis, " "))
	}
	// By month by severity, detect, resolve, action items.
	if len(axes) != 4 {
		t.Fatalf("%d charts over months, want 4", len(axes))
	}
	for i, a := range axes {
		if a != axes[0] {
			t.Errorf("chart %d has months %q, the first %q", i, a, axes[0])
		}
	}
	if !strings.Contains(axes[0], "2026-02@") || strings.Count(axes[0], "@") != 3 {
		t.Errorf("months %q, want 2026-01 to 2026-03", axes[0])
	}
	for _, want := range []string{
		">Time to detect (log scale)</text>", ">Time to resolve (log scale)</text>", ">Incidents</text>", ">Action items</text>", ">Runbooks</text>",
		`fill="url(#sev-pattern-1)"`, `fill="url(#sev-pattern-2)"`, `<pattern id="sev-pattern-1"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("trends page lacks %s", want)
		}
	}
}

// TestSeveritiesDifferByMoreThanColour checks that no two of the first
// four severities share a fill and that each after the first is a pattern.
func TestSeveritiesDifferByMoreThanColour(t *testing.T) {
	defs, look := severityLooks("p")
	seen := map[string]bool{}
	for i := range 4 {
		s := look(i)
		if seen[s.fill()] {
			t.Errorf("severity %d fills like another: %s", i, s.fill())
		}
		seen[s.fill()] = true
		if i > 0 && (s.pattern == "" || !strings.Contains(defs, `id="`+s.pattern+`"`)) {
			t.Errorf("severity %d has no pattern of its own: %+v", i, s)
		}
	}
	if look(7) != look(3) {
		t.Errorf("the eighth severity looks like %+v, want the fourth's", look(7))
	}
}

// TestLineBreaksAtEmptyMonths checks that a line chart joins only months
// next to each other that both have a value: a month with none breaks the
// line, and a lone month is a point without a line.
func TestLineBreaksAtEmptyMonths(t *testing.T) {
	nan := math.NaN()
	months := []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"}
	svg := string(lineChart("T", "U", months, []string{"median", "p90"},
		[][]float64{{1, nan, 2, 3, nan, 4}, {nan, nan, nan, nan, nan, 5}}, fitScale(5, false), formatTick))
	lines := regexp.MustCompile(`<polyline class="line (s\d)[^"]*" points="([^"]*)"`).FindAllStringSubmatch(svg, -1)
	if len(lines) != 1 || lines[0][1] != "s0" || len(strings.Fields(lines[0][2])) != 2 {
		t.Errorf("lines %q, want one of the median's 2026-03 and 2026-04", lines)
	}
	if n := strings.Count(svg, `<circle class="s0"`); n != 4 {
		t.Errorf("%d median points, want 4", n)
	}
	if n := strings.Count(svg, `<circle class="s1"`); n != 1 {
		t.Errorf("%d p90 points, want 1", n)
	}
}
