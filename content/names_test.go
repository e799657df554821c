package content

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		// ASCII: the slugs kb has always made, so ids and URLs stay put.
		{"PM2022-006 - ALB 502 errors", "pm2022-006-alb-502-errors"},
		{"  Cache__Stampede!! ", "cache-stampede"},
		{"2026-03-14-checkout-latency", "2026-03-14-checkout-latency"},
		{"Team-Payments", "team-payments"},
		{"@team/sre", "team-sre"},
		{"SEV1", "sev1"},
		{"a.b_c d", "a-b-c-d"},
		{"---", ""},
		{"", ""},
		{"!!!", ""},
		// Every script's letters and digits are kept, lower-cased.
		{"田中", "田中"},
		{"決済", "決済"},
		{"事故 報告", "事故-報告"},
		{"Ünïcode title", "ünïcode-title"},
		{"Café Outage", "café-outage"},
		{"ΑΘΗΝΑ", "αθηνα"},
		{"Москва-1", "москва-1"},
		{"٣ خدمات", "٣-خدمات"},
		{"결제 서비스", "결제-서비스"},
		// A combining mark stays on its letter (NFD é); a lone one is a
		// separator like any other non-letter. No normalization: NFC and
		// NFD spellings are two slugs.
		{"cafe\u0301s", "cafe\u0301s"},
		{"\u0301x", "x"},
		{"x \u0301y", "x-y"},
		// Bytes that are not UTF-8 separate like punctuation.
		{"a\xffb", "a-b"},
		{"emoji 🔥 fire", "emoji-fire"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// asciiSlug is kb's slug before it kept letters of every script: ASCII
// letters and digits, lower-cased, other runs as "-".
func asciiSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// TestSlugKeepsASCIISlugs checks random ASCII strings against the slug kb
// made before: no id or URL of an ASCII name changes.
func TestSlugKeepsASCIISlugs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			b[j] = byte(rng.IntN(128))
		}
		if got, want := Slug(string(b)), asciiSlug(string(b)); got != want {
			t.Fatalf("Slug(%q) = %q, was %q", b, got, want)
		}
	}
}

func TestSlugIsValidUTF8(t *testing.T) {
	for _, s := range []string{"\xff\xfe", "a\xc3", "\xe4\xba", "x\u0301\xff\u0301"} {
		if got := Slug(s); !utf8.ValidString(got) || strings.Contains(got, "\uFFFD") {
			t.Errorf("Slug(%q) = %q", s, got)
		}
	}
}

// TestUnicodeOwnersInTaskLists checks that owners and @handles written in
// any script are read from an action item's text.
func TestUnicodeOwnersInTaskLists(t *testing.T) {
	tests := []struct{ line, owner, what string }{
		{"- [ ] Add an alert — owner: 田中, due: 2026-12-01", "田中", "Add an alert"},
		{"- [ ] Add an alert (owner: Müller)", "Müller", "Add an alert"},
		{"- [ ] Add an alert @佐藤", "佐藤", "Add an alert"},
		{"- [ ] Add an alert — owner: @team-sre", "team-sre", "Add an alert"},
		{"- [ ] Mail ops@example.com about it", "", "Mail ops@example.com about it"},
	}
	for _, tt := range tests {
		d, _ := parse(t, "postmortems/a.md", "## Action items\n\n"+tt.line+"\n")
		if len(d.Actions) != 1 || d.Actions[0].Owner != tt.owner || d.Actions[0].What != tt.what {
			t.Errorf("%q: got %+v, want owner %q and what %q", tt.line, d.Actions, tt.owner, tt.what)
		}
	}
}

func TestCapSegment(t *testing.T) {
	long := strings.Repeat("x", 300)
	tests := []struct {
		name, in string
		wantLen  int
		prefix   string
	}{
		{"short stays", "checkout", 8, "checkout"},
		{"at the limit stays", strings.Repeat("a", MaxSegmentBytes), MaxSegmentBytes, strings.Repeat("a", MaxSegmentBytes)},
		{"one over is cut", strings.Repeat("a", MaxSegmentBytes+1), MaxSegmentBytes + 9, strings.Repeat("a", MaxSegmentBytes) + "-"},
		{"long", long, MaxSegmentBytes + 9, strings.Repeat("x", MaxSegmentBytes) + "-"},
		{"dash at the cut is dropped", strings.Repeat("a", MaxSegmentBytes-1) + "-" + long, MaxSegmentBytes + 8, strings.Repeat("a", MaxSegmentBytes-1) + "-"},
		{"cut at a rune boundary", "x" + strings.Repeat("決", 100), 1 + 33*3 + 9, "x" + strings.Repeat("決", 33) + "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CapSegment(tt.in)
			if len(got) != tt.wantLen || !strings.HasPrefix(got, tt.prefix) || !utf8.ValidString(got) {
				t.Errorf("CapSegment = %q (%d bytes), want %d bytes starting %q", got, len(got), tt.wantLen, tt.prefix)
			}
			if got != CapSegment(tt.in) {
				t.Error("not stable")
			}
		})
	}
	if a, b := CapSegment(long+"a"), CapSegment(long+"b"); a == b {
		t.Errorf("two long values share the segment %q", a)
	}
	if got := Slug(strings.ToUpper(long) + "!!"); got != CapSegment(long) {
		t.Errorf("Slug of a long value = %q, want the cut slug %q", got, CapSegment(long))
	}
}

// TestCutSegmentsAreLong checks what IsCutSegment relies on: a cut
// segment is always longer than MaxSegmentBytes, an uncut one never is.
func TestCutSegmentsAreLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	runes := []string{"a", "-", "é", "決", "𝄞"}
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.IntN(90); b.Len() < n+rng.IntN(40); {
			b.WriteString(runes[rng.IntN(len(runes))])
		}
		s := slugify(b.String())
		cut := CapSegment(s)
		if IsCutSegment(cut) != SlugIsCut(b.String()) || IsCutSegment(cut) != (len(s) > MaxSegmentBytes) {
			t.Fatalf("%q: cut %q (%d bytes), IsCutSegment %v", s, cut, len(cut), IsCutSegment(cut))
		}
		if len(cut) > MaxSegmentBytes+1+segmentHashHex || !utf8.ValidString(cut) {
			t.Fatalf("%q: cut %q", s, cut)
		}
	}
}

func TestClosest(t *testing.T) {
	// naive is Closest without the length bound: every candidate's
	// distance is worked out.
	naive := func(s string, candidates []string) string {
		best, bestDist := "", len(s)/2+2
		for _, c := range candidates {
			if d := editDistance(s, c); d < bestDist {
				best, bestDist = c, d
			}
		}
		return best
	}
	for _, tc := range []struct {
		s    string
		want string
	}{
		{"titel", "title"}, {"descriptio", "description"}, {"stale-days", "stale_days"}, {"limit", "limits"},
		{"lints", "lint"}, {"x", ""}, {"", ""}, {"unknown_key_17", ""}, {"severities_and_more", "severities"},
		{strings.Repeat("a", 300), ""}, {"dates", "dates"}, {"ownrs", "owners"},
	} {
		got := Closest(tc.s, configKeys)
		if got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.s, got, tc.want)
		}
		if n := naive(tc.s, configKeys); got != n {
			t.Errorf("Closest(%q) = %q, but the nearest candidate is %q", tc.s, got, n)
		}
	}
}
