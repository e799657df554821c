package site

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kb-tools/kb/content"
)

// trends are the figures of the trends page: each a chart, its data table
// and a sentence that says what it shows.
type trends struct {
	Months        []string // YYYY-MM, oldest first
	Severities    []string
	BySeverity    [][]int // [month][severity]
	MonthlyChart  template.HTML
	MonthlySum    string
	Services      []countRow
	ServicesChart template.HTML
	ServicesSum   string

	DurationMonths []durationRow // the months with incidents
	DetectChart    template.HTML
	ContainChart   template.HTML
	ResolveChart   template.HTML
	DurationSum    string

	ActionMonths   []actionMonth
	ActionsChart   template.HTML
	ActionsSum     string
	CompletionRate string
	OverdueByOwner []countRow
	OverdueTotal   int

	Recurring    []recurrence
	RecurringSum string

	// Blast is the incidents by users affected, in the bands of UserBands.
	Blast      []countRow
	BlastChart template.HTML
	BlastSum   string

	Freshness    []countRow
	FreshChart   template.HTML
	FreshnessSum string
}

// noOwner names the overdue items without an owner; it has no page.
const noOwner = "(no owner)"

// countRow is a name, a count and the page of the name ("" for none).
type countRow struct {
	Name  string
	Count int
	URL   string
}

// durationRow is a month's incidents and how long they took to detect and
// to resolve.
type durationRow struct {
	Month                     string
	Incidents                 int
	DetectMedian, DetectP90   string
	ContainMedian, ContainP90 string
	ResolveMedian, ResolveP90 string
	detect, contain, resolve  []time.Duration
}

type actionMonth struct {
	Month  string
	Opened int
	Done   int
}

// recurrence is a contributing factor or tag seen in two or more incidents
// within 90 days.
type recurrence struct {
	Kind string // "factor" or "tag"
	Name string
	// Count is the number of incidents within 90 days of another one;
	// Latest are the newest of them, newest first, and More the rest.
	Count  int
	Latest []*page
	More   int
}

// recurrenceLatest is how many incidents a recurring factor or tag lists.
const recurrenceLatest = 5

// computeTrends builds the trends of the postmortems and runbooks. A
// non-nil carry gives the sections of the last trends a change cannot
// have reached.
func computeTrends(sd *siteData, carry *trendsCarry) *trends {
	t := &trends{Severities: append([]string(nil), severitiesOf(sd)...)}
	pms := append([]*page(nil), sd.Postmortems...)
	sort.SliceStable(pms, func(i, j int) bool { return pms[i].Doc.Date.Before(pms[j].Doc.Date.Time) })
	var dated []*page
	for _, p := range pms {
		if p.Doc.Date.Set && charted(p.Doc, sd) {
			dated = append(dated, p)
		}
	}
	t.monthly(dated)
	services, durations, actions, recurring, freshness := carry.carryInto(t, sd)
	if !services {
		t.services(sd)
	}
	if !durations {
		t.durations(dated)
	}
	if !actions {
		t.actions(sd, dated)
	}
	if !recurring {
		t.recurring(dated)
	}
	if !freshness {
		t.freshness(sd)
	}
	t.blastRadius(dated)
	return t
}

func severitiesOf(sd *siteData) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range sd.Severities {
		seen[s.Name] = true
	}
	for _, s := range defaultSeverities(sd) {
		if seen[s] {
			out = append(out, s)
			delete(seen, s)
		}
	}
	var rest []string
	for s := range seen {
		rest = append(rest, s)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// defaultSeverities returns kb.yaml's severities, in order, as set on the
// site data by the builder.
func defaultSeverities(sd *siteData) []string { return sd.severityOrder }

func monthOf(t time.Time) string { return t.Format("2006-01") }

// maxMonths bounds the monthly chart to its last twenty years.
const maxMonths = 240

// monthRange lists the months from first to last, inclusive, or the last
// maxMonths of them.
func monthRange(first, last time.Time) []string {
	m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
	if span := (end.Year()-m.Year())*12 + int(end.Month()) - int(m.Month()); span >= maxMonths {
		m = end.AddDate(0, 1-maxMonths, 0)
	}
	var out []string
	for ; !m.After(end); m = m.AddDate(0, 1, 0) {
		out = append(out, monthOf(m))
	}
	return out
}

// monthIndex returns the place of each month on the charts' month axis.
func (t *trends) monthIndex() map[string]int {
	index := make(map[string]int, len(t.Months))
	for i, m := range t.Months {
		index[m] = i
	}
	return index
}

func (t *trends) monthly(dated []*page) {
	if len(dated) == 0 {
		t.MonthlySum = "No dated postmortems yet."
		return
	}
	t.Months = monthRange(dated[0].Doc.Date.Time, dated[len(dated)-1].Doc.Date.Time)
	index := t.monthIndex()
	sevIndex := map[string]int{}
	for i, s := range t.Severities {
		sevIndex[s] = i
	}
	t.BySeverity = make([][]int, len(t.Months))
	for i := range t.BySeverity {
		t.BySeverity[i] = make([]int, len(t.Severities))
	}
	shown := 0
	for _, p := range dated {
		m, inRange := index[monthOf(p.Doc.Date.Time)]
		if !inRange {
			continue // older than the chart's twenty years
		}
		shown++
		if s, ok := sevIndex[p.Doc.Meta.Severity]; ok {
			t.BySeverity[m][s]++
		}
	}
	busiest, most := "", 0
	for i, m := range t.Months {
		if n := sum(t.BySeverity[i]); n > most {
			busiest, most = m, n
		}
	}
	defs, look := severityLooks("sev-pattern-")
	t.MonthlyChart = barChart{title: "Incidents per month by severity", unit: "Incidents", months: t.Months,
		series: t.Severities, values: t.BySeverity, look: look, defs: defs}.stacked()
	t.MonthlySum = fmt.Sprintf("%d incidents from %s to %s", shown, t.Months[0], t.Months[len(t.Months)-1])
	if most > 1 {
		t.MonthlySum += fmt.Sprintf("; the busiest month was %s with %d.", busiest, most)
	} else {
		t.MonthlySum += "; no month had more than one."
	}
	if len(t.Severities) > 0 {
		top := 0
		for i := range t.Months {
			top += t.BySeverity[i][0]
		}
		t.MonthlySum += fmt.Sprintf(" %d of them were %s.", top, t.Severities[0])
	}
}

func sum[T int | float64](xs []T) T {
	var n T
	for _, x := range xs {
		n += x
	}
	return n
}

// charted reports whether a postmortem's date and incident times all lie
// in the KB's range of dates (or are not given). A year typed 1026 would
// stretch every axis over a thousand years: such a postmortem is left out
// of the charts, and lint reports the date; its page is still published.
func charted(d *content.Doc, sd *siteData) bool { return chartedIn(d, sd.dates, sd.Today) }

// chartedIn is charted with the KB's range of dates and the day it is
// judged on.
func chartedIn(d *content.Doc, dates content.DateRange, today time.Time) bool {
	m := d.Meta
	for _, t := range []content.Time{d.Date, m.Started, m.Detected, m.Mitigated, m.Resolved} {
		if t.Set && !dates.Contains(t.Time, today) {
			return false
		}
	}
	return true
}

func (t *trends) services(sd *siteData) {
	for _, s := range sd.Services {
		n := 0
		for _, p := range s.Pages {
			if p.IsPostmortem() && charted(p.Doc, sd) {
				n++
			}
		}
		if n > 0 {
			t.Services = append(t.Services, countRow{Name: s.Name, Count: n, URL: s.URL})
		}
	}
	sort.SliceStable(t.Services, func(i, j int) bool { return t.Services[i].Count > t.Services[j].Count })
	t.ServicesChart = horizontalBars("Incidents by service", "Incidents", t.Services, func(int) swatch { return seriesLook(0) })
	if len(t.Services) > 0 {
		t.ServicesSum = fmt.Sprintf("%s was involved in the most incidents (%d) of %d services.", t.Services[0].Name, t.Services[0].Count, len(t.Services))
	} else {
		t.ServicesSum = "No postmortem names its services yet."
	}
}

// durations finds the median and p90 times to detect and to resolve of
// each month's incidents, on the months of the monthly chart, and draws
// each in its own panel on a logarithmic axis.
func (t *trends) durations(dated []*page) {
	index := t.monthIndex()
	rows := make([]durationRow, len(t.Months))
	var allDetect, allContain, allResolve []time.Duration
	for _, p := range dated {
		i, ok := index[monthOf(p.Doc.Date.Time)]
		if !ok {
			continue
		}
		r := &rows[i]
		r.Incidents++
		r.detect = appendSpan(r.detect, p.Doc.TimeToDetect)
		r.contain = appendSpan(r.contain, p.Doc.TimeToContain)
		r.resolve = appendSpan(r.resolve, p.Doc.TimeToResolve)
		allDetect = appendSpan(allDetect, p.Doc.TimeToDetect)
		allContain = appendSpan(allContain, p.Doc.TimeToContain)
		allResolve = appendSpan(allResolve, p.Doc.TimeToResolve)
	}
	t.DurationMonths = nil
	for i, row := range rows {
		if row.Incidents == 0 {
			continue
		}
		row.Month = t.Months[i]
		row.DetectMedian, row.DetectP90 = percentileText(row.detect, 50), percentileText(row.detect, 90)
		row.ContainMedian, row.ContainP90 = percentileText(row.contain, 50), percentileText(row.contain, 90)
		row.ResolveMedian, row.ResolveP90 = percentileText(row.resolve, 50), percentileText(row.resolve, 90)
		t.DurationMonths = append(t.DurationMonths, row)
	}
	t.DetectChart = durationPanel("Time to detect", t.Months, rows, func(r durationRow) []time.Duration { return r.detect })
	t.ContainChart = durationPanel("Time to contain", t.Months, rows, func(r durationRow) []time.Duration { return r.contain })
	t.ResolveChart = durationPanel("Time to resolve", t.Months, rows, func(r durationRow) []time.Duration { return r.resolve })
	if len(allResolve) == 0 && len(allContain) == 0 {
		t.DurationSum = "No postmortem has started and resolved times yet."
		return
	}
	d, c, r := spanOf(allDetect), spanOf(allContain), spanOf(allResolve)
	t.DurationSum = fmt.Sprintf("Over all months the median time to detect is %s (p90 %s), to contain %s (p90 %s) and to resolve %s (p90 %s).",
		d.Median, d.P90, c.Median, c.P90, r.Median, r.P90)
}

// durationPanel draws the median and p90 of one span per month on a
// logarithmic axis; months without a value are passed over.
func durationPanel(name string, months []string, rows []durationRow, span func(durationRow) []time.Duration) template.HTML {
	series := [][]float64{make([]float64, len(rows)), make([]float64, len(rows))}
	least, most := math.Inf(1), 0.0
	for i, r := range rows {
		series[0][i], series[1][i] = math.NaN(), math.NaN()
		if ds := span(r); len(ds) > 0 {
			series[0][i] = minutes(percentile(ds, 50))
			series[1][i] = minutes(percentile(ds, 90))
			least, most = math.Min(least, series[0][i]), math.Max(most, series[1][i])
		}
	}
	if most == 0 {
		return ""
	}
	tip := func(v float64) string { return FormatDuration(time.Duration(v * float64(time.Minute))) }
	return lineChart(name+" per month: median and p90", name+" (log scale)", months, []string{"median", "p90"}, series,
		fitDurationScale(least, most), tip)
}

func minutes(d time.Duration) float64 { return d.Minutes() }

// percentile returns the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return sortedPercentile(s, p)
}

// sortedPercentile is percentile of a sorted, non-empty s.
func sortedPercentile(s []time.Duration, p int) time.Duration {
	rank := (p*len(s) + 99) / 100
	if rank < 1 {
		rank = 1
	}
	return s[rank-1]
}

func percentileText(ds []time.Duration, p int) string {
	if len(ds) == 0 {
		return "–"
	}
	return FormatDuration(percentile(ds, p))
}

func (t *trends) actions(sd *siteData, dated []*page) {
	index := t.monthIndex()
	byMonth := make([][]int, len(t.Months)) // [month]{opened, done}
	for i := range byMonth {
		byMonth[i] = make([]int, 2)
	}
	var count actionCount
	owners := map[string]int{}
	for _, a := range sd.Actions {
		count.add(&a.ActionItem, sd.Today)
		if a.Overdue {
			owner := a.Owner
			if owner == "" {
				owner = noOwner
			}
			owners[owner]++
		}
	}
	figures := count.figures()
	t.OverdueTotal = figures.Overdue
	for _, p := range dated {
		i, ok := index[monthOf(p.Doc.Date.Time)]
		if !ok {
			continue
		}
		for _, a := range p.Actions {
			byMonth[i][0]++
			if a.Status == content.StatusDone {
				byMonth[i][1]++
			}
		}
	}
	t.ActionMonths = nil
	for i, row := range byMonth {
		if row[0] > 0 {
			t.ActionMonths = append(t.ActionMonths, actionMonth{Month: t.Months[i], Opened: row[0], Done: row[1]})
		}
	}
	if len(t.ActionMonths) > 0 {
		t.ActionsChart = barChart{title: "Action items by month of their incident: opened, and done since", unit: "Action items",
			months: t.Months, series: []string{"opened", "done"}, values: byMonth, look: seriesLook}.grouped()
	}
	for o, n := range owners {
		row := countRow{Name: o, Count: n}
		if slug := content.Slug(o); slug != "" && o != noOwner {
			row.URL = "/owners/" + slug + "/"
		}
		t.OverdueByOwner = append(t.OverdueByOwner, row)
	}
	sort.SliceStable(t.OverdueByOwner, func(i, j int) bool {
		if t.OverdueByOwner[i].Count != t.OverdueByOwner[j].Count {
			return t.OverdueByOwner[i].Count > t.OverdueByOwner[j].Count
		}
		return t.OverdueByOwner[i].Name < t.OverdueByOwner[j].Name
	})
	if figures.CompletionRate == nil {
		t.CompletionRate = "–"
		t.ActionsSum = "No action items yet."
		return
	}
	t.CompletionRate = percentText(*figures.CompletionRate)
	t.ActionsSum = fmt.Sprintf("%d of %d action items are done (%s, items marked won't do left out); %d open items are past their due date.",
		figures.Done, figures.Opened-figures.WontDo, t.CompletionRate, t.OverdueTotal)
}

// recurring finds contributing factors and tags shared by two or more
// incidents within 90 days of each other.
func (t *trends) recurring(dated []*page) {
	for _, r := range recurrences(dated, pageDoc) {
		t.Recurring = append(t.Recurring, newRecurrence(r.kind, r.name, r.items))
	}
	factors := 0
	for _, r := range t.Recurring {
		if r.Kind == "factor" {
			factors++
		}
	}
	t.RecurringSum = fmt.Sprintf("%d contributing factors and %d tags came back within 90 days.", factors, len(t.Recurring)-factors)
}

// pageDoc is the document of a page.
func pageDoc(p *page) *content.Doc { return p.Doc }

// recurrenceOf is a contributing factor or tag and the incidents within 90
// days of another one that share it, oldest first.
type recurrenceOf[T any] struct {
	kind, name string
	items      []T
}

// recurrences finds the contributing factors and tags shared by two or
// more of the date-ordered incidents within 90 days of each other, the
// most frequent first, factors before tags on a tie.
func recurrences[T any](dated []T, doc func(T) *content.Doc) []recurrenceOf[T] {
	var out []recurrenceOf[T]
	for _, kind := range []string{"factor", "tag"} {
		byName := map[string][]T{}
		names := map[string]string{}
		for _, x := range dated {
			values := doc(x).Meta.Tags
			if kind == "factor" {
				values = doc(x).Meta.ContributingFactors
			}
			for _, v := range values {
				k := strings.ToLower(v)
				byName[k] = append(byName[k], x)
				names[k] = v
			}
		}
		var keys []string
		for k := range byName {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if items := within90Days(byName[k], doc); len(items) >= 2 {
				out = append(out, recurrenceOf[T]{kind: kind, name: names[k], items: items})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].items) > len(out[j].items) })
	return out
}

// newRecurrence keeps the newest of a date-ordered list of incidents.
func newRecurrence(kind, name string, pages []*page) recurrence {
	r := recurrence{Kind: kind, Name: name, Count: len(pages)}
	for i := len(pages) - 1; i >= 0 && len(r.Latest) < recurrenceLatest; i-- {
		r.Latest = append(r.Latest, pages[i])
	}
	r.More = r.Count - len(r.Latest)
	return r
}

// within90Days returns the incidents of a date-ordered list that lie
// within 90 days of another one: of the one before or the one after.
func within90Days[T any](items []T, doc func(T) *content.Doc) []T {
	const window = 90
	var out []T
	for i, x := range items {
		at := doc(x).Date.Time
		before := i > 0 && content.DaysBetween(doc(items[i-1]).Date.Time, at) <= window
		after := i+1 < len(items) && content.DaysBetween(at, doc(items[i+1]).Date.Time) <= window
		if before || after {
			out = append(out, x)
		}
	}
	return out
}

func (t *trends) freshness(sd *siteData) {
	counts := map[string]int{}
	for _, rb := range sd.Runbooks {
		counts[rb.Fresh.State]++
	}
	for _, s := range []struct{ state, name string }{{"fresh", "fresh"}, {"due", "review due"}, {"stale", "stale"}, {"never", "never drilled"}} {
		t.Freshness = append(t.Freshness, countRow{Name: s.name, Count: counts[s.state]})
	}
	t.FreshChart = horizontalBars("Runbooks by freshness", "Runbooks", t.Freshness, freshnessLook)
	if len(sd.Runbooks) == 0 {
		t.FreshnessSum = "No runbooks yet."
		return
	}
	n := sd.Tally
	t.FreshnessSum = fmt.Sprintf("%d of %d runbooks were reviewed and drilled within the last %d days; %d are to review or drill: %d stale, %d never drilled or never reviewed.",
		n.Fresh+n.Due, n.Runbooks, sd.staleDays, n.ToReview, n.Stale, n.Never)
}

// percentText writes a percentage with at most one decimal: "66.7%".
func percentText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }

// blastRadius counts the incidents by users affected.
func (t *trends) blastRadius(dated []*page) {
	docs := make([]*content.Doc, len(dated))
	for i, p := range dated {
		docs[i] = p.Doc
	}
	b := blastRadius(docs)
	t.Blast = nil
	for _, band := range UserBands {
		t.Blast = append(t.Blast, countRow{Name: band, Count: b.Users[band]})
	}
	t.BlastChart = horizontalBars("Incidents by users affected", "Incidents", t.Blast, func(int) swatch { return seriesLook(0) })
	if len(dated) == 0 {
		t.BlastSum = "No dated postmortems yet."
		return
	}
	t.BlastSum = fmt.Sprintf("%d of %d incidents say their impact; %s users were affected in all, %d incidents lost data and %d reached more than one region.",
		b.Given, len(dated), groupDigits(b.UsersAffected), b.DataLost, b.MultiRegion)
}
