package site

import (
	"slices"
	"time"

	"github.com/kb-tools/kb/content"
)

// trendsCarry keeps, from one model of a live site to the next, the
// sections of the trends page a change cannot have reached. Every section
// is made from the charted postmortems in order of date (and the
// runbooks), each from a few of their values: when each changed document
// was there before and is there still, of the same kind, date and
// standing in the charts, a section whose values it kept is the same. The
// monthly chart, cheap to make, is made again each time.
type trendsCarry struct {
	prev *trends
	// today is the day prev was made on: overdue items and freshness
	// depend on it.
	today time.Time
	// Which sections the change cannot have reached.
	services, durations, actions, recurring, freshness bool
}

// newTrendsCarry returns the carry from the last model of a live site,
// prev, after the documents at changed changed; now holds the KB's
// documents as they are, by path. It is nil when no section can be kept.
func newTrendsCarry(prev *model, changed []string, now map[string]*content.Doc) *trendsCarry {
	if prev == nil || prev.sd.Trends == nil {
		return nil
	}
	c := &trendsCarry{prev: prev.sd.Trends, today: prev.sd.Today, services: true, durations: true, actions: true, recurring: true, freshness: true}
	named := make(map[string]bool, len(changed))
	for _, path := range changed {
		named[path] = true
	}
	// Every document the change does not name must be the very one the
	// last model had: the carry knows only of the documents named.
	if len(prev.docs) != len(now) {
		return nil
	}
	old := make(map[string]*content.Doc, len(prev.docs))
	for _, p := range prev.docs {
		old[p.Doc.Path] = p.Doc
		if !named[p.Doc.Path] && now[p.Doc.Path] != p.Doc {
			return nil
		}
	}
	for _, path := range changed {
		was, is := old[path], now[path]
		switch {
		case was == nil && is == nil:
			continue // not a document
		case was == nil || is == nil || !sameCharting(was, is, prev.sd):
			return nil
		}
		c.services = c.services && slices.Equal(was.Meta.Services, is.Meta.Services)
		c.durations = c.durations && sameSpans(was, is)
		c.actions = c.actions && sameActionStanding(was.Actions, is.Actions)
		c.recurring = c.recurring && slices.Equal(was.Meta.Tags, is.Meta.Tags) &&
			slices.Equal(was.Meta.ContributingFactors, is.Meta.ContributingFactors)
		c.freshness = c.freshness && sameTime(was.Meta.LastReviewed, is.Meta.LastReviewed) && sameTime(was.Meta.LastDrilled, is.Meta.LastDrilled)
	}
	return c
}

// sameCharting reports whether two versions of a document take the same
// place in the trends: the same kind, the same date, charted alike.
func sameCharting(a, b *content.Doc, sd *siteData) bool {
	return a.Kind == b.Kind && sameTime(a.Date, b.Date) && charted(a, sd) == charted(b, sd)
}

// sameSpans reports whether two versions of a document took as long to
// detect and to resolve.
func sameSpans(a, b *content.Doc) bool {
	ad, aok := a.TimeToDetect()
	bd, bok := b.TimeToDetect()
	ac, acok := a.TimeToContain()
	bc, bcok := b.TimeToContain()
	ar, arok := a.TimeToResolve()
	br, brok := b.TimeToResolve()
	return ad == bd && aok == bok && ac == bc && acok == bcok && ar == br && arok == brok
}

// sameActionStanding reports whether two lists of action items count
// alike in the trends: status, owner and due date, in order.
func sameActionStanding(a, b []content.ActionItem) bool {
	return slices.EqualFunc(a, b, func(x, y content.ActionItem) bool {
		return x.Status == y.Status && x.Owner == y.Owner && sameTime(x.Due, y.Due)
	})
}

// sameTime reports whether two times are both unset, or both set to the
// same instant.
func sameTime(a, b content.Time) bool { return a.Set == b.Set && a.Time.Equal(b.Time) }

// keeps reports whether c holds sections made on the day of sd.
func (c *trendsCarry) keeps(sd *siteData) bool {
	return c != nil && c.today.Equal(sd.Today)
}

// carryInto gives t the sections of the last trends that the change cannot
// have reached, and reports which it gave.
func (c *trendsCarry) carryInto(t *trends, sd *siteData) (services, durations, actions, recurring, freshness bool) {
	if !c.keeps(sd) {
		return
	}
	p := c.prev
	if c.services {
		t.Services, t.ServicesChart, t.ServicesSum = p.Services, p.ServicesChart, p.ServicesSum
	}
	if c.durations {
		t.DurationMonths, t.DetectChart, t.ContainChart, t.ResolveChart, t.DurationSum = p.DurationMonths, p.DetectChart, p.ContainChart, p.ResolveChart, p.DurationSum
	}
	if c.actions {
		t.ActionMonths, t.ActionsChart, t.ActionsSum = p.ActionMonths, p.ActionsChart, p.ActionsSum
		t.CompletionRate, t.OverdueByOwner, t.OverdueTotal = p.CompletionRate, p.OverdueByOwner, p.OverdueTotal
	}
	recurring = c.recurring
	if recurring {
		t.Recurring, recurring = recurrencesIn(p.Recurring, sd)
		t.RecurringSum = p.RecurringSum
	}
	if c.freshness {
		t.Freshness, t.FreshChart, t.FreshnessSum = p.Freshness, p.FreshChart, p.FreshnessSum
	}
	return c.services, c.durations, c.actions, recurring, c.freshness
}

// recurrencesIn returns the recurrences rs of the last model with the
// incidents they list taken from the postmortems of sd, by KB path, or
// false when one of those is not among them.
func recurrencesIn(rs []recurrence, sd *siteData) ([]recurrence, bool) {
	byPath := make(map[string]*page, len(sd.Postmortems))
	for _, p := range sd.Postmortems {
		byPath[p.Doc.Path] = p
	}
	out := make([]recurrence, len(rs))
	for i, r := range rs {
		out[i] = r
		out[i].Latest = make([]*page, len(r.Latest))
		for j, p := range r.Latest {
			if out[i].Latest[j] = byPath[p.Doc.Path]; out[i].Latest[j] == nil {
				return nil, false
			}
		}
	}
	return out, true
}
