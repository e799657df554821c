package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestStatsCommand(t *testing.T) {
	code, out, errOut := kbRun(t, "stats", "--dir", "../../examples/acme", "--today", "2026-11-21", "--by", "severity,quarter", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s struct {
		Today string `json:"today"`
		Total struct {
			Incidents int `json:"incidents"`
		} `json:"total"`
		By map[string][]struct {
			Key       string `json:"key"`
			Incidents int    `json:"incidents"`
		} `json:"by"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, g := range s.By["severity"] {
		sum += g.Incidents
	}
	if s.Today != "2026-11-21" || s.Total.Incidents != 14 || sum != 14 || len(s.By["quarter"]) == 0 {
		t.Errorf("kb stats --format json: today %s, %d incidents, %d by severity, %d quarters", s.Today, s.Total.Incidents, sum, len(s.By["quarter"]))
	}

	code, out, errOut = kbRun(t, "stats", "--dir", "../../examples/acme", "--since", "2026-01-01", "--format", "csv")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][0] != "total" || recs[1][2] != "9" {
		t.Errorf("kb stats --since 2026-01-01 --format csv: %v %v (the example has 9 incidents in 2026)", recs, err)
	}

	code, out, _ = kbRun(t, "stats", "--dir", "../../examples/acme", "--today", "2026-11-21")
	if code != 0 || !strings.Contains(out, "all incidents, as of 2026-11-21") || !strings.Contains(out, "contain p50/p90") {
		t.Errorf("kb stats: exit %d\n%s", code, out)
	}

	for _, args := range [][]string{
		{"--by", "team"}, {"--format", "xml"}, {"--since", "2026-13-01"}, {"--since", "2026-06-01", "--until", "2026-01-01"}, {"extra"},
	} {
		code, _, errOut := kbRun(t, append([]string{"stats", "--dir", "../../examples/acme"}, args...)...)
		if code != 2 || !strings.Contains(errOut, "kb stats") {
			t.Errorf("kb stats %v: exit %d, want 2 with a line that says why: %q", args, code, errOut)
		}
	}
}
