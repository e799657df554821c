package site

import (
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

func TestRecurrenceKeepsTheNewestIncidents(t *testing.T) {
	var pages []*page
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 7 {
		pages = append(pages, &page{Title: string(rune('a' + i)), Doc: &content.Doc{Date: content.At(day.AddDate(0, 0, 10*i))}})
	}
	for _, c := range []struct {
		n           int
		want        string
		count, more int
	}{
		{2, "ba", 2, 0},
		{5, "edcba", 5, 0},
		{7, "gfedc", 7, 2},
	} {
		r := newRecurrence("tag", "cache", within90Days(pages[:c.n], pageDoc))
		got := ""
		for _, p := range r.Latest {
			got += p.Title
		}
		if got != c.want || r.Count != c.count || r.More != c.more {
			t.Errorf("%d incidents: latest %q, count %d, more %d; want %q, %d, %d", c.n, got, r.Count, r.More, c.want, c.count, c.more)
		}
	}
}

// TestMonthlyChartKeepsItsLastTwentyYears checks that a KB spanning more
// than the chart's twenty years shows the latest months, each incident in
// its own month, and leaves the older ones out rather than in the first
// bar.
func TestMonthlyChartKeepsItsLastTwentyYears(t *testing.T) {
	at := func(y int, m time.Month) *page {
		return &page{Doc: &content.Doc{Date: content.At(time.Date(y, m, 15, 0, 0, 0, 0, time.UTC)), Meta: content.Meta{Severity: "SEV1"}}}
	}
	tr := &trends{Severities: []string{"SEV1"}}
	tr.monthly([]*page{at(1995, 3), at(2020, 5), at(2026, 10)})
	if len(tr.Months) != maxMonths || tr.Months[0] != "2006-11" || tr.Months[len(tr.Months)-1] != "2026-10" {
		t.Fatalf("%d months from %s to %s", len(tr.Months), tr.Months[0], tr.Months[len(tr.Months)-1])
	}
	counts := map[string]int{}
	for i, m := range tr.Months {
		if n := tr.BySeverity[i][0]; n > 0 {
			counts[m] = n
		}
	}
	if len(counts) != 2 || counts["2020-05"] != 1 || counts["2026-10"] != 1 {
		t.Errorf("incidents by month %v, want one in 2020-05 and one in 2026-10", counts)
	}
	if !strings.HasPrefix(tr.MonthlySum, "2 incidents from 2006-11 to 2026-10") {
		t.Errorf("summary %q", tr.MonthlySum)
	}
}
