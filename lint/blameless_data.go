package lint

// blamelessData is the shape of lint/data/blameless.yaml.
type blamelessData struct {
	BlameWords      []phraseGroup `yaml:"blame_words"`
	TechnicalTerms  []string      `yaml:"technical_terms"`
	Denials         []string      `yaml:"denials"`
	Counterfactuals struct {
		Phrases     []string `yaml:"phrases"`
		Participles []string `yaml:"participles"`
		Why         string   `yaml:"why"`
		Suggestion  string   `yaml:"suggestion"`
	} `yaml:"counterfactuals"`
	Hindsight       []phraseGroup `yaml:"hindsight"`
	NoticedObjects  []string      `yaml:"noticed_objects"`
	Consequences    []string      `yaml:"consequences"`
	ImperativeVerbs []string      `yaml:"imperative_verbs"`
	SoftwareRoles   []string      `yaml:"software_roles"`
	RoleDeterminers []string      `yaml:"role_determiners"`
	SoftwareVerbs   []string      `yaml:"software_verbs"`
	PersonWords     []string      `yaml:"person_words"`
	CausePhrases    []string      `yaml:"cause_phrases"`
	CauseVerbs      []string      `yaml:"cause_verbs"`
	TeamWords       []string      `yaml:"team_handle_words"`
	FirstNames      []string      `yaml:"first_names"`
}

// phraseGroup is a list of phrases that share why they hurt, what to write
// instead and when they count.
type phraseGroup struct {
	Phrases     []string `yaml:"phrases"`
	NeedsPerson bool     `yaml:"needs_person"`
	Passive     bool     `yaml:"passive"`
	NeedsObject bool     `yaml:"needs_object"`
	Why         string   `yaml:"why"`
	Suggestion  string   `yaml:"suggestion"`
}

func (g phraseGroup) entry() blameEntry {
	return blameEntry{why: g.Why, suggestion: g.Suggestion, needsPerson: g.NeedsPerson, passive: g.Passive, needsObject: g.NeedsObject}
}

// compileBlameless builds the phrase sets and word sets of the blameless
// rules from their data.
func (c *Config) compileBlameless(bl *blamelessData) {
	c.blame = newPhraseSet()
	for _, g := range bl.BlameWords {
		for _, p := range g.Phrases {
			c.blame.add(p, g.entry())
		}
	}
	c.technical = phraseSetOf(bl.TechnicalTerms)
	c.denials = setOf(bl.Denials)
	c.counterfactuals = newPhraseSet()
	for _, p := range bl.Counterfactuals.Phrases {
		c.counterfactuals.add(p, blameEntry{why: bl.Counterfactuals.Why, suggestion: bl.Counterfactuals.Suggestion})
	}
	for _, g := range bl.Hindsight {
		e := g.entry()
		e.hindsight = true
		for _, p := range g.Phrases {
			c.counterfactuals.add(p, e)
		}
	}
	c.noticedObjects = setOf(bl.NoticedObjects)
	c.consequences = setOf(bl.Consequences)
	c.participles = setOf(bl.Counterfactuals.Participles)
	c.imperatives = setOf(bl.ImperativeVerbs)
	c.softwareRoles = setOf(bl.SoftwareRoles)
	c.roleDeterminers = setOf(bl.RoleDeterminers)
	c.softwareVerbs = setOf(bl.SoftwareVerbs)
	c.causePhrases = phraseSetOf(bl.CausePhrases)
	c.causeVerbs = phraseSetOf(bl.CauseVerbs)
	c.personWords = setOf(bl.PersonWords)
	c.firstNames = setOf(bl.FirstNames)
	c.teamWords = bl.TeamWords
}
