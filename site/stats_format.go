package site

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// StatsFormats are the ways WriteStats can write the figures.
var StatsFormats = []string{"table", "json", "csv"}

// WriteStats writes s in one of StatsFormats.
func WriteStats(w io.Writer, format string, s *Stats) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	case "csv":
		return writeStatsCSV(w, s)
	case "table":
		return writeStatsTable(w, s)
	}
	return fmt.Errorf("unknown stats format %q", format)
}

// statsRow is a row of the table and the CSV: the total or a group.
type statsRow struct {
	by, key string
	f       *Figures
}

func (s *Stats) rows() []statsRow {
	rows := []statsRow{{by: "total", f: &s.Total}}
	for _, by := range StatsGroupings {
		for i := range s.By[by] {
			g := &s.By[by][i]
			rows = append(rows, statsRow{by: by, key: g.Key, f: &g.Figures})
		}
	}
	return rows
}

// statsCSVHeader names the CSV's columns; the severities stand between
// incidents and the durations, one column each.
func statsCSVHeader(severities []string) []string {
	head := []string{"by", "key", "incidents"}
	for _, s := range severities {
		head = append(head, "severity_"+s)
	}
	for _, span := range []string{"time_to_detect", "time_to_contain", "time_to_resolve"} {
		head = append(head, span+"_count", span+"_median_minutes", span+"_p90_minutes")
	}
	return append(head, "impact_given", "users_affected", "data_lost", "multi_region",
		"actions_opened", "actions_done", "actions_wont_do", "actions_open", "actions_overdue", "actions_completion_rate",
		"runbooks", "runbooks_fresh", "runbooks_due", "runbooks_stale", "runbooks_never")
}

// writeStatsCSV writes one row for the total and one for each group, the
// same columns for all; a figure that does not apply is empty.
func writeStatsCSV(w io.Writer, s *Stats) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(statsCSVHeader(s.Severities)); err != nil {
		return err
	}
	itoa := strconv.Itoa
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, r := range s.rows() {
		f := r.f
		rec := []string{r.by, r.key, itoa(f.Incidents)}
		for _, sev := range s.Severities {
			rec = append(rec, itoa(f.BySeverity[sev]))
		}
		for _, sp := range []Span{f.TimeToDetect, f.TimeToContain, f.TimeToResolve} {
			if sp.Count == 0 {
				rec = append(rec, "0", "", "")
				continue
			}
			rec = append(rec, itoa(sp.Count), num(sp.MedianMinutes), num(sp.P90Minutes))
		}
		b, a := f.BlastRadius, f.Actions
		rec = append(rec, itoa(b.Given), strconv.FormatInt(b.UsersAffected, 10), itoa(b.DataLost), itoa(b.MultiRegion),
			itoa(a.Opened), itoa(a.Done), itoa(a.WontDo), itoa(a.Open), itoa(a.Overdue), "")
		if a.CompletionRate != nil {
			rec[len(rec)-1] = num(*a.CompletionRate)
		}
		if rb := f.Runbooks; rb != nil {
			rec = append(rec, itoa(rb.Total), itoa(rb.Fresh), itoa(rb.Due), itoa(rb.Stale), itoa(rb.Never))
		} else {
			rec = append(rec, "", "", "", "", "")
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeStatsTable writes the figures for a terminal: a line of what they
// cover, a table with the total and the groups, then the recurring
// factors and tags.
func writeStatsTable(w io.Writer, s *Stats) error {
	span := "all incidents"
	if s.Since != "" || s.Until != "" {
		span = "incidents from " + orText(s.Since, "the first") + " to " + orText(s.Until, "the last")
	}
	fmt.Fprintf(w, "kb stats: %s, as of %s\n\n", span, s.Today)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"", "incidents"}
	head = append(head, s.Severities...)
	head = append(head, "detect p50/p90", "contain p50/p90", "resolve p50/p90", "users", "data lost", "actions done", "overdue", "runbooks stale/never")
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range s.rows() {
		f := r.f
		name := "total"
		if r.by != "total" {
			name = r.by + " " + r.key
		}
		cells := []string{name, strconv.Itoa(f.Incidents)}
		for _, sev := range s.Severities {
			cells = append(cells, strconv.Itoa(f.BySeverity[sev]))
		}
		for _, sp := range []Span{f.TimeToDetect, f.TimeToContain, f.TimeToResolve} {
			cells = append(cells, sp.Median+" / "+sp.P90)
		}
		cells = append(cells, usersCell(f.BlastRadius), strconv.Itoa(f.BlastRadius.DataLost), actionsCell(f.Actions), strconv.Itoa(f.Actions.Overdue))
		if rb := f.Runbooks; rb != nil {
			cells = append(cells, fmt.Sprintf("%d/%d of %d", rb.Stale, rb.Never, rb.Total))
		} else {
			cells = append(cells, "")
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(s.Recurring) > 0 {
		fmt.Fprintln(w, "\nrecurring within 90 days:")
		for _, r := range s.Recurring {
			fmt.Fprintf(w, "  %s %s: %d incidents\n", r.Kind, r.Name, r.Incidents)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// actionsCell is "63/79 (79.7%)": done of those not marked won't do.
func actionsCell(a ActionFigures) string {
	if a.CompletionRate == nil {
		return "–"
	}
	return fmt.Sprintf("%d/%d (%s)", a.Done, a.Opened-a.WontDo, percentText(*a.CompletionRate))
}

func orText(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// usersCell is the users affected in all, or "–" when no incident gives
// them.
func usersCell(b BlastRadius) string {
	if b.Users[UserBands[len(UserBands)-1]] == sumCounts(b.Users) {
		return "–"
	}
	return groupDigits(b.UsersAffected)
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
