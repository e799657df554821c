package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadConfigText reads kb.yaml text as LoadConfig does.
func loadConfigText(t *testing.T, text string) (Config, []*Error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return LoadConfig(dir)
}

// configErrorsAt lists where the errors stand, checking their kind.
func configErrorsAt(t *testing.T, errs []*Error) string {
	t.Helper()
	var at []string
	for _, e := range errs {
		if e.Kind != ErrorConfig {
			t.Errorf("%v: kind %d, want ErrorConfig", e, e.Kind)
		}
		at = append(at, e.Pos.String())
	}
	return strings.Join(at, " ")
}

func TestConfigDates(t *testing.T) {
	def := DefaultDateRange()
	for _, tc := range []struct {
		name, yaml string
		errsAt     string
		earliest   string
		ahead      int
	}{
		{"default", "title: x\n", "", "1990-01-01", 365},
		{"set", "dates: {earliest: 2001-02-03, max_days_ahead: 30}\n", "", "2001-02-03", 30},
		{"block", "dates:\n  earliest: 1970-01-01\n  max_days_ahead: 0\n", "", "1970-01-01", 0},
		{"bad earliest", "dates: {earliest: soon, max_days_ahead: 10}\n", "kb.yaml:1:19", "1990-01-01", 10},
		{"list earliest", "dates:\n  earliest: [2001-01-01]\n", "kb.yaml:2:13", "1990-01-01", 365},
		{"negative ahead", "dates: {max_days_ahead: -1}\n", "kb.yaml:1:25", "1990-01-01", 365},
		{"fractional ahead", "dates: {max_days_ahead: 1.5}\n", "kb.yaml:1:25", "1990-01-01", 365},
		{"unknown key", "dates: {earlist: 2001-01-01}\n", "kb.yaml:1:9", "1990-01-01", 365},
		{"not a mapping", "dates: 2001-01-01\n", "kb.yaml:1:8", "1990-01-01", 365},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, errs := loadConfigText(t, tc.yaml)
			if got := configErrorsAt(t, errs); got != tc.errsAt {
				t.Errorf("errors at %q, want %q: %v", got, tc.errsAt, errs)
			}
			if got := cfg.Dates.Earliest.Format("2006-01-02"); got != tc.earliest || cfg.Dates.MaxDaysAhead != tc.ahead {
				t.Errorf("range %s +%d, want %s +%d (default %v)", got, cfg.Dates.MaxDaysAhead, tc.earliest, tc.ahead, def)
			}
		})
	}
}

func TestDateRangeContains(t *testing.T) {
	r := DefaultDateRange()
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		date string
		in   bool
	}{
		{"1026-01-15", false}, {"0000-01-01", false}, {"0001-01-01", false}, {"1989-12-31", false},
		{"1990-01-01", true}, {"2026-11-21", true}, {"2027-11-21", true}, {"2027-11-22", false}, {"9999-12-31", false},
	} {
		d, _ := time.Parse("2006-01-02", tc.date)
		if got := r.Contains(d, today); got != tc.in {
			t.Errorf("%s: in range %v, want %v", tc.date, got, tc.in)
		}
	}
}

// TestConfigValuesOutOfRange checks that each kb.yaml value kb cannot use
// is an error at the value, and that the default takes its place.
func TestConfigValuesOutOfRange(t *testing.T) {
	def := DefaultConfig()
	for _, tc := range []struct {
		name, yaml string
		errsAt     string
		check      func(Config) bool
	}{
		{"stale_days -1", "stale_days: -1\n", "kb.yaml:1:13", func(c Config) bool { return c.StaleDays == def.StaleDays }},
		{"stale_days 0", "stale_days: 0\n", "kb.yaml:1:13", func(c Config) bool { return c.StaleDays == def.StaleDays }},
		{"stale_days null", "stale_days:\n", "", func(c Config) bool { return c.StaleDays == def.StaleDays }},
		{"stale_days 90", "stale_days: 90\n", "", func(c Config) bool { return c.StaleDays == 90 }},
		{"stale_days words", "stale_days: ninety\n", "kb.yaml:1:13", func(c Config) bool { return c.StaleDays == def.StaleDays }},
		{"search off", "search: false\n", "", func(c Config) bool { return !c.Search }},
		{"search null", "search:\n", "", func(c Config) bool { return c.Search }},
		{"search words", "search: maybe\n", "kb.yaml:1:9", func(c Config) bool { return c.Search }},
		{"severities empty", "severities: []\n", "kb.yaml:1:13", func(c Config) bool { return strings.Join(c.Severities, ",") == "SEV1,SEV2,SEV3,SEV4" }},
		{"severities twice", "severities: [P1, P2, P1, P2]\n", "kb.yaml:1:22 kb.yaml:1:26", func(c Config) bool { return strings.Join(c.Severities, ",") == "P1,P2" }},
		{"severity empty", "severities:\n  - P1\n  - ''\n", "kb.yaml:3:5", func(c Config) bool { return strings.Join(c.Severities, ",") == "P1" }},
		{"severities null", "severities: ~\n", "", func(c Config) bool { return strings.Join(c.Severities, ",") == "SEV1,SEV2,SEV3,SEV4" }},
		{"bad glob", "kinds:\n  runbook: [\"[\", \"ops/**\"]\n", "kb.yaml:2:13", func(c Config) bool { return strings.Join(c.Kinds[KindRunbook], ",") == "ops/**" }},
		{"only a bad glob", "kinds: {postmortem: [\"pm/[a-\"]}\n", "kb.yaml:1:22", func(c Config) bool { return strings.Join(c.Kinds[KindPostmortem], ",") == "postmortems/**" }},
		{"bad glob in a segment", "kinds: {page: [\"docs/[/x.md\"]}\n", "kb.yaml:1:16", func(c Config) bool { return len(c.Kinds[KindPage]) == 0 }},
		{"unknown kind", "kinds: {incident: [\"inc/**\"]}\n", "kb.yaml:1:9", func(c Config) bool { _, ok := c.Kinds["incident"]; return !ok }},
		{"good globs", "kinds: {runbook: [\"**/runbooks/**\", \"RB-*.md\"]}\n", "", func(c Config) bool { return len(c.Kinds[KindRunbook]) == 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, errs := loadConfigText(t, tc.yaml)
			if got := configErrorsAt(t, errs); got != tc.errsAt {
				t.Errorf("errors at %q, want %q: %v", got, tc.errsAt, errs)
			}
			if !tc.check(cfg) {
				t.Errorf("config %+v", cfg)
			}
		})
	}
}

func TestConfigLimitCeilings(t *testing.T) {
	for _, tc := range []struct {
		name, yaml     string
		errsAt         string
		terms, actions int
	}{
		{"at the ceilings", "limits: {terms_per_document: 1000, actions_per_document: 1000}\n", "", 1000, 1000},
		{"terms past the ceiling", "limits: {terms_per_document: 1000000}\n", "kb.yaml:1:30", MaxTermsPerDocument, DefaultActionsPerDocument},
		{"actions past the ceiling", "limits:\n  actions_per_document: 1001\n", "kb.yaml:2:25", DefaultTermsPerDocument, MaxActionsPerDocument},
		{"both past, each its error", "limits:\n  terms_per_document: 5000\n  actions_per_document: 99999\n", "kb.yaml:2:23 kb.yaml:3:25", MaxTermsPerDocument, MaxActionsPerDocument},
		{"through an alias", "x: &many 2000\nlimits: {terms_per_document: *many}\n", "kb.yaml:1:1 kb.yaml:2:30", MaxTermsPerDocument, DefaultActionsPerDocument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, errs := loadConfigText(t, tc.yaml)
			// With the alias, x is an unknown key of kb.yaml: one more error.
			if got := configErrorsAt(t, errs); got != tc.errsAt {
				t.Errorf("errors at %q, want %q: %v", got, tc.errsAt, errs)
			}
			if got := cfg.Limits.terms(); got != tc.terms {
				t.Errorf("terms per document %d, want %d", got, tc.terms)
			}
			if got := cfg.Limits.actions(); got != tc.actions {
				t.Errorf("actions per document %d, want %d", got, tc.actions)
			}
		})
	}
}
