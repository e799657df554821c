package site

import (
	"sort"

	"github.com/kb-tools/kb/content"
)

// statsBucket gathers what one group of a grouping counts.
type statsBucket struct {
	name string
	// incidents count, with their action items; items are action items
	// counted on their own (by owner).
	incidents []*content.Doc
	items     []*content.ActionItem
	runbooks  []*content.Doc
}

// buckets keeps the buckets of a grouping by folded name, in the order
// they were first seen.
type buckets struct {
	order []*statsBucket
	byKey map[string]*statsBucket
}

func (b *buckets) get(name string) *statsBucket {
	if b.byKey == nil {
		b.byKey = map[string]*statsBucket{}
	}
	k := groupKey(name)
	if x := b.byKey[k]; x != nil {
		return x
	}
	x := &statsBucket{name: name}
	b.byKey[k] = x
	b.order = append(b.order, x)
	return x
}

// groups works out the figures of each group of the grouping by (one of
// StatsGroupings): see StatsGroupings for what counts where.
func (in *statsInput) groups(by string) []Group {
	var b buckets
	withRunbooks := by == "service" || by == "owner"
	switch by {
	case "severity":
		for _, s := range in.kb.Config.Severities {
			b.get(s)
		}
		in.eachIncident(&b, func(d *content.Doc) []string { return nonEmpty(d.Meta.Severity, "") })
	case "month":
		in.eachIncident(&b, func(d *content.Doc) []string { return []string{monthOf(d.Date.Time)} })
	case "quarter":
		in.eachIncident(&b, func(d *content.Doc) []string { return []string{quarterOf(d.Date.Time)} })
	case "service":
		in.eachIncident(&b, func(d *content.Doc) []string { return orNone(d.Meta.Services, noService) })
		for _, d := range in.runbooks {
			for _, s := range orNone(d.Meta.Services, noService) {
				x := b.get(s)
				x.runbooks = append(x.runbooks, d)
			}
		}
	case "owner":
		for _, d := range in.incidents {
			x := b.get(nonEmpty(d.Meta.IncidentCommander, noCommander)[0])
			x.incidents = append(x.incidents, d)
		}
		for _, d := range in.postmortems {
			for i := range d.Actions {
				x := b.get(nonEmpty(d.Actions[i].Owner, noOwner)[0])
				x.items = append(x.items, &d.Actions[i])
			}
		}
		for _, d := range in.runbooks {
			x := b.get(nonEmpty(d.Meta.Owner, noOwner)[0])
			x.runbooks = append(x.runbooks, d)
		}
	}
	out := make([]Group, 0, len(b.order))
	for _, x := range b.order {
		actionsOf := x.incidents
		if by == "owner" {
			actionsOf = nil // the items count by their own owner
		}
		out = append(out, Group{Key: x.name, Figures: in.figures(x.incidents, actionsOf, x.items, x.runbooks, withRunbooks)})
	}
	switch by {
	case "service", "owner":
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].Incidents != out[j].Incidents {
				return out[i].Incidents > out[j].Incidents
			}
			return out[i].Key < out[j].Key
		})
	case "month", "quarter":
		sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	}
	return out
}

// eachIncident puts each incident, with its action items, in the buckets
// keys names; the action items of the postmortems left out of the
// incidents (undated, or with dates out of range) have no group.
func (in *statsInput) eachIncident(b *buckets, keys func(*content.Doc) []string) {
	for _, d := range in.incidents {
		for _, k := range keys(d) {
			x := b.get(k)
			x.incidents = append(x.incidents, d)
		}
	}
}

// nonEmpty is s as a list of one, or none when both s and none are empty.
func nonEmpty(s, none string) []string {
	if s == "" {
		s = none
	}
	if s == "" {
		return nil
	}
	return []string{s}
}

// orNone is the values, or none alone when there are no values.
func orNone(values []string, none string) []string {
	if len(values) == 0 {
		return []string{none}
	}
	return dedupe(values)
}
