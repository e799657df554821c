package site

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Charts are inline SVG drawn here: no script, stylesheet or font from
// elsewhere, so the site works offline and under a strict
// Content-Security-Policy. Colours come from CSS classes (s0, s1, …) so
// that light and dark themes both apply. Every chart is paired with its
// data table on the page.
//
// A chart has a title, a legend above the plot, a value axis fitted to the
// data with round ticks and a title naming its unit, and, for charts over
// time, one month axis: every chart over time is drawn over the same
// months, so that a bar of one lies under the point of another.

const (
	chartW  = 720
	chartH  = 280
	marginL = 64
	marginR = 12
	marginT = 30
	marginB = 50
)

type svgWriter struct{ strings.Builder }

func (w *svgWriter) f(format string, args ...any) { fmt.Fprintf(&w.Builder, format, args...) }

func esc(s string) string { return template.HTMLEscapeString(s) }

// open begins a chart in a box of its own, which scrolls sideways on a
// narrow screen rather than shrink the chart's text (and so takes focus).
func (w *svgWriter) open(title string, height int) {
	w.f(`<div class="chart-box" tabindex="0"><svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`,
		chartW, height, esc(title), esc(title))
}

// close ends the chart that open began.
func (w *svgWriter) close() { w.WriteString(`</svg></div>`) }

// scale is a value axis from 0 to top with a grid line every step.
type scale struct{ top, step float64 }

// fitScale returns the axis that holds highest in at most five steps of
// 1, 2, 2.5 or 5 times a power of ten, the smallest such step: the top
// stays within a step of the data. whole keeps to whole-number steps, for
// counts.
func fitScale(highest float64, whole bool) scale {
	if !(highest > 0) || math.IsInf(highest, 0) {
		return scale{top: 1, step: 1}
	}
	mag := math.Pow(10, math.Floor(math.Log10(highest/5)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step := m * mag
		if whole && (step < 1 || step != math.Trunc(step)) {
			continue
		}
		if n := math.Ceil(highest/step - 1e-9); n <= 5 {
			return scale{top: math.Max(n, 1) * step, step: step}
		}
	}
	return scale{top: 10 * mag * math.Ceil(highest/(10*mag)), step: 10 * mag}
}

// formatTick writes a tick value with no more decimals than it needs.
func formatTick(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}

// valueScale places values along a value axis and names its grid lines.
type valueScale interface {
	// at returns where v lies, from 0 at the bottom to 1 at the top.
	at(v float64) float64
	// ticks returns the values of the grid lines and their labels.
	ticks() []tick
}

// tick is a grid line of a value axis.
type tick struct {
	v     float64
	label string
}

func (s scale) at(v float64) float64 { return v / s.top }

func (s scale) ticks() []tick {
	var out []tick
	for v := 0.0; v <= s.top+s.step/2; v += s.step {
		out = append(out, tick{v, formatTick(v)})
	}
	return out
}

// plot is the drawing area of a chart with a value axis.
type plot struct {
	height int
	sc     valueScale
	slots  int // categories along the x axis
}

func (p plot) bottom() float64 { return float64(p.height - marginB) }
func (p plot) plotH() float64  { return float64(p.height - marginT - marginB) }
func (p plot) slot() float64   { return float64(chartW-marginL-marginR) / float64(p.slots) }

// y returns the vertical position of value v.
func (p plot) y(v float64) float64 { return p.bottom() - p.plotH()*p.sc.at(v) }

// x returns the horizontal centre of category i.
func (p plot) x(i int) float64 { return float64(marginL) + p.slot()*(float64(i)+0.5) }

// valueAxis draws the grid lines and their values, and the axis title
// turned along the axis.
func (w *svgWriter) valueAxis(p plot, title string) {
	for _, t := range p.sc.ticks() {
		y := p.y(t.v)
		w.f(`<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, marginL, y, chartW-marginR, y)
		w.f(`<text class="tick" x="%d" y="%.1f" text-anchor="end">%s</text>`, marginL-6, y+4, esc(t.label))
	}
	mid := float64(marginT) + p.plotH()/2
	w.f(`<text class="axis-title" x="%.1f" y="16" transform="rotate(-90)" text-anchor="middle">%s</text>`, -mid, esc(title))
}

// monthAxis writes the months under the plot: a label every one, two,
// three, six or twelve months, on months that start such a period (every
// quarter, every year), and the axis title.
func (w *svgWriter) monthAxis(p plot, months []string) {
	step := 1
	for _, s := range []int{1, 2, 3, 6, 12, 24, 60} {
		step = s
		if len(months)/s <= 12 {
			break
		}
	}
	for i, m := range months {
		if monthNumber(m)%step != 0 && step > 1 {
			continue
		}
		w.f(`<text class="tick" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, p.x(i), p.bottom()+18, esc(m))
	}
	w.f(`<text class="axis-title" x="%.1f" y="%d" text-anchor="middle">Month</text>`,
		float64(marginL)+float64(chartW-marginL-marginR)/2, p.height-8)
}

// monthNumber returns the months since the year 0 of a YYYY-MM month, so
// that n%3 == 0 falls on January, April, July and October.
func monthNumber(m string) int {
	y, err1 := strconv.Atoi(m[:min(4, len(m))])
	mo, err2 := strconv.Atoi(m[min(5, len(m)):])
	if err1 != nil || err2 != nil {
		return 0
	}
	return y*12 + mo - 1
}

// swatch is how one series looks: a CSS class, and the id of the pattern
// that fills it ("" for a plain fill).
type swatch struct {
	class, pattern string
}

// fill writes the attributes that fill a shape with the swatch.
func (s swatch) fill() string {
	if s.pattern != "" {
		return fmt.Sprintf(`class="pat" fill="url(#%s)"`, s.pattern)
	}
	return fmt.Sprintf(`class="%s"`, s.class)
}

// legend writes the series names above the plot, each after its swatch.
func (w *svgWriter) legend(names []string, look func(int) swatch) {
	x := marginL
	for i, n := range names {
		w.f(`<rect %s x="%d" y="6" width="12" height="12"/>`, look(i).fill(), x)
		w.f(`<text class="tick" x="%d" y="16">%s</text>`, x+16, esc(n))
		x += 28 + 7*len(n)
	}
}

// seriesLook is the swatch of the i-th series of a chart.
func seriesLook(i int) swatch { return swatch{class: fmt.Sprintf("s%d", i%6)} }

// truncate cuts s to n characters, the last an ellipsis, when it is
// longer. It looks at the first n characters only, however long s is.
func truncate(s string, n int) string {
	count, cut := 0, 0
	for i := range s {
		if count == n-1 {
			cut = i
		}
		if count == n {
			return s[:cut] + "…"
		}
		count++
	}
	return s
}
