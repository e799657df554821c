package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Word budget per document body, before rounding: the generator aims at a
// random target in [minTarget, maxTarget] and hits it exactly, well inside
// the promised 600–1200 words.
const (
	minTarget = 660
	maxTarget = 1140
)

// part is one piece of a document body: either literal markdown (weight 0)
// or a prose paragraph whose word budget is proportional to weight.
type part struct {
	text   string
	weight int
	prefix string // written before the paragraph (e.g. "- **factor**: ")
	indent string // continuation-line indent for the paragraph
	suffix string // written after the paragraph
}

// body collects the parts of a document body, then renders them so that the
// whole body has exactly the target number of words (see wordCount).
type body struct {
	parts []part
}

// text adds literal markdown.
func (b *body) text(s string) { b.parts = append(b.parts, part{text: s}) }

// textf adds formatted literal markdown.
func (b *body) textf(format string, args ...any) { b.text(fmt.Sprintf(format, args...)) }

// para adds a prose paragraph followed by a blank line.
func (b *body) para(weight int) {
	b.parts = append(b.parts, part{weight: weight, suffix: "\n\n"})
}

// item adds a prose list item: prefix, wrapped prose indented by indent, newline.
func (b *body) item(weight int, prefix, indent string) {
	b.parts = append(b.parts, part{weight: weight, prefix: prefix, indent: indent, suffix: "\n"})
}

// render writes the body to buf with g providing the prose. The prose budget
// is what remains of target after the literal parts, split by weight.
func (b *body) render(buf *bytes.Buffer, g *textGen, target int) {
	const minPara = 5
	fixed, weights, k := 0, 0, 0
	for _, p := range b.parts {
		if p.weight == 0 {
			fixed += wordCount(p.text)
			continue
		}
		fixed += wordCount(p.prefix)
		weights += p.weight
		k++
	}
	budget := max(target-fixed, minPara*k)
	spare := budget - minPara*k
	alloc := make([]int, 0, k)
	given := 0
	for _, p := range b.parts {
		if p.weight > 0 {
			a := spare * p.weight / weights
			alloc = append(alloc, minPara+a)
			given += a
		}
	}
	if k > 0 {
		// Rounding leftovers go to the first paragraph (usually the summary).
		alloc[0] += spare - given
	}
	w := &wrapper{b: buf}
	j := 0
	for _, p := range b.parts {
		if p.weight == 0 {
			buf.WriteString(p.text)
			continue
		}
		w.begin(p.prefix, p.indent)
		g.prose(w, alloc[j])
		j++
		buf.WriteString(p.suffix)
	}
}

// docCtx holds the per-document values that fill {slots} in templates.
type docCtx struct {
	r     *rand.Rand
	svcs  []string
	comps []string
	team  string
	alert string
	cause string
	mask  uint64 // teams used, as a bit set over teams
}

// useTeam records team t as used and returns its handle.
func (c *docCtx) useTeam(t int) string {
	c.mask |= 1 << t
	return teams[t]
}

// teamFor returns the owner of service s (usually its own team).
func (c *docCtx) teamFor(s int) string {
	if c.r.IntN(6) == 0 {
		return c.useTeam(c.r.IntN(len(teams)))
	}
	return c.useTeam(s % len(teams))
}

// fill replaces {svc}, {svc2}, {comp}, {team}, {alert}, {region}, {cause},
// {n} and {ver} in s.
func (c *docCtx) fill(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		switch s[i+1 : i+j] {
		case "svc":
			b.WriteString(c.svcs[0])
		case "svc2":
			if len(c.svcs) > 1 {
				b.WriteString(c.svcs[1+c.r.IntN(len(c.svcs)-1)])
			} else {
				b.WriteString(pick(c.r, services))
			}
		case "comp":
			b.WriteString(pick(c.r, c.comps))
		case "team":
			b.WriteString(c.team)
		case "alert":
			b.WriteString(c.alert)
		case "region":
			b.WriteString(pick(c.r, regions))
		case "cause":
			b.WriteString(c.cause)
		case "n":
			fmt.Fprint(&b, 5+c.r.IntN(90))
		case "ver":
			fmt.Fprintf(&b, "v%d.%d.%d", 1+c.r.IntN(4), c.r.IntN(60), c.r.IntN(20))
		default:
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

// newText returns a prose generator wired to the document's context.
func (c *docCtx) newText() *textGen {
	g := newTextGen(c.r)
	g.fill = c.fill
	g.local = append(g.local, c.svcs...)
	for _, s := range c.svcs {
		g.codes = append(g.codes, s+".yaml", s+"/config.toml", "deploy/"+s)
	}
	g.codes = append(g.codes, "max_connections", "retry.max_attempts",
		"cache.ttl_seconds", "http.client_timeout", "pool_size", "GOMAXPROCS",
		"replicas", "--max-surge", "statement_timeout", "kubectl", "SIGTERM")
	g.links = append(g.links,
		"https://grafana.example.com/d/"+c.svcs[0],
		fmt.Sprintf("https://tracker.example/%s-%d", trackerKey(c.team), 100+c.r.IntN(9000)),
		fmt.Sprintf("https://status.example.com/incidents/%d", 1000+c.r.IntN(90000)))
	return g
}

// trackerKey is the issue-tracker project key of a team: team-platform → PLAT.
func trackerKey(team string) string {
	k := strings.ToUpper(strings.TrimPrefix(team, "team-"))
	if len(k) > 4 {
		k = k[:4]
	}
	return k
}

// fmtDate formats a date as YYYY-MM-DD.
func fmtDate(t time.Time) string { return t.Format("2006-01-02") }

// codeBlock returns a fenced code block.
func codeBlock(lang string, lines ...string) string {
	return "```" + lang + "\n" + strings.Join(lines, "\n") + "\n```\n\n"
}
