// Package patho writes the pathological documents of kb's hardening work:
// inputs that cost work or output out of proportion to their size (YAML
// aliases, thousands of taxonomy values, lines of thousands of findings,
// long values repeated in every list row, a kb.yaml of thousands of
// errors, markup of other tools repeated or nested without end), each beside a plain postmortem (or kb.yaml) of the same byte
// size. Tests and benchmarks compare the two through
// content.Load, lint.Run and site.Build; bench/patho writes them as KBs for
// whole-process figures.
package patho

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Case is one pathological input: a document whose size grows with its
// scale.
type Case struct {
	// Name is the case's name in tests and benchmarks.
	Name string
	// About says what the document holds and what it used to cost.
	About string
	// Scale is the scale of the figures of issue 12; TestScale is the
	// smaller one of tests and benchmarks, which keeps them fast.
	Scale, TestScale int
	// Doc returns the document at a scale.
	Doc func(scale int) []byte
	// File is where the document goes in the KB: Path when empty. A case
	// whose document is the KB's kb.yaml (ConfigFile) is compared with a
	// plain kb.yaml of the same size (PlainConfig), the others with a
	// plain postmortem (Plain).
	File string
	// Like, when set, returns the plain input of about size bytes instead
	// of Plain: a document of the same forms without what makes the case
	// pathological, for a case whose forms cost more than prose to read
	// however they are written (a list of action items, headings).
	Like func(size int) []byte
}

// ConfigFile is the place of a case whose document is a kb.yaml.
const ConfigFile = "kb.yaml"

// place is where the case's document goes.
func (c Case) place() string {
	if c.File == "" {
		return Path
	}
	return c.File
}

// Plain returns a plain input of about size bytes for the case: Like's
// when it has one, else a plain kb.yaml for a kb.yaml, else a plain
// postmortem.
func (c Case) Plain(size int) []byte {
	if c.Like != nil {
		return c.Like(size)
	}
	if c.place() == ConfigFile {
		return PlainConfig(size)
	}
	return Plain(size)
}

// WriteKB writes a KB into dir: the Base files, and doc in the case's
// place.
func (c Case) WriteKB(dir string, doc []byte) error { return writeKB(dir, c.place(), doc) }

// Path is where a case's document goes in a KB.
const Path = "postmortems/2026-01-15-pathological.md"

// Cases lists every pathological input.
func Cases() []Case {
	return append([]Case{
		{Name: "alias-services", About: "an anchor of 64 KB used `scale` times in services:", Scale: 1000, TestScale: 200, Doc: AliasServices},
		{Name: "alias-actions", About: "an action item of 60 KB aliased `scale` times in actions:", Scale: 9000, TestScale: 1000, Doc: AliasActions},
		{Name: "many-services", About: "`scale` distinct services", Scale: 8000, TestScale: 2000, Doc: ManyServices},
		{Name: "blame-line", About: "one line of `scale` blame words", Scale: 10000, TestScale: 2000, Doc: BlameLine},
		{Name: "ip-line", About: "one pasted log line of `scale` private IP addresses", Scale: 20000, TestScale: 2000, Doc: IPLine},
		{Name: "title-actions", About: "a title of `scale` bytes and `scale`/8 action items, each listed with the title", Scale: 32000, TestScale: 8000, Doc: TitleActions},
		{Name: "services-rows", About: "100 services and 100 tags of `scale` bytes each: the services line repeated on every term page", Scale: 240, TestScale: 200, Doc: ServicesRows},
		{Name: "lessons-services", About: "an insight of `scale` bytes and 100 services: the insight on the lessons page once per service", Scale: 500000, TestScale: 50000, Doc: LessonsServices},
		{Name: "many-owners", About: "`scale` action items, each with an owner of its own", Scale: 10000, TestScale: 500, Doc: ManyOwners},
		{Name: "most-pages", About: "`scale` services and `scale` tags, as short as names come: the most pages per byte", Scale: 100, TestScale: 50, Doc: MostPages},
		{Name: "type-errors", About: "`scale` action items with a due date of the wrong type, one error each", Scale: 20000, TestScale: 3000, Doc: TypeErrors},
		{Name: "long-error-line", About: "a front matter error at the end of a line of `scale` bytes", Scale: 1 << 20, TestScale: 262144, Doc: LongErrorLine},
		{Name: "config-keys", About: "a kb.yaml of `scale` unknown keys, one error each", Scale: 40000, TestScale: 5000, Doc: ConfigKeys, File: ConfigFile},
		{Name: "nested-actions", About: "one top-level action item with `scale` items nested under it; compared with a flat list of the items", Scale: 40000, TestScale: 20000, Doc: NestedActions, Like: FlatActions},
		{Name: "nested-timeline", About: "one top-level timeline item with `scale` items nested under it; compared with a flat list of the items", Scale: 40000, TestScale: 10000, Doc: NestedTimeline, Like: FlatTimeline},
		{Name: "zone-headings", About: "`scale` timeline headings, each naming 15 zones the time zone database lacks; compared with headings of words that name no zone", Scale: 50000, TestScale: 2000, Doc: ZoneHeadings, Like: PlainZoneHeadings},
	}, append(markupCases(), lintCases()...)...)
}

// frontMatter is the front matter of a plain postmortem, without its
// closing fence, with extra lines after the usual keys.
func frontMatter(title string, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\ndate: 2026-01-15\nseverity: SEV3\nstatus: published\n", title)
	b.WriteString("incident_commander: team-core\nstarted: 2026-01-15T10:00:00Z\ndetected: 2026-01-15T10:05:00Z\n")
	b.WriteString("mitigated: 2026-01-15T10:30:00Z\nresolved: 2026-01-15T11:00:00Z\n")
	for _, l := range extra {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// body is the sections every postmortem here has, short.
const body = `
## Summary

The checkout service answered slowly for an hour after a cache setting changed.

## Impact

Some customers waited for their orders.

## Timeline

- 10:00 — The change is deployed.
- 10:05 — An alert fires.

## Contributing factors

The cache entries expired together.

## Action items

Listed in the front matter.
`

// AliasServices is a postmortem with an anchor of 64 KB used n times in
// services.
func AliasServices(n int) []byte {
	// The anchor is one letter and dots: its slug is short, so that the
	// site of the one alias kb follows can be written.
	anchor := "x_anchor: &big a" + strings.Repeat(".", 64<<10-1)
	aliases := "services: [" + strings.TrimSuffix(strings.Repeat("*big, ", n), ", ") + "]"
	return []byte(frontMatter("Aliased services", anchor, aliases) + "---\n" + body)
}

// AliasActions is a postmortem whose one action item, of 60 KB, is aliased
// n times in actions.
func AliasActions(n int) []byte {
	anchor := "x_item: &item {what: " + strings.Repeat("b", 60<<10) + ", owner: team-core, due: 2026-02-01}"
	aliases := "actions: [" + strings.TrimSuffix(strings.Repeat("*item, ", n), ", ") + "]"
	return []byte(frontMatter("Aliased action items", "services: [checkout]", anchor, aliases) + "---\n" + body)
}

// ManyServices is a postmortem with n distinct services.
func ManyServices(n int) []byte {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("svc%d", i)
	}
	return []byte(frontMatter("Many services", "services: ["+strings.Join(names, ", ")+"]") + "---\n" + body)
}

// BlameLine is a postmortem with one line of n blame words.
func BlameLine(n int) []byte {
	return []byte(frontMatter("A line of blame", "services: [checkout]") + "---\n" + body +
		"\n## Notes\n\n" + strings.TrimSpace(strings.Repeat("careless ", n)) + "\n")
}

// IPLine is a postmortem with one pasted log line of n private addresses.
func IPLine(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "10.%d.%d.%d ", i>>16&255, i>>8&255, i&255)
	}
	return []byte(frontMatter("A pasted log", "services: [checkout]") + "---\n" + body +
		"\n## Notes\n\n" + strings.TrimSpace(b.String()) + "\n")
}

// TitleActions is a postmortem with a title of n bytes and n/8 short
// action items.
func TitleActions(n int) []byte {
	var b strings.Builder
	b.WriteString("actions:\n")
	for i := range n / 8 {
		fmt.Fprintf(&b, "  - a%d\n", i)
	}
	return []byte(frontMatter(strings.Repeat("T", n), "services: [checkout]", strings.TrimSuffix(b.String(), "\n")) + "---\n" + body)
}

// ServicesRows is a postmortem with 100 services and 100 tags, each
// name n bytes long.
func ServicesRows(n int) []byte {
	var services, tags []string
	for i := range 100 {
		services = append(services, fmt.Sprintf("s%d-%s", i, strings.Repeat("s", n)))
		tags = append(tags, fmt.Sprintf("t%d-%s", i, strings.Repeat("t", n)))
	}
	return []byte(frontMatter("Long services", "services: ["+strings.Join(services, ", ")+"]", "tags: ["+strings.Join(tags, ", ")+"]") + "---\n" + body)
}

// LessonsServices is a postmortem with an insight of n bytes and 100
// services.
func LessonsServices(n int) []byte {
	var services []string
	for i := range 100 {
		services = append(services, fmt.Sprintf("svc%d", i))
	}
	return []byte(frontMatter("A long insight", "services: ["+strings.Join(services, ", ")+"]",
		"insight: "+strings.Repeat("i", n)) + "---\n" + body)
}

// ManyOwners is a postmortem with n action items, each owned by a team of
// its own.
func ManyOwners(n int) []byte {
	var b strings.Builder
	b.WriteString("actions:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {what: Fix thing %d, owner: team-%d, due: 2026-02-01}\n", i, i)
	}
	return []byte(frontMatter("Many owners", "services: [checkout]", strings.TrimSuffix(b.String(), "\n")) + "---\n" + body)
}

// MostPages is a postmortem with n services and n tags, each as short as
// a name can be and each of a page of its own: no byte of a document makes
// more of the site. (An action item's owner makes a page too, from more
// bytes.)
func MostPages(n int) []byte {
	var services, tags []string
	for i := range n {
		services = append(services, fmt.Sprintf("s%d", i))
		tags = append(tags, fmt.Sprintf("t%d", i))
	}
	return []byte("---\ntitle: P\nservices: [" + strings.Join(services, ",") + "]\ntags: [" + strings.Join(tags, ",") + "]\n---\n")
}

// TypeErrors is a postmortem with n action items whose due date is a list.
func TypeErrors(n int) []byte {
	var b strings.Builder
	b.WriteString("actions:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - what: Fix thing %d\n    due: [2026]\n", i)
	}
	return []byte(frontMatter("Wrong types", "services: [checkout]", strings.TrimSuffix(b.String(), "\n")) + "---\n" + body)
}

// LongErrorLine is a postmortem whose front matter has a line of n bytes
// with a YAML error at its end.
func LongErrorLine(n int) []byte {
	return []byte(frontMatter("A long line", "services: [checkout]", "insight: "+strings.Repeat("l", n)+" : : [") + "---\n" + body)
}

// Plain returns a plain postmortem of about size bytes (at least its
// front matter and sections): the sections above and paragraphs of
// ordinary prose, 60 to 90 words a line.
func Plain(size int) []byte {
	var b strings.Builder
	b.WriteString(frontMatter("A plain incident", "services: [checkout, payments]", "tags: [cache]",
		"actions:\n  - {what: Add request coalescing to the cache client, owner: team-core, due: 2026-02-01}"))
	b.WriteString("---\n")
	b.WriteString(body)
	b.WriteString("\n## Notes\n\n")
	for i := 0; b.Len() < size; i++ {
		s := sentences[i%len(sentences)]
		if b.Len()+len(s)+1 > size && b.Len() > 0 {
			b.WriteString(strings.Repeat("x", max(0, size-b.Len()-1)))
			b.WriteByte('\n')
			break
		}
		b.WriteString(s)
		if i%6 == 5 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return []byte(b.String())
}

var sentences = []string{
	"The cache entries for the product catalog expired within the same second after the deploy.",
	"Requests that missed the cache went to the origin database, which queued them behind each other.",
	"The dashboards showed the latency rising, and the alert on the p95 fired five minutes later.",
	"The on-call engineer rolled the setting back and the latency returned to its usual level.",
	"We will add jitter to the expiry times so that entries do not expire together again.",
	"The load test did not cover a cold cache, which is why the change looked safe in staging.",
}

// Base is a small KB the pathological document is added to, so that the
// site around it has the lists, term pages and runbooks a real one has.
func Base() map[string][]byte {
	files := map[string][]byte{
		"kb.yaml": []byte("title: Pathological\n"),
		"runbooks/cache.md": []byte("---\ntitle: Cache stampede\nservices: [checkout]\nowner: team-core\nlast_reviewed: 2026-01-01\nlast_drilled: 2026-01-01\n---\n" +
			"\n## Trigger\n\nThe miss rate alert.\n\n## Checks\n\nLook at the miss rate.\n\n## Actions\n\nWarm the cache.\n\n## Decision points\n\nNone.\n\n## Rollback\n\nRevert.\n\n## Validation\n\nThe miss rate falls.\n"),
	}
	for i := range 8 {
		files[fmt.Sprintf("postmortems/2025-0%d-10-plain-%d.md", i+1, i)] = Plain(2000)
	}
	return files
}

// WriteKB writes a KB into dir: the Base files, and doc at Path when doc
// is not nil.
func WriteKB(dir string, doc []byte) error { return writeKB(dir, Path, doc) }

// writeKB writes the Base files into dir, and doc at name (over the base's
// file of that name) when doc is not nil.
func writeKB(dir, name string, doc []byte) error {
	files := Base()
	if doc != nil {
		files[name] = doc
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
