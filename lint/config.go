package lint

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kb-tools/kb/content"
)

//go:embed data/*.yaml
var dataFiles embed.FS

// Config is the compiled lint configuration: the embedded word lists with
// kb.yaml's additions and removals, rule severities and rule settings. It
// is built once per run and read by every rule.
type Config struct {
	KB content.Config
	// severity overrides a rule's default, by rule id or by area.
	severity map[string]Severity

	blame *phraseSet
	// technical holds terms that start like a blame word ("lazy loading").
	technical *phraseSet
	// denials are the words that deny a blame or cause after them.
	denials         map[string]bool
	counterfactuals *phraseSet
	participles     map[string]bool
	// noticedObjects name what went unnoticed; consequences introduce a
	// subject whose hindsight is already explained.
	noticedObjects, consequences map[string]bool
	// imperatives start instructions, which are not narrative.
	imperatives map[string]bool
	// softwareRoles are role words that also name software; they are people
	// only after one of roleDeterminers.
	softwareRoles   map[string]bool
	roleDeterminers map[string]bool
	// softwareVerbs name what only software does ("reconcile").
	softwareVerbs map[string]bool
	causePhrases  *phraseSet
	causeVerbs    *phraseSet
	// starts marks the first words of the phrase sets above; possessives
	// marks the sets with phrases that start at a word's ending ("'s fault").
	starts      *firstWords
	possessives uint8
	personWords map[string]bool
	firstNames  map[string]bool
	teamWords   []string

	vaguePhrases     map[string]bool
	improvementWords map[string]bool
	vagueAreas       *phraseSet
	bareVerbs        *phraseSet
	// vagueStarts, goalVerbs without meansWords, and areas after
	// areaDeterminers make more items vague (see moreVagueReason).
	vagueStarts                            *phraseSet
	goalVerbs, meansWords, areaDeterminers map[string]bool

	RunbookProfile  string
	RunbookMaxLines int
	InternalIPs     bool
	emailDomains    []string
	secrets         *secretIndex
	// frontMatterKeys are the keys schema/unknown-key accepts: kb's own
	// (kbFrontMatterKeys, content.FrontMatterKeys), Hugo's and kb.yaml
	// lint.front_matter_keys.
	frontMatterKeys   map[string]bool
	kbFrontMatterKeys []string
	// owners are the known owners, lower-cased; empty means any owner.
	owners map[string]bool
	// OwnersFrom says where owners came from, for messages.
	ownersFrom string

	// Problems are mistakes in kb.yaml's lint section.
	Problems []Diagnostic
	// FileErrors are the files lint reads besides the documents (such as
	// CODEOWNERS) that it could not read, reported as load errors are.
	FileErrors []*content.Error
}

// lintSettings is the lint: section of kb.yaml.
type lintSettings struct {
	Rules      map[string]string `yaml:"rules"`
	BlameWords struct {
		Add    []string `yaml:"add"`
		Remove []string `yaml:"remove"`
	} `yaml:"blame_words"`
	RunbookProfile      string   `yaml:"runbook_profile"`
	RunbookMaxLines     int      `yaml:"runbook_max_lines"`
	InternalIPs         *bool    `yaml:"internal_ips"`
	AllowedEmailDomains []string `yaml:"allowed_email_domains"`
	FrontMatterKeys     []string `yaml:"front_matter_keys"`
}

var lintKeys = []string{"rules", "blame_words", "runbook_profile", "runbook_max_lines", "internal_ips", "allowed_email_domains", "front_matter_keys"}

// NewConfig compiles the lint configuration of a KB rooted at root.
func NewConfig(files *content.Files, kbc content.Config, rules []*Rule) (*Config, error) {
	c := &Config{KB: kbc, severity: map[string]Severity{}, RunbookProfile: "auto", RunbookMaxLines: 80, InternalIPs: true}
	if err := c.loadData(); err != nil {
		return nil, err
	}
	var s lintSettings
	if kbc.Lint != nil {
		c.decodeSettings(kbc.Lint, &s, rules)
	}
	for _, p := range s.BlameWords.Add {
		c.blame.add(p, blameEntry{why: `"{phrase}" is on this KB's list of blaming words.`,
			suggestion: "Describe the conditions that made the action natural instead of judging the person."})
	}
	for _, p := range s.BlameWords.Remove {
		c.blame.remove(p)
	}
	if s.RunbookProfile != "" {
		c.RunbookProfile = s.RunbookProfile
	}
	if s.RunbookMaxLines > 0 {
		c.RunbookMaxLines = s.RunbookMaxLines
	}
	if s.InternalIPs != nil {
		c.InternalIPs = *s.InternalIPs
	}
	c.emailDomains = append([]string{"example.com", "example.org", "example.net", "example", "test", "invalid", "localhost", "local"}, s.AllowedEmailDomains...)
	for _, k := range s.FrontMatterKeys {
		c.frontMatterKeys[k] = true
	}
	c.indexPhrases()
	c.secrets = newSecretIndex(secretPatterns)
	c.loadOwners(files)
	return c, nil
}

// indexPhrases marks which words may start a phrase of which set, once the
// lists are final.
func (c *Config) indexPhrases() {
	c.starts = newFirstWords()
	for i, s := range []*phraseSet{c.blame, c.counterfactuals, c.causePhrases, c.causeVerbs, c.technical} {
		bit := uint8(1) << i
		c.starts.add(s, bit)
		if len(s.suffixes) > 0 {
			c.possessives |= bit
		}
	}
}

// decodeSettings reads the lint: node, reporting what it cannot use with
// its kb.yaml position.
func (c *Config) decodeSettings(n *yaml.Node, s *lintSettings, rules []*Rule) {
	if n.Kind != yaml.MappingNode {
		c.problem(n, "lint should be a mapping of settings")
		return
	}
	profileNode := n
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "runbook_profile" {
			profileNode = v
		}
		if !slices.Contains(lintKeys, k.Value) {
			c.problem(k, fmt.Sprintf("unknown lint setting %q%s", k.Value, didYouMean(k.Value, lintKeys)))
			continue
		}
		one := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}
		if err := one.Decode(s); err != nil {
			c.problem(v, fmt.Sprintf("lint.%s: %s", k.Value, strings.TrimPrefix(err.Error(), "yaml: ")))
			continue
		}
		if k.Value == "runbook_max_lines" && v.ShortTag() != "!!null" && s.RunbookMaxLines <= 0 {
			c.problem(v, fmt.Sprintf("lint.runbook_max_lines should be a number of lines above 0, not %q; %d is used", v.Value, c.RunbookMaxLines))
			s.RunbookMaxLines = 0
		}
		if k.Value == "rules" && v.Kind == yaml.MappingNode {
			c.checkRuleSettings(v, rules)
		}
	}
	for id, sev := range s.Rules {
		if level, ok := ParseSeverity(sev); ok {
			c.severity[id] = level
		}
	}
	if p := s.RunbookProfile; p != "" && p != "auto" && c.KB.Vocabulary().RunbookProfile(p) == nil {
		c.problem(profileNode, fmt.Sprintf("lint.runbook_profile %q is not auto or one of %s", p, strings.Join(c.KB.Vocabulary().RunbookProfiles(), ", ")))
		s.RunbookProfile = ""
	}
}

func (c *Config) checkRuleSettings(n *yaml.Node, rules []*Rule) {
	var names []string
	areas := map[string]bool{}
	for _, r := range rules {
		names = append(names, r.Name)
		areas[r.Area()] = true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(names, k.Value) && !areas[k.Value] {
			c.problem(k, fmt.Sprintf("unknown rule %q%s", k.Value, didYouMean(k.Value, names)))
		}
		if _, ok := ParseSeverity(v.Value); !ok {
			c.problem(v, fmt.Sprintf("severity of %s must be error, warning, info or off, not %q", k.Value, v.Value))
		}
	}
}

func (c *Config) problem(n *yaml.Node, msg string) {
	c.Problems = append(c.Problems, Diagnostic{
		Pos:  content.Pos{File: content.ConfigFile, Line: n.Line, Col: n.Column},
		Rule: "schema/config", Severity: Error, Message: msg,
	})
}

// SeverityOf returns the severity a rule runs at: the kb.yaml setting for
// its id, else for its area, else its default.
func (c *Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.severity[r.Name]; ok {
		return s
	}
	if s, ok := c.severity[r.Area()]; ok {
		return s
	}
	return r.Severity
}

// loadData compiles the embedded word lists.
func (c *Config) loadData() error {
	var bl blamelessData
	var ac struct {
		VaguePhrases     []string `yaml:"vague_phrases"`
		ImprovementWords []string `yaml:"improvement_words"`
		VagueAreas       []string `yaml:"vague_areas"`
		BareVerbs        []string `yaml:"bare_verbs"`
		VagueStarts      []string `yaml:"vague_starts"`
		GoalVerbs        []string `yaml:"goal_verbs"`
		MeansWords       []string `yaml:"means_words"`
		AreaDeterminers  []string `yaml:"area_determiners"`
	}
	for name, v := range map[string]any{"blameless.yaml": &bl, "actions.yaml": &ac} {
		data, err := dataFiles.ReadFile("data/" + name)
		if err != nil {
			return err
		}
		if err := yaml.Unmarshal(data, v); err != nil {
			return fmt.Errorf("lint/data/%s: %w", name, err)
		}
	}
	c.compileBlameless(&bl)
	c.vaguePhrases = setOf(ac.VaguePhrases)
	c.improvementWords = setOf(ac.ImprovementWords)
	c.vagueAreas = phraseSetOf(ac.VagueAreas)
	c.bareVerbs = phraseSetOf(ac.BareVerbs)
	c.vagueStarts = phraseSetOf(ac.VagueStarts)
	c.goalVerbs, c.meansWords, c.areaDeterminers = setOf(ac.GoalVerbs), setOf(ac.MeansWords), setOf(ac.AreaDeterminers)
	c.frontMatterKeys = make(map[string]bool)
	c.kbFrontMatterKeys = content.FrontMatterKeys()
	for _, k := range append(c.kbFrontMatterKeys, hugoFrontMatterKeys...) {
		c.frontMatterKeys[k] = true
	}
	return nil
}

// loadOwners reads the known owners: kb.yaml's owners, else the teams of a
// CODEOWNERS file at the KB root, in .github/ or in docs/.
func (c *Config) loadOwners(files *content.Files) {
	c.owners = map[string]bool{}
	for _, o := range c.KB.Owners {
		c.owners[normalizeOwner(o)] = true
	}
	if len(c.owners) > 0 {
		c.ownersFrom = "kb.yaml owners"
		return
	}
	for _, p := range []string{"CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"} {
		data, err := files.ReadFile(p, content.Limit{Bytes: content.ConfigBytes})
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			c.FileErrors = append(c.FileErrors, content.FileLoadError(p, err))
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			fields := strings.Fields(line)
			for _, f := range fields[min(1, len(fields)):] {
				if strings.HasPrefix(f, "@") {
					c.owners[normalizeOwner(f)] = true
					if _, team, ok := strings.Cut(f, "/"); ok {
						c.owners[normalizeOwner(team)] = true
					}
				}
			}
		}
		c.ownersFrom = p
		return
	}
}

func normalizeOwner(o string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(o), "@"))
}

// knownOwners lists the known owners, sorted, for suggestions.
func (c *Config) knownOwners() []string {
	out := make([]string, 0, len(c.owners))
	for o := range c.owners {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

func setOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

// didYouMean returns "; did you mean "x"?" for the nearest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if c := content.Closest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}
