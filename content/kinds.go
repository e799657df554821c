package content

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// KindSource says how kb decided a document's kind.
type KindSource int

// The ways a document gets its kind, strongest first.
const (
	// KindFromFrontMatter is a kind: key of the document itself.
	KindFromFrontMatter KindSource = iota + 1
	// KindFromConfig is a glob of kb.yaml's kinds:, or the default
	// folders (postmortems/**, runbooks/**) of a KB without kinds:.
	KindFromConfig
	// KindFromShape is kb's guess from the document's sections, title,
	// path and front matter, for a KB without kinds: in kb.yaml (see
	// guessKind).
	KindFromShape
)

// postmortemSections are the sections that make a document read as a
// postmortem when at least minPostmortemSections of them are present:
// the ones the issue names, and lessons learned, which only a postmortem
// has (many teams write a timeline, action items and lessons, and no
// section of impact or causes).
var postmortemSections = []SectionKind{SectionTimeline, SectionImpact, SectionRootCause, SectionActionItems, SectionLessons}

const minPostmortemSections = 3

// postmortemWords are the words of a path or title that name a postmortem.
var postmortemWords = map[string]bool{
	"postmortem": true, "postmortems": true, "incident": true, "incidents": true,
	"retrospective": true, "retrospectives": true,
}

// incidentKeys are front matter keys that only an incident's record has.
var incidentKeys = []string{"severity", "incident_commander", "started", "detected", "mitigated", "resolved"}

// guessKind tells the kind of a document that neither its front matter
// nor kb.yaml's kinds: gives one, in this order:
//
//   - front matter alerts: makes a runbook;
//   - at least three of the sections timeline, impact, root cause (or
//     contributing factors), action items and lessons learned make a
//     postmortem;
//   - most of the sections of a runbook profile make a runbook;
//   - "postmortem", "post-mortem", "incident" or "retrospective" in its
//     title or path, with at least one of those postmortem sections,
//     makes a postmortem (not for a README or index, which is about the
//     documents of its folder; a guide to writing postmortems, with none
//     of their sections, stays a page);
//   - a file name, or for a README or index the folder's name, written as
//     an alert is (KubePodCrashLooping, etcdNoLeader) makes a runbook;
//   - front matter of an incident (severity, incident_commander, started,
//     detected, mitigated, resolved) makes a postmortem;
//
// and anything else is a page.
func guessKind(doc *Doc, vocab *Vocabulary) Kind {
	if len(doc.Meta.Alerts) > 0 {
		return KindRunbook
	}
	present := sectionKindsOf(doc, vocab)
	if countPresent(present, postmortemSections) >= minPostmortemSections {
		return KindPostmortem
	}
	if matchesRunbookProfile(present, vocab) {
		return KindRunbook
	}
	if !isIndexFile(doc.Path) && countPresent(present, postmortemSections) > 0 && (namesPostmortem(doc.Title) || namesPostmortem(doc.Path)) {
		return KindPostmortem
	}
	if isAlertName(nameOf(doc.Path)) {
		return KindRunbook
	}
	for _, k := range incidentKeys {
		if _, ok := doc.KeyPos(k); ok {
			return KindPostmortem
		}
	}
	return KindPage
}

// sectionKindsOf returns the section kinds the document's headings count
// for.
func sectionKindsOf(doc *Doc, vocab *Vocabulary) map[SectionKind]bool {
	present := map[SectionKind]bool{}
	for _, s := range doc.Sections {
		for _, k := range vocab.order {
			if s.Kinds.Has(k) {
				present[k] = true
			}
		}
	}
	return present
}

func countPresent(present map[SectionKind]bool, kinds []SectionKind) int {
	n := 0
	for _, k := range kinds {
		if present[k] {
			n++
		}
	}
	return n
}

// matchesRunbookProfile reports whether more than half of the sections of
// a runbook profile, and at least two, are present.
func matchesRunbookProfile(present map[SectionKind]bool, vocab *Vocabulary) bool {
	for _, name := range vocab.RunbookProfiles() {
		kinds := vocab.RunbookProfile(name)
		if n := countPresent(present, kinds); n >= 2 && 2*n > len(kinds) {
			return true
		}
	}
	return false
}

// namesPostmortem reports whether s holds one of postmortemWords, or
// "post mortem" / "post-mortem", as a word of its own.
func namesPostmortem(s string) bool {
	prev := ""
	for _, w := range words(s) {
		if postmortemWords[w] || prev == "post" && (w == "mortem" || w == "mortems") {
			return true
		}
		prev = w
	}
	return false
}

// words splits s into lower-cased runs of letters, cutting also where a
// lower-case letter meets an upper-case one (PostMortem is two words).
func words(s string) []string {
	var out []string
	start := -1
	var last rune
	for i, r := range s {
		letter := unicode.IsLetter(r)
		if start >= 0 && (!letter || unicode.IsUpper(r) && unicode.IsLower(last)) {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
		if letter && start < 0 {
			start = i
		}
		last = r
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// indexNames are the file names that stand for their folder (as a Hugo
// bundle's index does), lower-cased.
var indexNames = map[string]bool{"readme.md": true, "index.md": true, "_index.md": true,
	"readme.markdown": true, "index.markdown": true, "_index.markdown": true}

// isIndexFile reports whether the file at p is a README, index or _index.
func isIndexFile(p string) bool { return indexNames[strings.ToLower(path.Base(p))] }

// nameOf is the name a document's path gives it: the file name without
// its extension, or for a README, index or _index below the root, the
// name of its folder. A top-level README or index keeps its own name.
func nameOf(p string) string {
	if isIndexFile(p) {
		if dir := path.Dir(p); dir != "." {
			return path.Base(dir)
		}
	}
	return strings.TrimSuffix(path.Base(p), path.Ext(p))
}

// isAlertName reports whether name is written as alerting rules name
// alerts: letters and digits only, starting with a letter, with a word
// boundary inside it: a lower-case letter followed by an upper-case one
// (KubePodCrashLooping, etcdNoLeader), or an acronym followed by a word
// of two or more lower-case letters (SSPDown, DNSErrors; not FAQs). Not
// one word alone, in capitals or not (README, Overview).
func isAlertName(name string) bool {
	first, _ := utf8.DecodeRuneInString(name)
	if name == "" || !unicode.IsLetter(first) {
		return false
	}
	runes := []rune(name)
	boundary := false
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
		if i == 0 || !unicode.IsUpper(r) {
			continue
		}
		prev := runes[i-1]
		acronymEnd := unicode.IsUpper(prev) && i+2 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsLower(runes[i+2])
		if unicode.IsLower(prev) || acronymEnd {
			boundary = true
		}
	}
	return boundary
}

// KindCounts counts the documents of a KB by kind.
type KindCounts struct {
	Postmortems, Runbooks, Pages int
	// Guessed is how many documents had their kind told from their shape
	// (KindFromShape), whatever it came out as; GuessedKinds how many of
	// them came out postmortems or runbooks.
	Guessed, GuessedKinds int
}

// CountKinds counts docs by kind.
func CountKinds(docs []*Doc) KindCounts {
	var c KindCounts
	for _, d := range docs {
		switch d.Kind {
		case KindPostmortem:
			c.Postmortems++
		case KindRunbook:
			c.Runbooks++
		default:
			c.Pages++
		}
		if d.KindFrom == KindFromShape {
			c.Guessed++
			if d.Kind != KindPage {
				c.GuessedKinds++
			}
		}
	}
	return c
}

// Found says what a KB whose kinds kb guessed holds, for a note to the
// user ("7 postmortems, 0 runbooks, 2 pages; set kinds: in kb.yaml to
// change this"): when kb took a document for a postmortem or a runbook by
// its shape, or found none at all by guessing. It is "" when nothing was
// guessed, or only pages beside documents that their folders decide (a
// README beside postmortems/ and runbooks/).
func (c KindCounts) Found() string {
	if c.Guessed == 0 || c.GuessedKinds == 0 && c.Postmortems+c.Runbooks > 0 {
		return ""
	}
	return fmt.Sprintf("%s, %s, %s; set kinds: in kb.yaml to change this",
		plural(c.Postmortems, "postmortem"), plural(c.Runbooks, "runbook"), plural(c.Pages, "page"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
