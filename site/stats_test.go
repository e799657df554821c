package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/internal/kbtest"
)

// statsKB loads testdata/stats/kb.txtar, whose figures the tests below
// work out by hand.
func statsKB(t *testing.T) *content.KB {
	t.Helper()
	archive, err := os.ReadFile("testdata/stats/kb.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	kbtest.WriteTree(t, dir, string(archive))
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

var statsToday = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

func rate(v float64) *float64 { return &v }

func span(n int, median, p90 time.Duration) Span {
	return Span{Count: n, MedianMinutes: median.Minutes(), P90Minutes: p90.Minutes(), Median: FormatDuration(median), P90: FormatDuration(p90)}
}

func TestStatsByHand(t *testing.T) {
	s := ComputeStats(statsKB(t), StatsOptions{Today: statsToday})
	want := Figures{
		Incidents:  3, // A, B and C; the undated postmortem is no incident
		BySeverity: map[string]int{"SEV1": 1, "SEV2": 2, "SEV3": 0},
		// Nearest rank: of two values the median is the first, p90 the second.
		TimeToDetect:  span(2, 10*time.Minute, 30*time.Minute),
		TimeToContain: span(2, 40*time.Minute, 60*time.Minute),
		TimeToResolve: span(2, 2*time.Hour, 2*time.Hour),
		BlastRadius: BlastRadius{Given: 2, UsersAffected: 20500, DataLost: 1, MultiRegion: 1,
			Users: map[string]int{"under 1,000": 1, "1,000 to 99,999": 1, "100,000 or more": 0, "not given": 1}},
		// A: done, open past due; B: in progress, not due yet, won't do;
		// the undated postmortem's item counts too, and is overdue.
		Actions:  ActionFigures{Opened: 5, Done: 1, WontDo: 1, Open: 3, Overdue: 2, CompletionRate: rate(25)},
		Runbooks: &RunbookFigures{Total: 2, Fresh: 1, Never: 1},
	}
	if !reflect.DeepEqual(s.Total, want) {
		t.Errorf("total\n got %+v\nwant %+v", s.Total, want)
	}
	if s.Today != "2026-05-01" || s.Since != "" || s.Until != "" || !reflect.DeepEqual(s.Severities, []string{"SEV1", "SEV2", "SEV3"}) {
		t.Errorf("header: today %q since %q until %q severities %v", s.Today, s.Since, s.Until, s.Severities)
	}
	wantRec := []Recurrence{{Kind: "factor", Name: "No-Alert", Incidents: 2, Latest: []string{"/postmortems/2026-02-20-b/", "/postmortems/2026-01-10-a/"}}}
	if !reflect.DeepEqual(s.Recurring, wantRec) {
		t.Errorf("recurring %+v, want %+v", s.Recurring, wantRec)
	}
}

func TestStatsGroups(t *testing.T) {
	s := ComputeStats(statsKB(t), StatsOptions{Today: statsToday, By: StatsGroupings})
	type row struct {
		key                     string
		incidents, opened, late int
		runbooks                int // -1: no runbook figures
	}
	rows := func(by string) []row {
		var out []row
		for _, g := range s.By[by] {
			r := row{key: g.Key, incidents: g.Incidents, opened: g.Actions.Opened, late: g.Actions.Overdue, runbooks: -1}
			if g.Runbooks != nil {
				r.runbooks = g.Runbooks.Total
			}
			out = append(out, r)
		}
		return out
	}
	for _, c := range []struct {
		by   string
		want []row
	}{
		// An incident counts in each of its services, with its items.
		{"service", []row{{"api", 2, 4, 1, 1}, {"db", 2, 2, 1, 1}}},
		{"severity", []row{{"SEV1", 1, 2, 1, -1}, {"SEV2", 2, 2, 0, -1}, {"SEV3", 0, 0, 0, -1}}},
		{"month", []row{{"2026-01", 1, 2, 1, -1}, {"2026-02", 1, 2, 0, -1}, {"2026-04", 1, 0, 0, -1}}},
		{"quarter", []row{{"2026-Q1", 2, 4, 1, -1}, {"2026-Q2", 1, 0, 0, -1}}},
		// Incidents by commander, items by their owner, runbooks by theirs.
		{"owner", []row{{"(no incident commander)", 1, 0, 0, 0}, {"alice", 1, 0, 0, 1}, {"bob", 1, 2, 0, 1}, {"carol", 0, 2, 1, 0}, {"dave", 0, 1, 1, 0}}},
	} {
		if got := rows(c.by); !reflect.DeepEqual(got, c.want) {
			t.Errorf("by %s\n got %+v\nwant %+v", c.by, got, c.want)
		}
	}
}

func TestStatsWindow(t *testing.T) {
	kb := statsKB(t)
	since := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	s := ComputeStats(kb, StatsOptions{Today: statsToday, Since: since})
	// B and C; the undated postmortem cannot be placed in the window.
	if s.Total.Incidents != 2 || s.Total.Actions.Opened != 2 || s.Total.Actions.WontDo != 1 || *s.Total.Actions.CompletionRate != 0 {
		t.Errorf("since 2026-02-01: %+v", s.Total)
	}
	if len(s.Recurring) != 0 {
		t.Errorf("recurring in the window: %+v", s.Recurring)
	}
	until := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC) // the day of B, included
	s = ComputeStats(kb, StatsOptions{Today: statsToday, Since: since, Until: until})
	if s.Total.Incidents != 1 || s.Since != "2026-02-01" || s.Until != "2026-02-20" {
		t.Errorf("2026-02-01 to 2026-02-20: %d incidents, since %q until %q", s.Total.Incidents, s.Since, s.Until)
	}
	s = ComputeStats(kb, StatsOptions{Today: statsToday, Until: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)})
	if s.Total.Incidents != 0 || s.Total.Actions.CompletionRate != nil || s.Total.TimeToDetect.Median != "–" {
		t.Errorf("before every incident: %+v", s.Total)
	}
}

func TestStatsJSONShape(t *testing.T) {
	s := ComputeStats(statsKB(t), StatsOptions{Today: statsToday, By: []string{"severity"}})
	var b bytes.Buffer
	if err := WriteStats(&b, "json", s); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	keys := func(m any) []string {
		var out []string
		for k := range m.(map[string]any) {
			out = append(out, k)
		}
		return sorted(out)
	}
	if want := []string{"by", "recurring", "severities", "today", "total"}; !reflect.DeepEqual(keys(got), want) {
		t.Errorf("top-level keys %v, want %v", keys(got), want)
	}
	total := got["total"].(map[string]any)
	if want := []string{"actions", "blast_radius", "by_severity", "incidents", "runbooks", "time_to_contain", "time_to_detect", "time_to_resolve"}; !reflect.DeepEqual(keys(total), want) {
		t.Errorf("total keys %v, want %v", keys(total), want)
	}
	if want := []string{"count", "median", "median_minutes", "p90", "p90_minutes"}; !reflect.DeepEqual(keys(total["time_to_detect"]), want) {
		t.Errorf("span keys %v, want %v", keys(total["time_to_detect"]), want)
	}
	if want := []string{"completion_rate", "done", "open", "opened", "overdue", "wont_do"}; !reflect.DeepEqual(keys(total["actions"]), want) {
		t.Errorf("action keys %v, want %v", keys(total["actions"]), want)
	}
	sev := got["by"].(map[string]any)["severity"].([]any)[0].(map[string]any)
	if sev["key"] != "SEV1" || sev["incidents"] != 1.0 {
		t.Errorf("first severity group %v", sev)
	}
	if _, ok := sev["runbooks"]; ok {
		t.Errorf("a severity group has runbook figures: %v", sev)
	}
	if d := total["time_to_detect"].(map[string]any); d["median_minutes"] != 10.0 || d["p90"] != "30m" {
		t.Errorf("time to detect %v", d)
	}
}

func TestStatsCSVShape(t *testing.T) {
	s := ComputeStats(statsKB(t), StatsOptions{Today: statsToday, By: []string{"service", "month"}})
	var b bytes.Buffer
	if err := WriteStats(&b, "csv", s); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	if len(recs) != 1+1+2+3 {
		t.Fatalf("%d rows, want a header, the total, 2 services and 3 months:\n%v", len(recs), recs)
	}
	col := func(rec []string, name string) string {
		for i, h := range head {
			if h == name {
				return rec[i]
			}
		}
		t.Fatalf("no column %q in %v", name, head)
		return ""
	}
	for _, r := range recs[1:] {
		if len(r) != len(head) {
			t.Errorf("row %v has %d fields, the header %d", r, len(r), len(head))
		}
	}
	total, api, april := recs[1], recs[2], recs[6]
	for _, c := range []struct {
		rec        []string
		name, want string
	}{
		{total, "by", "total"}, {total, "incidents", "3"}, {total, "severity_SEV2", "2"},
		{total, "time_to_contain_median_minutes", "40"}, {total, "time_to_resolve_p90_minutes", "120"},
		{total, "users_affected", "20500"}, {total, "actions_overdue", "2"}, {total, "actions_completion_rate", "25"},
		{total, "runbooks_never", "1"},
		{api, "by", "service"}, {api, "key", "api"}, {api, "incidents", "2"}, {api, "runbooks", "1"},
		{april, "key", "2026-04"}, {april, "time_to_detect_count", "0"}, {april, "time_to_detect_median_minutes", ""},
		{april, "actions_completion_rate", ""}, {april, "runbooks", ""},
	} {
		if got := col(c.rec, c.name); got != c.want {
			t.Errorf("%s %s: %s = %q, want %q", c.rec[0], c.rec[1], c.name, got, c.want)
		}
	}
}

func TestStatsTable(t *testing.T) {
	s := ComputeStats(statsKB(t), StatsOptions{Today: statsToday, By: []string{"severity"}})
	var b bytes.Buffer
	if err := WriteStats(&b, "table", s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"all incidents, as of 2026-05-01", "10m / 30m", "40m / 1h 0m", "1/4 (25%)", "severity SEV2", "factor No-Alert: 2 incidents"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
