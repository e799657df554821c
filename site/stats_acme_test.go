package site

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kb-tools/kb/content"
)

// TestTrendsAgreeWithStats builds examples/acme and reads the figures the
// trends page states back out of its sentences, to check them against
// ComputeStats (what kb stats prints), and /api/stats.json against it.
func TestTrendsAgreeWithStats(t *testing.T) {
	kb, err := content.Load("../examples/acme")
	if err != nil {
		t.Fatal(err)
	}
	out := buildDir(t, "../examples/acme", Options{NoGit: true})
	page, err := os.ReadFile(filepath.Join(out, "trends", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := html.UnescapeString(string(page))
	s := ComputeStats(kb, StatsOptions{Today: testToday, By: StatsGroupings})
	f := s.Total
	if f.Incidents < 10 || f.Actions.Opened < 20 || f.TimeToContain.Count < 10 {
		t.Fatalf("examples/acme has too little for the check to mean much: %+v", f)
	}
	for _, want := range []string{
		fmt.Sprintf("%d incidents from ", f.Incidents),
		fmt.Sprintf(" %d of them were %s.", f.BySeverity[s.Severities[0]], s.Severities[0]),
		fmt.Sprintf("the median time to detect is %s (p90 %s), to contain %s (p90 %s) and to resolve %s (p90 %s).",
			f.TimeToDetect.Median, f.TimeToDetect.P90, f.TimeToContain.Median, f.TimeToContain.P90, f.TimeToResolve.Median, f.TimeToResolve.P90),
		fmt.Sprintf("%d of %d action items are done (%s, items marked won't do left out); %d open items are past their due date.",
			f.Actions.Done, f.Actions.Opened-f.Actions.WontDo, percentText(*f.Actions.CompletionRate), f.Actions.Overdue),
		fmt.Sprintf("%d of %d incidents say their impact; %s users were affected in all, %d incidents lost data and %d reached more than one region.",
			f.BlastRadius.Given, f.Incidents, groupDigits(f.BlastRadius.UsersAffected), f.BlastRadius.DataLost, f.BlastRadius.MultiRegion),
		fmt.Sprintf("%d of %d runbooks were reviewed and drilled", f.Runbooks.Fresh+f.Runbooks.Due, f.Runbooks.Total),
		fmt.Sprintf("%d stale, %d never drilled", f.Runbooks.Stale, f.Runbooks.Never),
		fmt.Sprintf(`Overdue backlog <span class="count">%d</span>`, f.Actions.Overdue),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the trends page does not say %q", want)
		}
	}
	factors, tags := 0, 0
	for _, r := range s.Recurring {
		if r.Kind == "factor" {
			factors++
		} else {
			tags++
		}
	}
	if want := fmt.Sprintf("%d contributing factors and %d tags came back within 90 days.", factors, tags); !strings.Contains(text, want) {
		t.Errorf("the trends page does not say %q", want)
	}
	// The services table: each service's incidents, as kb stats --by
	// service counts them.
	rows := regexp.MustCompile(`<tr><td><a href="[^"]*">([^<]+)</a></td><td>(\d+)</td></tr>`).FindAllStringSubmatch(section(text, "by-service"), -1)
	want := map[string]string{}
	for _, g := range s.By["service"] {
		if g.Key != noService {
			want[g.Key] = fmt.Sprint(g.Incidents)
		}
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r[1]] = r[2]
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("services on the trends page %v, kb stats %v", got, want)
	}
	api, err := os.ReadFile(filepath.Join(out, "api", "stats.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fromAPI Stats
	if err := json.Unmarshal(api, &fromAPI); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&fromAPI, roundTrip(t, s)) {
		t.Errorf("/api/stats.json differs from ComputeStats")
	}
}

// section is the trends page's section of the id.
func section(page, id string) string {
	_, rest, _ := strings.Cut(page, `<section class="trend" id="`+id+`">`)
	s, _, _ := strings.Cut(rest, "</section>")
	return s
}

func roundTrip(t *testing.T, s *Stats) *Stats {
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out Stats
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}
