package content

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// SectionKind is what a section of a document holds, whatever its heading
// calls it: "Follow-ups" and "Corrective and preventive measures" are both
// SectionActionItems.
type SectionKind string

// The section kinds of postmortems and runbooks. A heading may count for
// several ("Remediation" is a postmortem's action items and a runbook's
// steps); the document's kind says which one is meant.
const (
	SectionSummary     SectionKind = "summary"
	SectionImpact      SectionKind = "impact"
	SectionTimeline    SectionKind = "timeline"
	SectionRootCause   SectionKind = "root-cause"
	SectionActionItems SectionKind = "action-items"
	SectionLessons     SectionKind = "lessons"
	// SectionNotes is a sub-heading of remarks ("Notes", "Background")
	// that ends an action-item or timeline section above it.
	SectionNotes SectionKind = "notes"
	// SectionActionsDone is a sub-heading (or a label line) under an
	// action section whose items are done already: "Completed", "What we
	// did", "Immediate actions taken".
	SectionActionsDone SectionKind = "actions-done"
	// SectionActionsOpen is a sub-heading or label that says its items
	// still need work ("Open", "Still to do"), under one that said done.
	SectionActionsOpen SectionKind = "actions-open"

	SectionTrigger        SectionKind = "trigger"
	SectionChecks         SectionKind = "checks"
	SectionSteps          SectionKind = "steps"
	SectionDecisionPoints SectionKind = "decision-points"
	SectionRollback       SectionKind = "rollback"
	SectionValidation     SectionKind = "validation"
	SectionMeaning        SectionKind = "meaning"
	SectionDiagnosis      SectionKind = "diagnosis"
	SectionMitigation     SectionKind = "mitigation"
)

//go:embed data/sections.yaml
var sectionsYAML []byte

// Vocabulary is the one list of section headings kb knows: which headings
// count for which kind of section, which sections a postmortem needs and
// the shapes of runbook it accepts. content reads action items and
// timelines from the sections it names; lint checks the required ones
// against it. A Vocabulary is not changed once made and may be shared.
type Vocabulary struct {
	kinds map[SectionKind]*sectionWords
	order []SectionKind
	// bit numbers the kinds in order, for SectionSet; exact maps each
	// whole heading to the kinds it counts for, and phrases are the
	// phrases that count anywhere in one: one lookup and one short scan
	// tell all the kinds of a heading.
	bit        map[SectionKind]uint
	exact      map[string]uint64
	phrases    []kindPhrase
	byPhrase   *phraseIndex
	postmortem []SectionKind
	profiles   map[string][]SectionKind
	// profileOrder lists the runbook profiles in the order of the data.
	profileOrder []string
}

// kindPhrase is a phrase that makes a heading count for the kinds of bits.
type kindPhrase struct {
	phrase string
	bits   uint64
}

// compile makes the index of whole headings and phrases of every kind.
func (v *Vocabulary) compile() {
	v.exact, v.phrases = map[string]uint64{}, nil
	for i, k := range v.order {
		w := v.kinds[k]
		for h := range w.exact {
			v.exact[h] |= 1 << uint(i)
		}
		for _, c := range w.Contains {
			v.phrases = append(v.phrases, kindPhrase{c, 1 << uint(i)})
		}
	}
	v.byPhrase = newPhraseIndex(v.phrases)
}

// sectionWords are the headings of one kind: whole headings, and phrases
// that count anywhere in a heading as whole words.
type sectionWords struct {
	Name     string   `yaml:"name"`
	Headings []string `yaml:"headings"`
	Contains []string `yaml:"contains"`
	exact    map[string]bool
}

// defaultVocabulary is compiled once from the embedded data, which the
// tests check; it is never changed afterwards (WithHeadings copies).
var defaultVocabulary = sync.OnceValue(func() *Vocabulary {
	v, err := parseVocabulary(sectionsYAML)
	if err != nil {
		panic("content/data/sections.yaml: " + err.Error())
	}
	return v
})

// DefaultVocabulary returns kb's built-in heading vocabulary.
func DefaultVocabulary() *Vocabulary { return defaultVocabulary() }

func parseVocabulary(data []byte) (*Vocabulary, error) {
	var raw struct {
		Kinds      yaml.Node `yaml:"kinds"`
		Postmortem []SectionKind
		Profiles   yaml.Node `yaml:"runbook_profiles"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	v := &Vocabulary{kinds: map[SectionKind]*sectionWords{}, postmortem: raw.Postmortem, profiles: map[string][]SectionKind{}}
	for i := 0; i+1 < len(raw.Kinds.Content); i += 2 {
		k := SectionKind(raw.Kinds.Content[i].Value)
		w := &sectionWords{}
		if err := raw.Kinds.Content[i+1].Decode(w); err != nil {
			return nil, fmt.Errorf("kind %s: %w", k, err)
		}
		w.index()
		v.kinds[k] = w
		v.order = append(v.order, k)
	}
	if len(v.order) > 64 {
		return nil, fmt.Errorf("%d section kinds, more than a SectionSet holds", len(v.order))
	}
	v.bit = make(map[SectionKind]uint, len(v.order))
	for i, k := range v.order {
		v.bit[k] = uint(i)
	}
	v.compile()
	for i := 0; i+1 < len(raw.Profiles.Content); i += 2 {
		var kinds []SectionKind
		if err := raw.Profiles.Content[i+1].Decode(&kinds); err != nil {
			return nil, err
		}
		name := raw.Profiles.Content[i].Value
		v.profiles[name] = kinds
		v.profileOrder = append(v.profileOrder, name)
	}
	for _, ks := range append([][]SectionKind{v.postmortem}, v.profileKinds()...) {
		for _, k := range ks {
			if v.kinds[k] == nil {
				return nil, fmt.Errorf("section kind %q is used but not defined", k)
			}
		}
	}
	return v, nil
}

func (v *Vocabulary) profileKinds() [][]SectionKind {
	out := make([][]SectionKind, 0, len(v.profiles))
	for _, name := range v.profileOrder {
		out = append(out, v.profiles[name])
	}
	return out
}

func (w *sectionWords) index() {
	w.exact = make(map[string]bool, len(w.Headings))
	for _, h := range w.Headings {
		w.exact[NormalizeHeading(h)] = true
	}
	for i, c := range w.Contains {
		w.Contains[i] = NormalizeHeading(c)
	}
}

// containsWords reports whether phrase stands in h with no letter or
// digit touching it on either side.
func containsWords(h, phrase string) bool {
	for from := 0; ; {
		i := strings.Index(h[from:], phrase)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(phrase)
		if (start == 0 || !isWordByte(h[start-1])) && (end == len(h) || !isWordByte(h[end])) {
			return true
		}
		from = start + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// Is reports whether a heading (as written) counts for a section of kind k.
func (v *Vocabulary) Is(k SectionKind, heading string) bool { return v.Set(heading).Has(k) }

// SectionSet is the kinds one heading counts for, as a vocabulary told
// them: a heading normalized and matched once, then asked about each kind.
type SectionSet struct {
	v    *Vocabulary
	bits uint64
}

// Has reports whether the heading counts for a section of kind k.
func (s SectionSet) Has(k SectionKind) bool {
	if s.v == nil {
		return false // no heading's kinds were told
	}
	i, ok := s.v.bit[k]
	return ok && s.bits&(1<<i) != 0
}

// Set returns the kinds a heading (as written) counts for; a trailing
// remark in parentheses does not stop a whole heading from counting
// ("Improvements (short-, medium-, long-term)", "Action items (Q1 2026)").
func (v *Vocabulary) Set(heading string) SectionSet {
	h := NormalizeHeading(heading)
	bits := v.exact[h]
	if i := strings.LastIndexByte(h, '('); i > 0 && strings.HasSuffix(h, ")") {
		bits |= v.exact[strings.TrimSpace(h[:i])]
	}
	bits |= v.byPhrase.bits(h)
	return SectionSet{v: v, bits: bits}
}

// Name returns the heading kb suggests for a section of kind k.
func (v *Vocabulary) Name(k SectionKind) string {
	if w := v.kinds[k]; w != nil {
		return w.Name
	}
	return string(k)
}

// Headings returns the whole headings that count for kind k, the
// suggested name first.
func (v *Vocabulary) Headings(k SectionKind) []string {
	w := v.kinds[k]
	if w == nil {
		return nil
	}
	out := []string{w.Name}
	for _, h := range w.Headings {
		if NormalizeHeading(h) != NormalizeHeading(w.Name) {
			out = append(out, h)
		}
	}
	return out
}

// SectionKinds returns every kind the vocabulary defines.
func (v *Vocabulary) SectionKinds() []SectionKind { return slices.Clone(v.order) }

// Postmortem returns the sections a postmortem needs, in order.
func (v *Vocabulary) Postmortem() []SectionKind { return slices.Clone(v.postmortem) }

// RunbookProfiles returns the names of the runbook profiles, the default
// one first.
func (v *Vocabulary) RunbookProfiles() []string { return slices.Clone(v.profileOrder) }

// RunbookProfile returns the sections of the named runbook profile, or nil.
func (v *Vocabulary) RunbookProfile(name string) []SectionKind { return slices.Clone(v.profiles[name]) }

// WithHeadings returns a copy of v in which more headings count for each
// kind (kb.yaml's sections:). Unknown kinds are left out; the caller
// reports them.
func (v *Vocabulary) WithHeadings(more map[SectionKind][]string) *Vocabulary {
	c := *v
	c.kinds = make(map[SectionKind]*sectionWords, len(v.kinds))
	for k, w := range v.kinds {
		cw := *w
		cw.exact = make(map[string]bool, len(w.exact)+len(more[k]))
		for h := range w.exact {
			cw.exact[h] = true
		}
		for _, h := range more[k] {
			cw.exact[NormalizeHeading(h)] = true
		}
		cw.Headings = append(slices.Clone(w.Headings), more[k]...)
		c.kinds[k] = &cw
	}
	c.compile()
	return &c
}

// NormalizeHeading lower-cases a heading and drops numbering, emoji and
// trailing punctuation: "3. Action Items:" reads as "action items".
func NormalizeHeading(title string) string {
	t := strings.ToLower(strings.TrimSpace(title))
	t = strings.TrimLeft(t, "0123456789.) ")
	t = strings.TrimRight(t, ":. ")
	return strings.TrimSpace(strings.TrimFunc(t, func(r rune) bool { return r > 0x2000 }))
}
