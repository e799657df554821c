package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"time"
)

// action is one follow-up item of a postmortem.
type action struct {
	what, owner, status, link string
	due                       time.Time
}

// Ways a postmortem lists its action items.
const (
	actionsFrontMatter = iota
	actionsTable
	actionsTaskList
)

// weighted returns an index into weights, drawn proportionally.
func weighted(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// expMinutes returns a duration of at least lo minutes with an exponential
// tail of the given mean, capped at hi minutes.
func expMinutes(r *rand.Rand, lo, mean, hi int) time.Duration {
	m := lo + int(r.ExpFloat64()*float64(mean))
	return time.Duration(min(m, hi)) * time.Minute
}

type event struct {
	at   time.Time
	text string
}

var (
	startEvents = []string{"Deploy of {svc} {ver} begins", "The {cause} is applied in {region}",
		"Traffic to {svc} starts climbing", "First errors appear in the {svc} logs",
		"Scheduled maintenance on the {comp} starts"}
	midEvents = []string{"Dashboards show {comp} saturation on {svc}", "Traffic shifted away from {region}",
		"Rollback of {svc} to {ver} started", "Status page updated", "Engaged {team} for the {comp}",
		"Scaled {svc} out to {n} replicas", "Identified the {cause} as the trigger",
		"Paused the {svc} deploy pipeline", "Error rate on {svc} starts to fall",
		"Customer support notified about failed requests", "Restarted the {comp} on {svc}",
		"Disabled the new feature flag for {svc}"}
	postEvents = []string{"Error rates back to baseline on {svc}", "Backlog on the {comp} drained",
		"Monitoring period started", "Status page set to monitoring", "Backfill of delayed {svc} jobs finished"}
)

// renderPostmortem writes postmortem j of the plan to buf and returns the
// set of teams it mentions.
func renderPostmortem(buf *bytes.Buffer, p *plan, j int, r *rand.Rand) uint64 {
	pm := &p.pms[j]
	c := &docCtx{r: r, cause: pm.cause}
	for _, s := range pm.svcs {
		c.svcs = append(c.svcs, services[s])
	}
	c.comps = pickN(r, components, 3)
	c.team = c.teamFor(pm.svcs[0])
	c.alert = camel(c.svcs[0]) + pick(r, alertSuffixes)

	sev := severities[weighted(r, 6, 22, 45, 27)]
	status := []string{"published", "in-review", "draft"}[weighted(r, 80, 12, 8)]
	detected := pm.start.Add(expMinutes(r, 1, 12, 240))
	mitigated := detected.Add(expMinutes(r, 3, 40, 600))
	resolved := mitigated.Add(expMinutes(r, 5, 180, 4000))
	authors := []string{c.team}
	if r.IntN(3) == 0 {
		if a := c.useTeam(r.IntN(len(teams))); a != c.team {
			authors = append(authors, a)
		}
	}
	ic := c.team
	if r.IntN(3) == 0 {
		ic = c.useTeam(r.IntN(len(teams)))
	}
	factors := pickN(r, contributingFactors, 1+r.IntN(3))
	guardrails := pickN(r, guardrailList, 1+r.IntN(3))

	// Related runbooks: mostly ones for the same services.
	var rbs []int
	for range r.IntN(4) {
		var cand []int
		if r.IntN(4) > 0 {
			cand = p.byService[pm.svcs[r.IntN(len(pm.svcs))]]
		}
		if len(cand) == 0 && len(p.runbooks) > 0 && r.IntN(2) == 0 {
			rbs = append(rbs, r.IntN(len(p.runbooks)))
		} else if len(cand) > 0 {
			rbs = append(rbs, cand[r.IntN(len(cand))])
		}
	}
	slices.Sort(rbs)
	rbs = slices.Compact(rbs)

	form := weighted(r, 35, 35, 30)
	whats := pickN(r, actionTemplates, 2+r.IntN(5))
	actions := make([]action, len(whats))
	for k := range actions {
		a := &actions[k]
		a.what = c.fill(whats[k])
		a.owner = c.teamFor(pm.svcs[r.IntN(len(pm.svcs))])
		a.due = pm.start.AddDate(0, 0, 7+r.IntN(110)).Truncate(24 * time.Hour)
		if form == actionsTaskList {
			a.status = []string{"done", "open"}[weighted(r, 55, 45)]
		} else {
			a.status = []string{"done", "open", "in-progress", "wont-do"}[weighted(r, 45, 33, 16, 6)]
		}
		if (a.status == "open" || a.status == "in-progress") && r.IntN(10) == 0 {
			a.due = a.due.AddDate(0, 6+r.IntN(7), 0) // longer-term work
		}
		if r.IntN(2) == 0 {
			a.link = fmt.Sprintf("https://tracker.example/%s-%d", trackerKey(a.owner), 100+r.IntN(9000))
		}
	}

	// Front matter.
	buf.WriteString("---\n")
	fmt.Fprintf(buf, "title: %s\n", yamlScalar(pm.title, false))
	fmt.Fprintf(buf, "date: %s\n", fmtDate(pm.start))
	fmt.Fprintf(buf, "severity: %s\n", sev)
	fmt.Fprintf(buf, "status: %s\n", status)
	fmt.Fprintf(buf, "services: %s\n", yamlList(c.svcs))
	fmt.Fprintf(buf, "tags: %s\n", yamlList(pickN(r, tagList, 1+r.IntN(4))))
	fmt.Fprintf(buf, "authors: %s\n", yamlList(authors))
	fmt.Fprintf(buf, "incident_commander: %s\n", ic)
	for _, kv := range []struct {
		k string
		t time.Time
	}{{"started", pm.start}, {"detected", detected}, {"mitigated", mitigated}, {"resolved", resolved}} {
		fmt.Fprintf(buf, "%-10s %s\n", kv.k+":", kv.t.Format(time.RFC3339))
	}
	fmt.Fprintf(buf, "contributing_factors: %s\n", yamlList(factors))
	fmt.Fprintf(buf, "insight: %s\n", yamlScalar(c.fill(pick(r, insights)), false))
	fmt.Fprintf(buf, "guardrails: %s\n", yamlList(guardrails))
	if len(rbs) > 0 {
		ids := make([]string, len(rbs))
		for k, i := range rbs {
			ids[k] = p.runbooks[i].id
		}
		fmt.Fprintf(buf, "runbooks: %s\n", yamlList(ids))
	}
	if form == actionsFrontMatter {
		buf.WriteString("actions:\n")
		for _, a := range actions {
			fmt.Fprintf(buf, "  - what: %s\n", yamlScalar(a.what, false))
			fmt.Fprintf(buf, "    owner: %s\n", a.owner)
			fmt.Fprintf(buf, "    due: %s\n", fmtDate(a.due))
			fmt.Fprintf(buf, "    status: %s\n", a.status)
			if a.link != "" {
				fmt.Fprintf(buf, "    link: %s\n", a.link)
			}
		}
	}
	buf.WriteString("---\n\n")

	// Body.
	var b body
	b.text("## Summary\n\n")
	b.para(4)
	if r.IntN(2) == 0 {
		b.para(2)
	}

	b.text("## Impact\n\n")
	b.para(2)
	dur := int(mitigated.Sub(detected).Minutes())
	b.textf("- About %d.%d%% of %s requests failed over %d minutes.\n", 1+r.IntN(40), r.IntN(10), c.svcs[0], dur)
	if r.IntN(2) == 0 {
		b.textf("- Roughly %d customers saw errors or slow responses.\n", 50+r.IntN(50000))
	}
	b.textf("- The %s availability SLO consumed %d%% of its monthly error budget.\n\n", c.svcs[0], 2+r.IntN(95))

	b.text("## Timeline\n\n")
	b.text(timeline(c, sev, pm.start, detected, mitigated, resolved))

	b.text("## Contributing factors\n\n")
	b.para(2)
	for _, f := range factors {
		b.item(2, "- **"+f+"**: ", "  ")
	}
	b.text("\n")
	if r.IntN(100) < 35 {
		b.para(1)
		b.text(snippet(c))
	}

	b.text("## Lessons learned\n\n")
	b.text("### What went well\n\n")
	b.para(2)
	b.text("### What went wrong\n\n")
	b.para(3)
	if r.IntN(2) == 0 {
		b.text("### Where we got lucky\n\n")
		b.para(1)
	}

	b.text("## Action items\n\n")
	switch form {
	case actionsFrontMatter:
		b.text("The action items for this incident are listed in the front matter and tracked by their owners.\n\n")
	case actionsTable:
		var t strings.Builder
		t.WriteString("| Action | Owner | Due | Status |\n|---|---|---|---|\n")
		for _, a := range actions {
			what := a.what
			if a.link != "" {
				what += " ([" + path.Base(a.link) + "](" + a.link + "))"
			}
			fmt.Fprintf(&t, "| %s | %s | %s | %s |\n", what, a.owner, fmtDate(a.due), a.status)
		}
		t.WriteString("\n")
		b.text(t.String())
	case actionsTaskList:
		var t strings.Builder
		for _, a := range actions {
			box := " "
			if a.status == "done" {
				box = "x"
			}
			fmt.Fprintf(&t, "- [%s] %s — owner: %s, due: %s\n", box, a.what, a.owner, fmtDate(a.due))
		}
		t.WriteString("\n")
		b.text(t.String())
	}

	if len(rbs) > 0 && r.IntN(10) < 7 {
		var t strings.Builder
		t.WriteString("## Related runbooks\n\n")
		for _, i := range rbs {
			rb := &p.runbooks[i]
			fmt.Fprintf(&t, "- [%s](../../%s)\n", rb.title, rb.path)
		}
		t.WriteString("\n")
		b.text(t.String())
	}

	g := c.newText()
	b.render(buf, g, minTarget+r.IntN(maxTarget-minTarget+1))
	trimTrailingNewlines(buf)
	return c.mask
}

// timeline renders the incident timeline as a table or a list.
func timeline(c *docCtx, sev string, started, detected, mitigated, resolved time.Time) string {
	r := c.r
	ack := earliest(detected.Add(time.Duration(1+r.IntN(5))*time.Minute), mitigated)
	declared := earliest(ack.Add(time.Duration(r.IntN(10))*time.Minute), mitigated)
	evs := []event{
		{started, c.fill(pick(r, startEvents))},
		{detected, "Alert `" + c.alert + "` fires for " + c.svcs[0]},
		{ack, "On-call engineer from " + c.team + " acknowledges the page"},
		{declared, "**Incident declared** as " + sev + "; " + c.team + " takes incident command"},
	}
	between := func(a, b time.Time) time.Time {
		d := b.Sub(a)
		if d <= 0 {
			return a
		}
		return a.Add(time.Duration(r.Int64N(int64(d)))).Truncate(time.Minute)
	}
	for range 2 + r.IntN(5) {
		t := between(declared, mitigated)
		evs = append(evs, event{t, c.fill(pick(r, midEvents))})
	}
	evs = append(evs, event{mitigated, "Mitigation in place; " + c.svcs[0] + " error rate drops"})
	for range r.IntN(3) {
		t := between(mitigated, resolved)
		evs = append(evs, event{t, c.fill(pick(r, postEvents))})
	}
	evs = append(evs, event{resolved, "Incident resolved"})
	slices.SortStableFunc(evs, func(a, b event) int { return a.at.Compare(b.at) })

	var t strings.Builder
	if r.IntN(100) < 55 {
		t.WriteString("| Time (UTC) | Event |\n|---|---|\n")
		for _, e := range evs {
			fmt.Fprintf(&t, "| %s | %s |\n", e.at.Format("2006-01-02 15:04"), e.text)
		}
	} else {
		for _, e := range evs {
			fmt.Fprintf(&t, "- %s — %s\n", e.at.Format("2006-01-02 15:04"), e.text)
		}
	}
	t.WriteString("\n")
	return t.String()
}

// earliest returns the earlier of a and b.
func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// snippet returns a fenced code block of the kind pasted into postmortems.
func snippet(c *docCtx) string {
	r := c.r
	svc := c.svcs[0]
	switch r.IntN(3) {
	case 0:
		return codeBlock("diff",
			" "+svc+":",
			"   cache:",
			fmt.Sprintf("-    ttl_seconds: %d", 60*(1+r.IntN(10))),
			fmt.Sprintf("+    ttl_seconds: %d", 60*(1+r.IntN(10))),
			fmt.Sprintf("+    ttl_jitter_seconds: %d", 5+r.IntN(60)),
			fmt.Sprintf("     max_connections: %d", 16<<r.IntN(4)))
	case 1:
		return codeBlock("text",
			fmt.Sprintf("level=error service=%s msg=\"upstream request timeout\" upstream=%s latency_ms=%d", svc, pick(r, services), 1000+r.IntN(9000)),
			fmt.Sprintf("level=warn service=%s msg=\"connection pool exhausted\" in_use=%d waiting=%d", svc, 32+r.IntN(100), r.IntN(500)),
			fmt.Sprintf("level=error service=%s msg=\"retry budget exceeded\" attempts=%d", svc, 3+r.IntN(5)))
	default:
		return codeBlock("promql",
			fmt.Sprintf("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service=%q}[5m])))", svc),
			fmt.Sprintf("sum(rate(http_requests_total{service=%q,code=~\"5..\"}[5m])) / sum(rate(http_requests_total{service=%q}[5m]))", svc, svc))
	}
}

// trimTrailingNewlines leaves exactly one newline at the end of buf.
func trimTrailingNewlines(buf *bytes.Buffer) {
	b := buf.Bytes()
	n := len(b)
	for n > 0 && b[n-1] == '\n' {
		n--
	}
	buf.Truncate(n)
	buf.WriteByte('\n')
}
