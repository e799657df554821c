package site

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A document is listed on many pages: each of its services' and tags'
// pages, its severity's, its runbooks', the similar incidents of others,
// the lessons of each of its services. What a list row shows of it is cut
// to a bounded length, so that one document with a long title or many
// long values cannot multiply them into every list: the site grows with
// each document by a bounded multiple of its size. The document's own page
// shows everything.

// listChars bounds, in characters, each text a list row shows of a
// document: its title, its services, its severity, its owner; and the
// list of its services as a whole.
const listChars = 120

// lessonChars bounds the insight a lesson shows in the lists by service.
const lessonChars = 300

// guardrailChars bounds the list of guardrails a lesson shows in the lists
// by service. Guardrails are phrases ("retry budget with jittered
// backoff"), and an incident has a few: the list gets the room of the
// insight beside it rather than that of a row of service names.
const guardrailChars = lessonChars

// listText cuts s for a list row.
func listText(s string) string { return truncate(s, listChars) }

// listValues joins values for a list row, as many as fit in budget
// characters (the separators counted, and each value cut to listChars),
// and says how many more there are. The first value is always shown.
func listValues(values []string, budget int) string {
	var b strings.Builder
	chars := 0
	for i, v := range values {
		v = listText(v)
		n := utf8.RuneCountInString(v)
		if i > 0 {
			n += len(", ")
		}
		if i > 0 && chars+n > budget {
			b.WriteString(" and ")
			b.WriteString(strconv.Itoa(len(values) - i))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v)
		chars += n
	}
	return b.String()
}
