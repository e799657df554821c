package content

import (
	"testing"
	"time"
)

// TestExampleKB checks that examples/acme, the demo and fixture of later
// work, is the KB it claims to be: loads clean, covers every severity, six
// or more services, every postmortem field and all three action-item forms,
// with done, open and overdue items and runbooks in the default shape.
func TestExampleKB(t *testing.T) {
	kb, err := Load("../examples/acme")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range kb.Errors {
		t.Errorf("load error: %v", e)
	}
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	var pms, rbs int
	severities, services, forms, statuses := map[string]bool{}, map[string]bool{}, map[ActionForm]int{}, map[string]int{}
	overdue := 0
	var first, last time.Time
	for _, d := range kb.Docs {
		for _, e := range d.FieldErrors {
			t.Errorf("field error: %v", e)
		}
		switch d.Kind {
		case KindPostmortem:
			pms++
			severities[d.Meta.Severity] = true
			for _, s := range d.Meta.Services {
				services[s] = true
			}
			if first.IsZero() || d.Date.Before(first) {
				first = d.Date.Time
			}
			if d.Date.After(last) {
				last = d.Date.Time
			}
			for _, k := range []string{"title", "date", "severity", "status", "services", "tags", "authors", "incident_commander",
				"started", "detected", "mitigated", "resolved", "contributing_factors", "insight", "guardrails", "runbooks"} {
				if _, ok := d.KeyPos(k); !ok {
					t.Errorf("%s lacks %s", d.Path, k)
				}
			}
			if _, ok := d.TimeToResolve(); !ok {
				t.Errorf("%s: no time to resolve", d.Path)
			}
			if len(d.Actions) == 0 || len(d.Timeline) == 0 {
				t.Errorf("%s: %d action items, %d timeline entries", d.Path, len(d.Actions), len(d.Timeline))
			}
			for _, a := range d.Actions {
				forms[a.Form]++
				statuses[a.Status]++
				if a.Owner == "" || a.Due.IsZero() {
					t.Errorf("%v: action %q lacks an owner or a due date", a.Pos, a.What)
				}
				if a.Open() && a.Due.Before(today) {
					overdue++
				}
			}
		case KindRunbook:
			rbs++
			var titles []string
			for _, s := range d.Sections {
				titles = append(titles, s.Title)
			}
			want := []string{"Trigger", "Checks", "Actions", "Decision points", "Rollback", "Validation"}
			if len(titles) < len(want) {
				t.Errorf("%s sections %v", d.Path, titles)
				continue
			}
			for i, w := range want {
				if titles[i] != w {
					t.Errorf("%s sections %v, want %v first", d.Path, titles, want)
					break
				}
			}
		}
	}
	if pms < 12 || rbs < 8 {
		t.Errorf("%d postmortems and %d runbooks, want at least 12 and 8", pms, rbs)
	}
	if len(severities) != 4 || len(services) < 6 {
		t.Errorf("severities %v, services %v", severities, services)
	}
	if span := last.Sub(first); span < 17*30*24*time.Hour {
		t.Errorf("postmortems span %v, want about 18 months", span)
	}
	if forms[FormFrontMatter] == 0 || forms[FormTable] == 0 || forms[FormTaskList] == 0 {
		t.Errorf("action forms %v, want all three", forms)
	}
	if statuses[StatusDone] == 0 || statuses[StatusOpen] == 0 || overdue == 0 {
		t.Errorf("statuses %v, overdue %d", statuses, overdue)
	}
	t.Logf("%d postmortems, %d runbooks, forms %v, statuses %v, %d overdue on %s", pms, rbs, forms, statuses, overdue, today.Format("2006-01-02"))
}
