package lint

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFindAssignedKeys checks which "NAME: value" settings are reported as
// API keys or tokens, and that the match starts at the name and its value
// bounds are the value's.
func TestFindAssignedKeys(t *testing.T) {
	tests := []struct {
		src   string
		value string // "" for no match
	}{
		{`api_key: 9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e`, "9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e"},
		{`API_KEY=9f2c4e7a1b8d3f6a0c5e9b2d`, "9f2c4e7a1b8d3f6a0c5e9b2d"},
		{`"client_secret": "Xq7vR2mPz9LkT4wN8sB3hJ6d"`, "Xq7vR2mPz9LkT4wN8sB3hJ6d"},
		{`auth_token = 'tk_live_51Hh2kLmNoPqRsTuV3wXyZ0a'`, "tk_live_51Hh2kLmNoPqRsTuV3wXyZ0a"},
		{`ApiKey: AbC123dEf456GhI789jKl`, "AbC123dEf456GhI789jKl"},
		{`api_key: the new one from the vault`, ""},
		{`token: renewed-every-hour-by-the-sidecar-1`, ""},
		{`secret: payments-webhook-signing-2024`, ""},
		{`key: app.kubernetes.io/name-12345678`, ""},
		{`api_key: 9f2c4e7a1b8d`, ""},
		{`token: abcdefghijklmnopqrstuvwxyz`, ""},
		{`backup_token: prod-db-2024-01-15-backup`, ""},
		{`14:02 the token expired`, ""},
		{`token:`, ""},
		// A "NAME=" inside a value is part of it: one match, the whole value.
		{`API_KEY=abc=token=9f2c4e7a1b8d3f6a0c5e9b2d`, "abc=token=9f2c4e7a1b8d3f6a0c5e9b2d"},
		// A value that ends in "NAME=" leaves that setting's value to it.
		{`api_key=mytoken= 9f2c4e7a1b8d3f6a0c5e9b2d`, "9f2c4e7a1b8d3f6a0c5e9b2d"},
		{strings.Repeat("token=", 1000), ""},
		{strings.Repeat("token: ", 1000), ""},
	}
	for _, tt := range tests {
		got := findAssignedKeys([]byte(tt.src))
		switch {
		case tt.value == "" && len(got) != 0:
			t.Errorf("%q: found %q, want nothing", tt.src, tt.src[got[0][2]:got[0][3]])
		case tt.value != "" && len(got) != 1:
			t.Errorf("%q: %d matches, want 1", tt.src, len(got))
		case tt.value != "":
			m := got[0]
			if v := tt.src[m[2]:m[3]]; v != tt.value {
				t.Errorf("%q: value %q, want %q", tt.src, v, tt.value)
			}
			if name := tt.src[m[0]:]; name[0] == ' ' || name[0] == '"' {
				t.Errorf("%q: match starts at %q, not at the name", tt.src, name)
			}
		}
	}
}

// TestSecretValues checks the tests that tell a credential's value from a
// word, a path or a placeholder.
func TestSecretValues(t *testing.T) {
	tests := []struct {
		value            string
		random, password bool
	}{
		{"9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e", true, true},
		{"Xq7vR2mPz9LkT4wN8sB3hJ6d", true, true},
		{"hunter2hunter2", true, true},
		{"prod-db-2024-01-15-backup", false, true},
		{"a1b2c3d4e", false, true},
		{"Pz8#kq2Lm!x7", true, true},
		{"valueFromSecret", false, false},
		{"/var/lib/payments", false, false},
		{"~/.netrc", false, false},
		{"tokens-issued-by-the-provider", false, true},
		{"abcdefghijklmnop0123", true, true},
		{"ABCDEFGH12345678", true, true},
	}
	for _, tt := range tests {
		if got := looksRandom([]byte(tt.value)); got != tt.random {
			t.Errorf("looksRandom(%q) = %v, want %v", tt.value, got, tt.random)
		}
		if got := looksLikePassword([]byte(tt.value)); got != tt.password {
			t.Errorf("looksLikePassword(%q) = %v, want %v", tt.value, got, tt.password)
		}
	}
}

// TestAssignedCredentialReportedOnce checks that a credential a named
// pattern reports is not reported again as the value of a setting, and
// that settings whose value no named pattern knows are still reported.
func TestAssignedCredentialReportedOnce(t *testing.T) {
	const ghp = "ghp_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8" // random-looking: also an API key's value
	tests := []struct {
		line string
		want []string // "col message" of each finding
	}{
		{"token=" + ghp, []string{"7 this looks like a GitHub token; it must not be published"}},
		{"auth_token: " + ghp, []string{"13 this looks like a GitHub token; it must not be published"}},
		{"api_key=9f2c4e7a1b8d3f6a0c5e9b2d", []string{"1 this looks like an API key or token; it must not be published"}},
		{"token=" + ghp + " api_key=9f2c4e7a1b8d3f6a0c5e9b2d", []string{
			"7 this looks like a GitHub token; it must not be published",
			"48 this looks like an API key or token; it must not be published",
		}},
	}
	for _, tt := range tests {
		res := lintTree(t, boundsKB+"-- postmortems/2026-01-15-secret.md --\n---\ntitle: Secret\n---\n\n"+tt.line+"\n")
		var got []string
		for _, d := range ruleFindings(res, "privacy/secret") {
			got = append(got, strconv.Itoa(d.Pos.Col)+" "+d.Message)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: findings %q, want %q", tt.line, got, tt.want)
		}
	}
}
