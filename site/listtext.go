package site

import (
	"strconv"
	"strings"
)

// A document is listed on many pages: each of its services' and tags'
// pages, its severity's, its runbooks', the similar incidents of others,
// the lessons of each of its services. What a list row shows of it is cut
// to a bounded length, so that one document with a long title or many
// long values cannot multiply them into every list: the site grows with
// each document by a bounded multiple of its size. The document's own page
// shows everything.

// listChars bounds, in characters, each text a list row shows of a
// document: its title, its services, its severity, its owner.
const listChars = 120

// lessonChars bounds the insight a lesson shows in the lists by service.
const lessonChars = 300

// listText cuts s for a list row.
func listText(s string) string { return truncate(s, listChars) }

// listValues joins values for a list row, as many as fit in listChars,
// and says how many more there are.
func listValues(values []string) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 && b.Len()+len(v) > listChars {
			b.WriteString(" and ")
			b.WriteString(strconv.Itoa(len(values) - i))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(listText(v))
	}
	return b.String()
}
