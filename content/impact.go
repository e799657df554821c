package content

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Impact is a postmortem's blast radius as its front matter gives it:
//
//	impact:
//	  users: 12000            # customers or users affected (customers: is the same)
//	  failed_requests: 4.5%   # share of requests that failed, in percent
//	  regions: [eu-west-1]
//	  data_lost: false
//	  cost: USD 40,000        # what it cost, where known, as written
//
// A field left out is not known: its Has flag is false (a region list or a
// cost is known when not empty).
type Impact struct {
	// Given says the front matter has impact:, readable or not.
	Given    bool
	Users    int64
	HasUsers bool
	// FailedRequests is a percentage, 0 to 100.
	FailedRequests    float64
	HasFailedRequests bool
	Regions           []string
	DataLost          bool
	HasDataLost       bool
	Cost              string
}

// ImpactKeys are the keys of impact:, in the order kb documents them;
// customers is another name for users.
var ImpactKeys = []string{"users", "customers", "failed_requests", "regions", "data_lost", "cost"}

// Known reports whether the front matter says anything of the impact.
func (i Impact) Known() bool {
	return i.HasUsers || i.HasFailedRequests || len(i.Regions) > 0 || i.HasDataLost || i.Cost != ""
}

// impact reads impact: {users, failed_requests, regions, data_lost, cost};
// values of the wrong shape and unknown keys are field errors, and the
// rest is still read.
func (d *metaDecoder) impact(n *yaml.Node) Impact {
	out := Impact{Given: true}
	if n == nil || isNull(n) {
		return out
	}
	if n.Kind != yaml.MappingNode {
		d.fieldError(n, "impact should be a mapping such as {users: 1200, failed_requests: 4.5%%, regions: [eu-west-1], data_lost: false}, not a %s", nodeKindName(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := n.Content[i], d.follow(n.Content[i+1])
		switch key.Value {
		case "users", "customers":
			out.Users, out.HasUsers = d.impactCount(key.Value, v)
		case "failed_requests":
			out.FailedRequests, out.HasFailedRequests = d.impactShare(v)
		case "regions", "region":
			out.Regions = d.terms(key, v)
		case "data_lost":
			out.DataLost, out.HasDataLost = d.impactYesNo(v)
		case "cost":
			out.Cost = d.scalar("impact.cost", v)
		default:
			d.fieldError(key, "impact: unknown key %q; the keys are %s", shortValue(key.Value), strings.Join(ImpactKeys, ", "))
		}
	}
	return out
}

// impactCount reads a whole number of users: 1200, "1,200" or "1_200".
func (d *metaDecoder) impactCount(key string, n *yaml.Node) (int64, bool) {
	s := d.scalar("impact."+key, n)
	if s == "" {
		return 0, false
	}
	digits := strings.NewReplacer(",", "", "_", "", " ", "").Replace(s)
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || v < 0 {
		d.fieldError(n, "impact.%s: %q is not a whole number of %s (such as 1200 or 1,200)", key, shortValue(s), key)
		return 0, false
	}
	return v, true
}

// impactShare reads a percentage: 4.5, "4.5%" or "4.5 %".
func (d *metaDecoder) impactShare(n *yaml.Node) (float64, bool) {
	s := d.scalar("impact.failed_requests", n)
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil || v < 0 || v > 100 || v != v {
		d.fieldError(n, "impact.failed_requests: %q is not a share of requests in percent, 0 to 100 (such as 4.5%%)", shortValue(s))
		return 0, false
	}
	return v, true
}

// impactYesNo reads data_lost: true, false, yes or no.
func (d *metaDecoder) impactYesNo(n *yaml.Node) (bool, bool) {
	s := d.scalar("impact.data_lost", n)
	switch strings.ToLower(s) {
	case "":
		return false, false
	case "true", "yes":
		return true, true
	case "false", "no":
		return false, true
	}
	d.fieldError(n, "impact.data_lost: %q is not true or false", shortValue(s))
	return false, false
}
