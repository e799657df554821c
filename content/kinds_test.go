package content

import (
	"strings"
	"testing"
)

// pmBody has the sections of a postmortem: timeline, impact, root cause
// and action items.
const pmBody = "# Checkout down\n\n## Impact\n\nx\n\n## Timeline\n\nx\n\n## Contributing factors\n\nx\n\n## Action items\n\nx\n"

func TestGuessKind(t *testing.T) {
	for _, tc := range []struct {
		name, path, src string
		want            Kind
		from            KindSource
	}{
		{"postmortem sections", "notes/checkout.md", pmBody, KindPostmortem, KindFromShape},
		{"three of five, with lessons", "PM2021-011 - Log4Shell.md",
			"# Log4Shell\n\n## Summary\n\n## Timeline\n\n## Action Items\n\n## Lessons Learned\n", KindPostmortem, KindFromShape},
		{"two sections only", "notes/a.md", "# A\n\n## Timeline\n\n## Action items\n", KindPage, KindFromShape},
		{"word in the path", "docs/incidents/db.md", "# Database\n\n## Timeline\n\nText.\n", KindPostmortem, KindFromShape},
		{"post-mortem in the title", "docs/db.md", "# Post-mortem: database failover\n\n## Impact\n", KindPostmortem, KindFromShape},
		{"PostMortem in a CamelCase name", "docs/DbPostMortem.md", "## Root cause\n\nText.\n", KindPostmortem, KindFromShape},
		{"retrospective in the title", "x.md", "---\ntitle: Q3 retrospective of the outage\n---\n## Action items\n", KindPostmortem, KindFromShape},
		{"a guide to postmortems is a page", "docs/writing-postmortems.md", "# Writing postmortems\n\nHow we write them.\n", KindPage, KindFromShape},
		{"incident words alone are a page", "docs/incident-response.md", "# Incident response\n\n## Roles\n", KindPage, KindFromShape},
		{"incident words in a README do not count", "incidents/README.md", "# Incidents\n\nThe list.\n", KindPage, KindFromShape},
		{"incident front matter", "status/2022-03-04-repo.md", "---\ntitle: Artifactory full\nseverity: disrupted\n---\nText.\n", KindPostmortem, KindFromShape},
		{"alert file name", "alerts/KubePodCrashLooping.md", "# KubePodCrashLooping\n\nText.\n", KindRunbook, KindFromShape},
		{"lower camel alert name", "alerts/etcd/etcdNoLeader.md", "Text.\n", KindRunbook, KindFromShape},
		{"alert folder of a README", "alerts/KubePodCrashLooping/README.md", "Text.\n", KindRunbook, KindFromShape},
		{"front matter alerts", "ops/cache.md", "---\nalerts: [CacheMissHigh]\n---\nText.\n", KindRunbook, KindFromShape},
		{"prometheus profile", "ops/disk.md", "# Disk\n\n## Meaning\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n", KindRunbook, KindFromShape},
		{"default profile", "ops/db.md", "# DB\n\n## Trigger\n\n## Checks\n\n## Steps\n\n## Rollback\n", KindRunbook, KindFromShape},
		{"half a profile is not enough", "ops/db.md", "# DB\n\n## Trigger\n\n## Checks\n\n## Rollback\n", KindPage, KindFromShape},
		{"all capitals is no alert name", "docs/ADSYNC.md", "Text.\n", KindPage, KindFromShape},
		{"plain page", "docs/onboarding.md", "# Onboarding\n\nWelcome.\n", KindPage, KindFromShape},
		{"the default folder decides", "runbooks/incident-comms.md", pmBody, KindRunbook, KindFromConfig},
		{"front matter decides", "alerts/KubePodCrashLooping.md", "---\nkind: page\n---\n", KindPage, KindFromFrontMatter},
		{"a section index is a page", "alerts/KubeAPIDown/_index.md", pmBody, KindPage, KindFromConfig},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := parse(t, tc.path, tc.src)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if doc.Kind != tc.want || doc.KindFrom != tc.from {
				t.Errorf("%s: kind %s from %d, want %s from %d", tc.path, doc.Kind, doc.KindFrom, tc.want, tc.from)
			}
		})
	}
}

// TestKindsInKBYamlWin: with kinds: in kb.yaml, its globs decide every
// document (one they do not match is a page) and nothing is guessed.
func TestKindsInKBYamlWin(t *testing.T) {
	dir := writeKB(t, "-- kb.yaml --\nkinds:\n  runbook: [\"ops/**\"]\n-- ops/a.md --\n"+pmBody+
		"-- notes/KubePodCrashLooping.md --\nText.\n-- postmortems/x.md --\n# X\n")
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Kind{}
	for _, d := range kb.Docs {
		got[d.Path] = d.Kind
		if d.KindFrom != KindFromConfig {
			t.Errorf("%s: kind from %d, want from kb.yaml", d.Path, d.KindFrom)
		}
	}
	want := map[string]Kind{"ops/a.md": KindRunbook, "notes/KubePodCrashLooping.md": KindPage, "postmortems/x.md": KindPostmortem}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: kind %s, want %s", p, got[p], k)
		}
	}
	if c := CountKinds(kb.Docs); c.Found() != "" || c.Guessed != 0 {
		t.Errorf("CountKinds = %+v, Found %q; want nothing guessed", c, c.Found())
	}
}

func TestKindCountsFound(t *testing.T) {
	for _, tc := range []struct {
		c    KindCounts
		want string
	}{
		{KindCounts{Postmortems: 7, Pages: 2, Guessed: 9, GuessedKinds: 7}, "7 postmortems, 0 runbooks, 2 pages; set kinds: in kb.yaml to change this"},
		{KindCounts{Postmortems: 1, Runbooks: 1, Pages: 1, Guessed: 2, GuessedKinds: 1}, "1 postmortem, 1 runbook, 1 page; set kinds: in kb.yaml to change this"},
		{KindCounts{Postmortems: 3, Runbooks: 2}, ""},
		// A README beside the folders that decide the rest: nothing to say.
		{KindCounts{Postmortems: 1, Runbooks: 1, Pages: 1, Guessed: 1}, ""},
		// Nothing found by guessing at all: say so, it is what to fix.
		{KindCounts{Pages: 4, Guessed: 4}, "0 postmortems, 0 runbooks, 4 pages; set kinds: in kb.yaml to change this"},
	} {
		if got := tc.c.Found(); got != tc.want {
			t.Errorf("%+v.Found() = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// TestGuessedRunbookHasNoStepItems: a document found to be a runbook by
// its shape reads its procedure as steps, as one in runbooks/ does, while
// its follow-ups are still action items.
func TestGuessedRunbookHasNoStepItems(t *testing.T) {
	src := "# KubeletDown\n\n## Meaning\n\nThe kubelet is down.\n\n## Impact\n\nPods do not start.\n\n" +
		"## Diagnosis\n\nCheck the node.\n\n## Remediation\n\n- Restart the kubelet\n- Cordon the node\n\n" +
		"## Follow-ups\n\n- [ ] Add a drill for this alert, owner: @sre, due: 2026-03-01\n"
	guessed, errs := parse(t, "alerts/KubeletDown.md", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	placed, _ := parse(t, "runbooks/KubeletDown.md", src)
	if guessed.Kind != KindRunbook || guessed.KindFrom != KindFromShape {
		t.Fatalf("kind %s from %d, want a runbook by its shape", guessed.Kind, guessed.KindFrom)
	}
	var got, want []string
	for _, a := range guessed.Actions {
		got = append(got, a.What)
	}
	for _, a := range placed.Actions {
		want = append(want, a.What)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != 1 || len(guessed.Sections) != len(placed.Sections) {
		t.Errorf("guessed runbook: actions %q, sections %d; in runbooks/: %q, %d", got, len(guessed.Sections), want, len(placed.Sections))
	}
}
