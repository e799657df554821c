package lint

import (
	"bytes"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

func privacyRules() []*Rule {
	return []*Rule{
		{Name: "privacy/secret", Severity: Error, Scope: PerDoc, Run: runSecrets,
			Doc: "Credentials that must never be published: cloud access keys, private keys, bearer and API tokens, passwords. A value must look like a credential: text about secrets (\"rotate the API key\", \"the password field\", \"password: ${DB_PASSWORD}\") is fine. Code blocks are checked too. Rotate a leaked credential: deleting the text does not unpublish it."},
		{Name: "privacy/email", Severity: Warning, Scope: PerDoc, Run: runEmails,
			Doc: "E-mail addresses: a KB is read widely and kept for years; name teams and roles instead. Example domains are allowed, and kb.yaml lint.allowed_email_domains adds more."},
		{Name: "privacy/internal-ip", Severity: Warning, Scope: PerDoc, Run: runInternalIPs,
			Doc: "Private network addresses (10/8, 172.16/12, 192.168/16): they map the internal network for whoever reads the site. Turn off with lint.internal_ips: false for an internal-only KB."},
	}
}

// secretPattern is a kind of credential: cheap literals, one of which must
// occur before the pattern is looked for (none: always looked for), and
// either a regexp or a finder.
// A regexp's first group, or a finder's value bounds, is the credential's
// value, which value (when set) must accept as real rather than as a word
// written about secrets ("Bearer tokens-are-rotated-hourly").
type secretPattern struct {
	name     string
	literals []string
	re       *regexp.Regexp
	// find returns, for each match, its start and its value's bounds.
	find  func(src []byte) [][]int
	value func(v []byte) bool
}

var secretPatterns = []secretPattern{
	{name: "an AWS access key id", literals: []string{"AKIA", "ASIA"}, re: regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{name: "an AWS secret access key", literals: []string{"ws_secret", "WS_SECRET"}, re: regexp.MustCompile(`(?i)aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}`)},
	{name: "a private key", literals: []string{"PRIVATE KEY-----"}, re: regexp.MustCompile(`-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY-----`)},
	{name: "a bearer token", literals: []string{"earer "}, re: regexp.MustCompile(`\b[Bb]earer\s+([A-Za-z0-9\-._~+/]{20,}=*)`), value: hasLetterAndDigit},
	{name: "a GitHub token", literals: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}, re: regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}`)},
	{name: "a Slack token", literals: []string{"xox"}, re: regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`)},
	{name: "a Google API key", literals: []string{"AIza"}, re: regexp.MustCompile(`\bAIza[0-9A-Za-z\-_]{35}\b`)},
	{name: "a JSON web token", literals: []string{"eyJ"}, re: regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`)},
	{name: "a password", literals: []string{"assw", "ASSW", "pwd", "PWD"}, re: regexp.MustCompile(`(?i)\b(?:[a-z0-9]+_)*(?:password|passwd|pwd)\s*[=:]\s*["']?([^\s"'<>{}$\x60]{8,})`), value: looksLikePassword},
	// No literals: findAssignedKeys looks at each ":" and "=" itself, faster
	// than the index would rule documents out. It comes last: a value that
	// a pattern above reported is not reported again.
	{name: "an API key or token", find: findAssignedKeys},
}

// secretIndex finds, in one pass over a text, which secret patterns have
// one of their literals in it: a table of the literals' first two bytes
// picks the places worth comparing.
type secretIndex struct {
	pairs [1 << 16]bool
	// byPair lists, for each two-byte prefix, the literals and their
	// pattern's index.
	byPair map[uint16][]secretLiteral
}

type secretLiteral struct {
	text    string
	pattern int
}

func newSecretIndex(patterns []secretPattern) *secretIndex {
	x := &secretIndex{byPair: map[uint16][]secretLiteral{}}
	for i, sp := range patterns {
		for _, l := range sp.literals {
			k := uint16(l[0])<<8 | uint16(l[1])
			x.pairs[k] = true
			x.byPair[k] = append(x.byPair[k], secretLiteral{l, i})
		}
	}
	return x
}

// candidates returns a bit per pattern whose literal occurs in src.
// The two bytes at each offset are carried from one to the next, one
// byte read each step.
func (x *secretIndex) candidates(src []byte) uint32 {
	var found uint32
	if len(src) < 2 {
		return 0
	}
	k := uint16(src[0])
	for i, c := range src[1:] { // the pair at i is src[i], src[i+1] = c
		k = k<<8 | uint16(c)
		if !x.pairs[k] {
			continue
		}
		for _, l := range x.byPair[k] {
			if bytes.HasPrefix(src[i:], []byte(l.text)) {
				found |= 1 << l.pattern
			}
		}
	}
	return found
}

// placeholders mark a password value as an example.
var placeholders = []string{"example", "redacted", "changeme", "password", "xxxx", "****", "....", "your", "secret"}

func runSecrets(p *Pass) {
	src := p.Doc.Source
	found := p.Config.secrets.candidates(src)
	var named credentialSpans
	for i := range secretPatterns {
		sp := &secretPatterns[i]
		if found&(1<<i) == 0 && len(sp.literals) > 0 {
			continue
		}
		if sp.find != nil {
			named.merge()
		}
		for _, m := range sp.matches(src) {
			if len(m) >= 4 && m[2] >= 0 && !sp.real(src[m[2]:m[3]]) {
				continue
			}
			if sp.find != nil && named.covers(m[2], m[3]) {
				continue // "token=ghp_…": the GitHub token is reported
			}
			if sp.find == nil {
				named.add(m[0], m[1])
			}
			p.Report(p.offsetPos(m[0]), fmt.Sprintf("this looks like %s; it must not be published", sp.name),
				"Remove it, rotate the credential (it is in git history now), and write <redacted> in its place.")
		}
	}
}

// matches returns the pattern's matches in src as regexp submatch indexes.
func (sp *secretPattern) matches(src []byte) [][]int {
	if sp.find != nil {
		return sp.find(src)
	}
	return sp.re.FindAllSubmatchIndex(src, -1)
}

// real reports a value that is a credential, not a placeholder or a word.
func (sp *secretPattern) real(v []byte) bool {
	return !isPlaceholder(string(v)) && (sp.value == nil || sp.value(v))
}

func isPlaceholder(v string) bool {
	l := strings.ToLower(v)
	for _, p := range placeholders {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

var emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})`)

func runEmails(p *Pass) {
	src := p.Doc.Source
	if bytes.IndexByte(src, '@') < 0 {
		return
	}
	for _, m := range findEmails(src) {
		domain := strings.ToLower(string(src[m[2]:m[3]]))
		if p.Config.allowedDomain(domain) || isGitRemote(src, m[0]) {
			continue
		}
		p.Report(p.offsetPos(m[0]), fmt.Sprintf("e-mail address %s: a KB is read widely and kept for years", short(string(src[m[0]:m[1]]))),
			"Name the team or the role (\"the payments on-call\") instead.")
	}
}

// isGitRemote reports an address that is the user part of an SSH URL such
// as git@github.com:org/repo.
func isGitRemote(src []byte, at int) bool {
	return bytes.HasPrefix(src[at:], []byte("git@"))
}

func (c *Config) allowedDomain(domain string) bool {
	for _, d := range c.emailDomains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}

var privateNets = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

func runInternalIPs(p *Pass) {
	if !p.Config.InternalIPs {
		return
	}
	src := p.Doc.Source
	if !bytes.Contains(src, []byte("10.")) && !bytes.Contains(src, []byte("172.")) && !bytes.Contains(src, []byte("192.168.")) {
		return
	}
	for i := 0; i < len(src); i++ {
		if !isDigit(src[i]) || i > 0 && (isDigit(src[i-1]) || src[i-1] == '.' || src[i-1] == 'v' || isLetterByte(src[i-1])) {
			continue
		}
		end, ok := dottedQuad(src, i)
		if !ok {
			for i < len(src) && (isDigit(src[i]) || src[i] == '.') {
				i++
			}
			continue
		}
		addr, err := netip.ParseAddr(string(src[i:end]))
		if err == nil {
			for _, n := range privateNets {
				if n.Contains(addr) {
					p.Report(p.offsetPos(i), fmt.Sprintf("private address %s maps the internal network", addr),
						"Describe the host by its role (\"the primary database\"), or set lint.internal_ips: false for a KB that stays internal.")
					break
				}
			}
		}
		i = end
	}
}

// dottedQuad reads four dot-separated groups of one to three digits at i,
// not followed by another digit or dotted number, and returns their end.
func dottedQuad(src []byte, i int) (int, bool) {
	for group := 0; group < 4; group++ {
		if group > 0 {
			if i >= len(src) || src[i] != '.' {
				return 0, false
			}
			i++
		}
		n := 0
		for i < len(src) && isDigit(src[i]) && n < 4 {
			i++
			n++
		}
		if n == 0 || n > 3 {
			return 0, false
		}
	}
	if i < len(src) && (isDigit(src[i]) || src[i] == '.' && i+1 < len(src) && isDigit(src[i+1])) {
		return 0, false
	}
	return i, true
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
