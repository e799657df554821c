package lint

import (
	"fmt"
	"slices"

	"github.com/kb-tools/kb/content"
)

func impactRules() []*Rule {
	return []*Rule{
		{Name: "schema/impact", Severity: Warning, Scope: PerDoc, Run: runImpact,
			Doc: "A postmortem of one of the two highest severities of kb.yaml (SEV1 and SEV2 by default) without impact: in its front matter: how many customers or users were affected, the share of requests that failed, the regions, whether data was lost, and the cost where known. The blast radius is what a review of a severe incident is asked first, and what the trends count incidents by."},
	}
}

// severeLevels is how many of kb.yaml's severities, from the first, count
// as severe enough to ask for an impact statement and incident times.
const severeLevels = 2

// severe reports whether a postmortem's severity is one of the KB's
// severeLevels highest.
func severe(p *Pass, d *content.Doc) bool {
	sevs := p.Config.KB.Severities
	return d.Kind == content.KindPostmortem && len(sevs) > 0 && slices.Contains(sevs[:min(severeLevels, len(sevs))], d.Meta.Severity)
}

func runImpact(p *Pass) {
	d := p.Doc
	if !severe(p, d) || d.Meta.Impact.Known() {
		return
	}
	if impactUnreadable(d) {
		return // schema/type says what is wrong with the values
	}
	p.Report(keyPos(d, "severity"), fmt.Sprintf("%s postmortem does not say its blast radius (impact:)", d.Meta.Severity),
		"Add impact: to the front matter, with what is known: users (customers or users affected), failed_requests (share in percent), regions, data_lost (true or false), cost.")
}

// impactUnreadable reports whether impact: is given with values kb could
// not read: a field error stands between the key and the next one.
func impactUnreadable(d *content.Doc) bool {
	for i, k := range d.Keys {
		if k.Name != "impact" {
			continue
		}
		end := int(^uint(0) >> 1)
		if i+1 < len(d.Keys) {
			end = d.Keys[i+1].Pos.Line
		}
		for _, e := range d.FieldErrors {
			if e.Pos.Line >= k.Pos.Line && e.Pos.Line < end {
				return true
			}
		}
	}
	return false
}
