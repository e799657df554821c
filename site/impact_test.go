package site

import (
	"testing"

	"github.com/kb-tools/kb/content"
)

func TestImpactText(t *testing.T) {
	for _, c := range []struct {
		in   content.Impact
		want string
	}{
		{content.Impact{}, ""},
		{content.Impact{Users: 1, HasUsers: true}, "1 user"},
		{content.Impact{Users: 12000, HasUsers: true, FailedRequests: 4.5, HasFailedRequests: true,
			Regions: []string{"eu-west-1", "us-east-1"}, HasDataLost: true, Cost: "USD 40,000"},
			"12,000 users · 4.5% of requests failed · eu-west-1, us-east-1 · no data lost · USD 40,000"},
		{content.Impact{Users: 1234567, HasUsers: true, DataLost: true, HasDataLost: true}, "1,234,567 users · data lost"},
		{content.Impact{FailedRequests: 100, HasFailedRequests: true}, "100% of requests failed"},
		{content.Impact{Users: 999, HasUsers: true}, "999 users"},
	} {
		if got := impactText(c.in); got != c.want {
			t.Errorf("impactText(%+v) = %q, want %q", c.in, got, c.want)
		}
	}
}
