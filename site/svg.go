package site

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Charts are inline SVG drawn here: no script, stylesheet or font from
// elsewhere, so the site works offline and under a strict
// Content-Security-Policy. Colours come from CSS classes (s0, s1, …) so
// that light and dark themes both apply. Every chart is paired with its
// data table on the page.

const (
	chartW  = 720
	chartH  = 260
	marginL = 44
	marginR = 12
	marginT = 16
	marginB = 46
)

type svgWriter struct{ strings.Builder }

func (w *svgWriter) f(format string, args ...any) { fmt.Fprintf(&w.Builder, format, args...) }

func esc(s string) string { return template.HTMLEscapeString(s) }

func (w *svgWriter) open(title string, height int) {
	w.f(`<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`,
		chartW, height, esc(title), esc(title))
}

// axis draws horizontal grid lines with their values, for a maximum of highest;
// counts get whole-number ticks.
func (w *svgWriter) axis(highest float64, height int, counts bool) float64 {
	top := niceMax(highest)
	if counts {
		top = 4 * math.Ceil(top/4) // whole numbers at every grid line
	}
	plotH := float64(height - marginT - marginB)
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		y := float64(height-marginB) - plotH*float64(i)/4
		w.f(`<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, marginL, y, chartW-marginR, y)
		w.f(`<text class="tick" x="%d" y="%.1f" text-anchor="end">%s</text>`, marginL-6, y+4, formatTick(v))
	}
	return top
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func formatTick(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// xLabels writes category labels under the plot, thinning them when
// there are many.
func (w *svgWriter) xLabels(labels []string, slot float64, height int) {
	step := 1
	for len(labels)/step > 16 {
		step++
	}
	for i := 0; i < len(labels); i += step {
		x := float64(marginL) + slot*(float64(i)+0.5)
		w.f(`<text class="tick" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x, height-marginB+16, esc(labels[i]))
	}
}

func (w *svgWriter) legend(names []string, height int) { w.legendWith(names, height, seriesClass) }

// seriesClass is the CSS class of the i-th series of a chart.
func seriesClass(i int) string { return fmt.Sprintf("s%d", i%6) }

func (w *svgWriter) legendWith(names []string, height int, class func(int) string) {
	x := marginL
	for i, n := range names {
		w.f(`<rect class="%s" x="%d" y="%d" width="10" height="10"/>`, class(i), x, height-14)
		w.f(`<text class="tick" x="%d" y="%d">%s</text>`, x+14, height-5, esc(n))
		x += 24 + 8*len(n)
	}
}

// stackedBars draws one bar per category, stacked by series; class names
// the CSS class of each series.
func stackedBars(title string, cats, series []string, values [][]int, class func(int) string) template.HTML {
	if len(cats) == 0 {
		return ""
	}
	var w svgWriter
	w.open(title, chartH)
	most := 0
	for _, row := range values {
		most = max(most, sum(row))
	}
	top := w.axis(float64(most), chartH, true)
	plotH := float64(chartH - marginT - marginB)
	slot := float64(chartW-marginL-marginR) / float64(len(cats))
	for i, row := range values {
		y := float64(chartH - marginB)
		for s, v := range row {
			if v == 0 {
				continue
			}
			h := plotH * float64(v) / top
			y -= h
			w.f(`<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s %s: %d</title></rect>`,
				class(s), float64(marginL)+slot*float64(i)+slot*0.15, y, slot*0.7, h, esc(cats[i]), esc(series[s]), v)
		}
	}
	w.xLabels(cats, slot, chartH)
	w.legendWith(series, chartH, class)
	w.WriteString(`</svg>`)
	return template.HTML(w.String())
}

// groupedBars draws the series side by side in each category.
func groupedBars(title string, cats, series []string, values [][]int) template.HTML {
	if len(cats) == 0 {
		return ""
	}
	var w svgWriter
	w.open(title, chartH)
	top := w.axis(float64(largest(values)), chartH, true)
	plotH := float64(chartH - marginT - marginB)
	slot := float64(chartW-marginL-marginR) / float64(len(cats))
	bar := slot * 0.8 / float64(len(series))
	for s, vals := range values {
		for i, v := range vals {
			h := plotH * float64(v) / top
			x := float64(marginL) + slot*float64(i) + slot*0.1 + bar*float64(s)
			w.f(`<rect class="s%d" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s %s: %d</title></rect>`,
				s%6, x, float64(chartH-marginB)-h, bar, h, esc(cats[i]), esc(series[s]), v)
		}
	}
	w.xLabels(cats, slot, chartH)
	w.legend(series, chartH)
	w.WriteString(`</svg>`)
	return template.HTML(w.String())
}

// horizontalBars draws one labelled bar per row.
func horizontalBars(title string, rows []countRow) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	const rowH, labelW = 22, 170
	height := marginT + rowH*len(rows) + 8
	var w svgWriter
	w.open(title, height)
	most := 1
	for _, r := range rows {
		most = max(most, r.Count)
	}
	plotW := float64(chartW - labelW - marginR - 40)
	for i, r := range rows {
		y := marginT + rowH*i
		wd := plotW * float64(r.Count) / float64(most)
		w.f(`<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+14, esc(truncate(r.Name, 24)))
		w.f(`<rect class="s0" x="%d" y="%d" width="%.1f" height="%d"><title>%s: %d</title></rect>`, labelW, y+3, wd, rowH-6, esc(r.Name), r.Count)
		w.f(`<text class="tick" x="%.1f" y="%d">%d</text>`, float64(labelW)+wd+6, y+14, r.Count)
	}
	w.WriteString(`</svg>`)
	return template.HTML(w.String())
}

// lineChart draws each series as a line with points over the categories.
func lineChart(title string, cats, series []string, values [][]float64) template.HTML {
	if len(cats) == 0 {
		return ""
	}
	var w svgWriter
	w.open(title, chartH)
	top := w.axis(largest(values), chartH, false)
	plotH := float64(chartH - marginT - marginB)
	slot := float64(chartW-marginL-marginR) / float64(len(cats))
	for s, vals := range values {
		var pts []string
		for i, v := range vals {
			x := float64(marginL) + slot*(float64(i)+0.5)
			y := float64(chartH-marginB) - plotH*v/top
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		w.f(`<polyline class="line s%d" points="%s"/>`, s%6, strings.Join(pts, " "))
		for i, v := range vals {
			x := float64(marginL) + slot*(float64(i)+0.5)
			y := float64(chartH-marginB) - plotH*v/top
			w.f(`<circle class="s%d" cx="%.1f" cy="%.1f" r="3"><title>%s %s: %.0f min</title></circle>`, s%6, x, y, esc(cats[i]), esc(series[s]), v)
		}
	}
	w.xLabels(cats, slot, chartH)
	w.legend(series, chartH)
	w.WriteString(`</svg>`)
	return template.HTML(w.String())
}

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

// largest returns the largest of the values of every series, or 0.
func largest[T int | float64](series [][]T) T {
	var most T
	for _, s := range series {
		for _, v := range s {
			most = max(most, v)
		}
	}
	return most
}
