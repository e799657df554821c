package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestImpact(t *testing.T) {
	for _, c := range []struct {
		name, yaml string
		want       Impact
		errLines   []int // lines of the field errors, in the file
	}{
		{"all", "impact:\n  users: 12000\n  failed_requests: 4.5%\n  regions: [eu-west-1, us-east-1]\n  data_lost: false\n  cost: USD 40,000\n",
			Impact{Given: true, Users: 12000, HasUsers: true, FailedRequests: 4.5, HasFailedRequests: true, Regions: []string{"eu-west-1", "us-east-1"}, HasDataLost: true, Cost: "USD 40,000"}, nil},
		{"customers with separators, share as a number", "impact:\n  customers: \"1,200\"\n  failed_requests: 12\n  data_lost: yes\n",
			Impact{Given: true, Users: 1200, HasUsers: true, FailedRequests: 12, HasFailedRequests: true, DataLost: true, HasDataLost: true}, nil},
		{"underscores, one region", "impact: {users: 1_500, regions: eu-west-1}\n",
			Impact{Given: true, Users: 1500, HasUsers: true, Regions: []string{"eu-west-1"}}, nil},
		{"empty", "impact:\n", Impact{Given: true}, nil},
		{"not a mapping", "impact: most users\n", Impact{Given: true}, []int{2}},
		{"bad values, the rest still read", "impact:\n  users: many\n  failed_requests: 140%\n  data_lost: perhaps\n  regions: [eu]\n  blast: big\n",
			Impact{Given: true, Regions: []string{"eu"}}, []int{3, 4, 5, 7}},
		{"negative users", "impact:\n  users: -3\n", Impact{Given: true}, []int{3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, errs := parse(t, "postmortems/a.md", "---\ntitle: A\n"+strings.TrimPrefix(c.yaml, "\n")+"---\nBody.\n")
			if len(errs) != 0 {
				t.Fatalf("load errors: %v", errs)
			}
			// Lines are counted from the title: impact: is line 2.
			var lines []int
			for _, e := range doc.FieldErrors {
				lines = append(lines, e.Pos.Line-1)
			}
			if !reflect.DeepEqual(lines, c.errLines) {
				t.Errorf("field errors on lines %v, want %v: %v", lines, c.errLines, doc.FieldErrors)
			}
			if !reflect.DeepEqual(doc.Meta.Impact, c.want) {
				t.Errorf("impact %+v, want %+v", doc.Meta.Impact, c.want)
			}
			if doc.Meta.Impact.Known() != !reflect.DeepEqual(c.want, Impact{Given: true}) {
				t.Errorf("Known() = %v for %+v", doc.Meta.Impact.Known(), doc.Meta.Impact)
			}
		})
	}
}
