package site

import (
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// impactText says a postmortem's blast radius in one line, the parts it
// gives in a fixed order: "12,000 users · 4.5% of requests failed ·
// eu-west-1, us-east-1 · no data lost · USD 40,000".
func impactText(im content.Impact) string {
	var parts []string
	if im.HasUsers {
		unit := " users"
		if im.Users == 1 {
			unit = " user"
		}
		parts = append(parts, groupDigits(im.Users)+unit)
	}
	if im.HasFailedRequests {
		parts = append(parts, strconv.FormatFloat(im.FailedRequests, 'f', -1, 64)+"% of requests failed")
	}
	if len(im.Regions) > 0 {
		parts = append(parts, strings.Join(im.Regions, ", "))
	}
	if im.HasDataLost {
		if im.DataLost {
			parts = append(parts, "data lost")
		} else {
			parts = append(parts, "no data lost")
		}
	}
	if im.Cost != "" {
		parts = append(parts, im.Cost)
	}
	return strings.Join(parts, " · ")
}

// groupDigits writes n with a comma between each group of three digits.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
