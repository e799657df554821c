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
