package content

import "slices"

// Shape is the form a front matter value takes.
type Shape int

// The shapes of front matter values.
const (
	// ShapeText is a single value (a string, a number, a boolean).
	ShapeText Shape = iota
	// ShapeList is a list of single values, or one comma-separated value.
	ShapeList
	// ShapeDate is a date (YYYY-MM-DD) or a timestamp (see ParseTime).
	ShapeDate
	// ShapeLint is the lint: mapping, {disable: [rule, ...]}.
	ShapeLint
	// ShapeActions is a list of action items: mappings of what, owner,
	// due, status and link (or their synonyms), or sentences.
	ShapeActions
	// ShapeImpact is the impact: mapping of users, failed requests,
	// regions, data lost and cost.
	ShapeImpact
)

// ValueSource says where the allowed values of a field come from.
type ValueSource int

// The sources of allowed values.
const (
	// AnyValue accepts any value of the field's shape.
	AnyValue ValueSource = iota
	// FromSeverities accepts the severities kb.yaml lists.
	FromSeverities
	// FromPostmortemStatuses accepts PostmortemStatuses.
	FromPostmortemStatuses
	// FromKinds accepts the document kinds, in any case.
	FromKinds
	// FromOwners suggests kb.yaml's owners, and accepts any value.
	FromOwners
)

// Field describes one front matter key kb reads.
type Field struct {
	// Name is the key; Aliases are other keys kb reads as the same field.
	Name    string
	Aliases []string
	// Kinds lists the kinds of document that use the field; none means
	// every document.
	Kinds  []Kind
	Shape  Shape
	Values ValueSource
	// Required lists the kinds that must have the field.
	Required []Kind
	// Doc says what the field holds, in a sentence or two.
	Doc string
}

// UsedBy reports whether documents of kind k use the field.
func (f Field) UsedBy(k Kind) bool { return len(f.Kinds) == 0 || slices.Contains(f.Kinds, k) }

// RequiredBy reports whether documents of kind k must have the field.
func (f Field) RequiredBy(k Kind) bool { return slices.Contains(f.Required, k) }

// Keys returns the field's key and its aliases.
func (f Field) Keys() []string { return append([]string{f.Name}, f.Aliases...) }

var (
	onlyPostmortem = []Kind{KindPostmortem}
	onlyRunbook    = []Kind{KindRunbook}
	bothKinds      = []Kind{KindPostmortem, KindRunbook}
)

// Fields returns the front matter fields kb reads, in a fixed order. The
// metadata decoder, lint's schema rules and the JSON Schema of front
// matter (Schema) all work from this table.
func Fields() []Field {
	pm, rb := onlyPostmortem, onlyRunbook
	return []Field{
		{Name: "id", Doc: "The document's id in URLs and cross references; default: the file name, lower-cased, other characters turned into -."},
		{Name: "kind", Values: FromKinds, Doc: "postmortem, runbook or page; default: the folder (postmortems/, runbooks/ or kb.yaml kinds:)."},
		{Name: "title", Required: bothKinds, Doc: "The document's title; default: the first heading."},
		{Name: "owner", Kinds: rb, Values: FromOwners, Required: rb, Doc: "The team that owns the runbook."},
		{Name: "date", Shape: ShapeDate, Required: pm, Doc: "The document's date, for a postmortem the day of the incident; default: a YYYY-MM-DD prefix of the file name."},
		{Name: "description", Aliases: []string{"summary"}, Doc: "A sentence or two shown in lists, search results and the feed."},
		{Name: "severity", Kinds: pm, Values: FromSeverities, Required: pm, Doc: "The incident's severity."},
		{Name: "services", Aliases: []string{"service"}, Shape: ShapeList, Required: bothKinds, Doc: "The services the document is about; each gets a page under /services/."},
		{Name: "status", Kinds: pm, Values: FromPostmortemStatuses, Required: pm, Doc: "Where the postmortem stands: draft, in-review or published."},
		{Name: "tags", Shape: ShapeList, Doc: "Free tags; each gets a page under /tags/."},
		{Name: "authors", Aliases: []string{"author"}, Kinds: pm, Shape: ShapeList, Values: FromOwners, Doc: "The teams or people who wrote the postmortem."},
		{Name: "incident_commander", Kinds: pm, Values: FromOwners, Doc: "The team or person who led the response."},
		{Name: "started", Kinds: pm, Shape: ShapeDate, Doc: "When the incident began (a timestamp, UTC unless a zone is given); started <= detected <= mitigated <= resolved."},
		{Name: "detected", Kinds: pm, Shape: ShapeDate, Doc: "When the incident was noticed; time to detect = detected - started."},
		{Name: "mitigated", Kinds: pm, Shape: ShapeDate, Doc: "When the impact stopped; time to mitigate = mitigated - started."},
		{Name: "resolved", Kinds: pm, Shape: ShapeDate, Doc: "When the incident was over; time to resolve = resolved - started."},
		{Name: "contributing_factors", Kinds: pm, Shape: ShapeList, Doc: "Short names of the conditions that made the incident possible; they are compared across postmortems."},
		{Name: "insight", Kinds: pm, Doc: "One sentence: what this incident taught about the system."},
		{Name: "guardrails", Kinds: pm, Shape: ShapeList, Doc: "The safeguards that would have prevented or limited the incident."},
		{Name: "runbooks", Kinds: pm, Shape: ShapeList, Doc: "Ids of the runbooks related to the incident."},
		{Name: "actions", Kinds: pm, Shape: ShapeActions, Doc: "Action items, each with what, owner, due and status (or in the body's Action items section)."},
		{Name: "impact", Kinds: pm, Shape: ShapeImpact, Doc: "How much the incident cost: users affected, share of requests failed, regions, data lost, money."},
		{Name: "escalation", Kinds: rb, Doc: "Whom to call when the runbook does not help."},
		{Name: "alerts", Kinds: rb, Shape: ShapeList, Doc: "The names of the alerts that send an engineer to this runbook."},
		{Name: "last_reviewed", Kinds: rb, Shape: ShapeDate, Doc: "The day the runbook was last reviewed; kb reports it stale after kb.yaml stale_days."},
		{Name: "last_drilled", Kinds: rb, Shape: ShapeDate, Doc: "The day the runbook was last rehearsed."},
		{Name: "lint", Shape: ShapeLint, Doc: "Lint settings of this document: {disable: [rule, ...]} turns rules off for it."},
	}
}

// FrontMatterKeys returns the front matter keys kb reads: every field's
// key and aliases, in the order of Fields.
func FrontMatterKeys() []string {
	var out []string
	for _, f := range Fields() {
		out = append(out, f.Keys()...)
	}
	return out
}

// RequiredFields returns the keys documents of kind k must have, in the
// order of Fields.
func RequiredFields(k Kind) []string {
	var out []string
	for _, f := range Fields() {
		if f.RequiredBy(k) {
			out = append(out, f.Name)
		}
	}
	return out
}

// PostmortemStatuses returns the statuses of a postmortem.
func PostmortemStatuses() []string { return []string{"draft", "in-review", "published"} }

// ActionStatuses returns the statuses of an action item, as kb stores
// them; ActionStatusWords lists the ways of writing them it reads.
func ActionStatuses() []string {
	return []string{StatusOpen, StatusInProgress, StatusDone, StatusWontDo}
}

// Kinds returns the kinds of document a kind: key may name.
func Kinds() []string { return []string{string(KindPostmortem), string(KindRunbook), string(KindPage)} }

// ActionStatusWords returns the ways of writing an action item's status
// that kb reads as one of ActionStatuses, in any case, sorted.
func ActionStatusWords() []string {
	out := make([]string, 0, len(statusWords))
	for w := range statusWords {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// ActionFieldKeys returns the keys of a front matter action item that kb
// reads as the field field (what, owner, due, status, done, link), sorted
// with field itself first.
func ActionFieldKeys(field string) []string {
	out := []string{field}
	for k, f := range actionFieldNames {
		if f == field && k != field {
			out = append(out, k)
		}
	}
	slices.Sort(out[1:])
	return out
}
