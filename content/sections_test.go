package content

import (
	"slices"
	"testing"
)

func TestVocabularyHeadings(t *testing.T) {
	v := DefaultVocabulary()
	for _, tc := range []struct {
		heading string
		kind    SectionKind
		want    bool
	}{
		{"Action items", SectionActionItems, true},
		{"3. Action Items:", SectionActionItems, true},
		{"Follow-ups", SectionActionItems, true},
		{"Follow-up actions", SectionActionItems, true},
		{"Action Items / Follow-ups", SectionActionItems, true},
		{"Corrective and Preventative Measures", SectionActionItems, true},
		{"Corrective and preventive measures", SectionActionItems, true},
		{"Next steps", SectionActionItems, true},
		{"Actions", SectionActionItems, false}, // a runbook's steps
		{"Transactions", SectionActionItems, false},
		{"Actions", SectionSteps, true},
		{"Timeline", SectionTimeline, true},
		{"Timeline (all times PT)", SectionTimeline, true},
		{"Incident timeline", SectionTimeline, true},
		{"Chronology", SectionTimeline, true},
		{"Sequence of events", SectionTimeline, true},
		{"Timelines are hard", SectionTimeline, false},
		{"Contributing factors", SectionRootCause, true},
		{"Lessons learned", SectionLessons, true},
		{"Overview", SectionSummary, true},
		{"Overview", SectionMeaning, true},
		{"Summary", SectionImpact, false},
	} {
		if got := v.Is(tc.kind, tc.heading); got != tc.want {
			t.Errorf("Is(%s, %q) = %v, want %v", tc.kind, tc.heading, got, tc.want)
		}
	}
	if got := v.Set("Remediation"); !got.Has(SectionActionItems) || !got.Has(SectionSteps) || !got.Has(SectionMitigation) || got.Has(SectionSummary) {
		t.Errorf("Set(Remediation) = %+v, want action-items, steps and mitigation", got)
	}
}

func TestVocabularyShape(t *testing.T) {
	v := DefaultVocabulary()
	if got := v.Postmortem(); !slices.Equal(got, []SectionKind{SectionSummary, SectionImpact, SectionTimeline, SectionRootCause, SectionActionItems}) {
		t.Errorf("Postmortem() = %v", got)
	}
	if got := v.RunbookProfiles(); !slices.Equal(got, []string{"default", "prometheus"}) {
		t.Errorf("RunbookProfiles() = %v", got)
	}
	if got := v.Headings(SectionRootCause); got[0] != "Root cause" || !slices.Contains(got, "contributing factors") {
		t.Errorf("Headings(root-cause) = %v", got)
	}
	for _, k := range v.SectionKinds() {
		if v.Name(k) == "" || len(v.Headings(k)) == 0 {
			t.Errorf("kind %s has no name or headings", k)
		}
	}
}

func TestConfigSections(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		errsAt     string
		heading    string
		kind       SectionKind
		want       bool
	}{
		{"list", "sections:\n  action-items: [Things we will fix, Work items]\n", "", "Work items", SectionActionItems, true},
		{"one heading", "sections: {timeline: Log of events}\n", "", "Log of events", SectionTimeline, true},
		{"built-ins kept", "sections: {timeline: [Log]}\n", "", "Chronology", SectionTimeline, true},
		{"other kinds untouched", "sections: {timeline: [Log]}\n", "", "Log", SectionActionItems, false},
		{"unknown kind", "sections:\n  actions-items: [Fixes]\n  timeline: [Log]\n", "kb.yaml:2:3", "Log", SectionTimeline, true},
		{"not a list", "sections: {timeline: {a: b}}\n", "kb.yaml:1:22", "Timeline", SectionTimeline, true},
		{"not a mapping", "sections: [timeline]\n", "kb.yaml:1:11", "Timeline", SectionTimeline, true},
		{"empty heading", "sections: {timeline: ['']}\n", "kb.yaml:1:22", "Timeline", SectionTimeline, true},
		{"null", "sections:\n", "", "Timeline", SectionTimeline, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, errs := loadConfigText(t, tc.yaml)
			if got := configErrorsAt(t, errs); got != tc.errsAt {
				t.Errorf("errors at %q, want %q: %v", got, tc.errsAt, errs)
			}
			if got := cfg.Vocabulary().Is(tc.kind, tc.heading); got != tc.want {
				t.Errorf("Is(%s, %q) = %v, want %v", tc.kind, tc.heading, got, tc.want)
			}
		})
	}
	if DefaultVocabulary().Is(SectionActionItems, "Things we will fix") {
		t.Error("kb.yaml's headings leaked into the built-in vocabulary")
	}
}

// TestConfiguredHeadingsReadActions checks that content reads action items
// under a heading kb.yaml adds.
func TestConfiguredHeadingsReadActions(t *testing.T) {
	cfg, errs := loadConfigText(t, "sections: {action-items: [Things we will fix]}\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	src := "---\ntitle: x\n---\n## Things we will fix\n\n- [ ] Add an alert on replica lag, owner: @dba, due: 2026-03-01\n"
	doc, perrs := NewParser(&cfg).Parse("postmortems/x.md", []byte(src))
	if len(perrs) > 0 || len(doc.Actions) != 1 || doc.Actions[0].Owner != "dba" {
		t.Fatalf("actions %+v, errors %v", doc.Actions, perrs)
	}
	doc, _ = NewParser(&Config{}).Parse("postmortems/x.md", []byte(src))
	if len(doc.Actions) != 0 {
		t.Errorf("the built-in vocabulary read %+v", doc.Actions)
	}
}
