package site

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// barChart is a chart of bars over the months.
type barChart struct {
	title, unit string // the chart's title; the value axis title, with its unit
	months      []string
	series      []string
	values      [][]int // [month][series]
	look        func(int) swatch
	defs        string // patterns the swatches use
}

// stacked draws one bar per month, its series stacked.
func (c barChart) stacked() template.HTML {
	most := 0
	for _, row := range c.values {
		most = max(most, sum(row))
	}
	return c.draw(most, func(p plot, i, s, below int) (float64, float64, int) {
		return p.x(i) - p.slot()*0.35, p.slot() * 0.7, below
	})
}

// grouped draws the series side by side in each month.
func (c barChart) grouped() template.HTML {
	most := 0
	for _, row := range c.values {
		for _, v := range row {
			most = max(most, v)
		}
	}
	return c.draw(most, func(p plot, i, s, _ int) (float64, float64, int) {
		bar := p.slot() * 0.8 / float64(len(c.series))
		return p.x(i) - p.slot()*0.4 + bar*float64(s), bar, 0
	})
}

// draw writes the chart with a value axis that holds most, and a bar for
// each value other than 0: place gives its left edge, width and base for
// month i and series s, below being the sum of the month's values before
// it.
func (c barChart) draw(most int, place func(p plot, i, s, below int) (x, width float64, base int)) template.HTML {
	if len(c.months) == 0 {
		return ""
	}
	p := plot{height: chartH, sc: fitScale(float64(most), true), slots: len(c.months)}
	var w svgWriter
	w.open(c.title, chartH)
	w.WriteString(c.defs)
	w.valueAxis(p, c.unit)
	for i, row := range c.values {
		below := 0
		for s, v := range row {
			if v == 0 {
				continue
			}
			x, width, base := place(p, i, s, below)
			below += v
			y0, y1 := p.y(float64(base)), p.y(float64(base+v))
			w.f(`<rect %s x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s %s: %d</title></rect>`,
				c.look(s).fill(), x, y1, width, y0-y1, esc(c.months[i]), esc(c.series[s]), v)
		}
	}
	w.monthAxis(p, c.months)
	w.legend(c.series, c.look)
	w.close()
	return template.HTML(w.String())
}

// horizontalBars draws one labelled bar per row, its count at its end;
// look gives the swatch of each row and unit names what is counted.
func horizontalBars(title, unit string, rows []countRow, look func(int) swatch) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	const rowH, labelW = 24, 170
	height := 8 + rowH*len(rows) + 28
	var w svgWriter
	w.open(title, height)
	most := 1
	for _, r := range rows {
		most = max(most, r.Count)
	}
	plotW := float64(chartW - labelW - marginR - 40)
	for i, r := range rows {
		y := 8 + rowH*i
		wd := plotW * float64(r.Count) / float64(most)
		w.f(`<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+15, esc(truncate(r.Name, 24)))
		w.f(`<rect %s x="%d" y="%d" width="%.1f" height="%d"><title>%s: %d</title></rect>`, look(i).fill(), labelW, y+3, wd, rowH-6, esc(r.Name), r.Count)
		w.f(`<text class="tick" x="%.1f" y="%d">%d</text>`, float64(labelW)+wd+6, y+15, r.Count)
	}
	w.f(`<line class="grid" x1="%d" y1="%d" x2="%d" y2="%d"/>`, labelW, 6, labelW, 8+rowH*len(rows))
	w.f(`<text class="axis-title" x="%d" y="%d">%s</text>`, labelW, height-8, esc(unit))
	w.close()
	return template.HTML(w.String())
}

// lineChart draws each series as points over the months on the scale sc,
// joined by a line; a NaN value is a month with nothing to show, where the
// line breaks. Series after the first are dashed and thinner, with smaller
// points, so that they differ by more than colour and stay in sight where
// they meet the first. tip writes a value for the points' titles.
func lineChart(title, unit string, months, series []string, values [][]float64, sc valueScale, tip func(float64) string) template.HTML {
	if len(months) == 0 {
		return ""
	}
	p := plot{height: chartH, sc: sc, slots: len(months)}
	var w svgWriter
	w.open(title, chartH)
	w.valueAxis(p, unit)
	for s, vals := range values {
		dash := ""
		if s > 0 {
			dash = " dashed"
		}
		var run []string
		for i := 0; i <= len(vals); i++ {
			if i < len(vals) && !math.IsNaN(vals[i]) {
				run = append(run, fmt.Sprintf("%.1f,%.1f", p.x(i), p.y(vals[i])))
				continue
			}
			if len(run) > 1 {
				w.f(`<polyline class="line s%d%s" points="%s"/>`, s%6, dash, strings.Join(run, " "))
			}
			run = run[:0]
		}
		r := 4.5
		if s > 0 {
			r = 3
		}
		for i, v := range vals {
			if !math.IsNaN(v) {
				w.f(`<circle class="s%d" cx="%.1f" cy="%.1f" r="%.1f"><title>%s %s: %s</title></circle>`, s%6, p.x(i), p.y(v), r, esc(months[i]), esc(series[s]), esc(tip(v)))
			}
		}
	}
	w.monthAxis(p, months)
	w.lineLegend(series)
	w.close()
	return template.HTML(w.String())
}

// lineLegend writes the names of a line chart's series above the plot,
// each after a stroke of its line.
func (w *svgWriter) lineLegend(names []string) {
	x := marginL
	for i, n := range names {
		dash := ""
		if i > 0 {
			dash = " dashed"
		}
		w.f(`<line class="line s%d%s" x1="%d" y1="12" x2="%d" y2="12"/>`, i%6, dash, x, x+22)
		w.f(`<text class="tick" x="%d" y="16">%s</text>`, x+28, esc(n))
		x += 40 + 7*len(n)
	}
}
