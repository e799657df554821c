package site

import (
	"strings"
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

func TestMilestones(t *testing.T) {
	at := func(s string) content.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return content.At(v)
	}
	for _, tc := range []struct {
		name string
		meta content.Meta
		want []string // each milestone's name and the span of its stage
	}{
		{"all four", content.Meta{Started: at("2026-03-01T10:00:00Z"), Detected: at("2026-03-01T10:03:00Z"),
			Mitigated: at("2026-03-01T10:47:00Z"), Resolved: at("2026-03-02T09:00:00Z")},
			[]string{"Started 0s", "Detected 3m0s", "Mitigated 44m0s", "Resolved 22h13m0s"}},
		{"no detection time", content.Meta{Started: at("2026-03-01T10:00:00Z"), Resolved: at("2026-03-01T11:00:00Z")},
			[]string{"Started 0s", "Resolved 1h0m0s"}},
		{"no start", content.Meta{Detected: at("2026-03-01T10:03:00Z"), Resolved: at("2026-03-01T11:00:00Z")}, nil},
		{"start only", content.Meta{Started: at("2026-03-01T10:00:00Z")}, nil},
		{"out of order", content.Meta{Started: at("2026-03-01T10:00:00Z"), Detected: at("2026-03-01T09:00:00Z")}, nil},
	} {
		var got []string
		for _, m := range milestonesOf(tc.meta) {
			got = append(got, m.name+" "+m.span.String())
		}
		if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestMilestoneBarOnIncidentPages checks that a postmortem page draws its
// stages in order with their times and spans, the day shown once.
func TestMilestoneBarOnIncidentPages(t *testing.T) {
	out := buildKB(t, chartsKB, Options{})
	assertFileContent(t, out, "postmortems/b/index.html",
		`<figure class="milestones"><svg class="milestone-bar"`,
		`aria-label="Started; detected 30m later; resolved 1h 30m later"`,
		`<li class="m-started"><span class="mname">Started</span> <time datetime="2026-03-05T10:00:00Z">2026-03-05 10:00 UTC</time></li>`,
		`<li class="m-detect"><span class="mname">Detected</span> <time datetime="2026-03-05T10:30:00Z">10:30</time> <span class="span">+30m</span></li>`,
		`<li class="m-resolve"><span class="mname">Resolved</span> <time datetime="2026-03-05T12:00:00Z">12:00</time> <span class="span">+1h 30m</span></li>`)
	assertFileContent(t, out, "postmortems/a/index.html", `<time datetime="2026-01-13T10:40:00Z">2026-01-13 10:40 UTC</time>`)
	assertNoFileContent(t, out, "postmortems/c/index.html", `class="milestones"`)
}

// TestDoneDateShown checks that an item done on a known day says so on
// its incident's page and on the action board.
func TestDoneDateShown(t *testing.T) {
	out := buildKB(t, chartsKB, Options{})
	want := `<span class="badge status-done">done</span> <time class="done" datetime="2026-01-18">2026-01-18</time>`
	assertFileContent(t, out, "postmortems/a/index.html", want, "Page on queue age</td>")
	assertFileContent(t, out, "actions/index.html", want)
}
