package content

// dueWordsBeforeISO are the words that may stand before an ISO due date,
// in the order findDueISO tries them; "due" and "target" may be followed
// by " date".
var dueWordsBeforeISO = []string{"due", "deadline", "target", "eta", "by", "before", "until"}

// findDueISO finds the first ISO due date after a word that says so, the
// common form: "due 2026-03-01", "Due date: 2026-03-01", "by 2026-03-01".
// It returns the match's bounds and the date's, as the regular expression
// in action_due_iso_test.go (dueISORE) would with FindStringSubmatchIndex:
// the word at a word boundary, in any case, then spaces, an optional ":"
// or "=", spaces, and YYYY-MM-DD with no word character after it. A
// differential test and a fuzz target check that the two agree.
func findDueISO(text string) (m [4]int, ok bool) {
	for i := 0; i < len(text); i++ {
		if i > 0 && isASCIIWordAt(text, i-1) {
			continue
		}
		for _, w := range dueWordsBeforeISO {
			if !hasFoldPrefix(text[i:], w) {
				continue
			}
			e := i + len(w)
			if (w == "due" || w == "target") && hasFoldPrefix(text[e:], " date") {
				if d, ok := isoDateAfterDueWord(text, e+len(" date")); ok {
					return [4]int{i, d + 10, d, d + 10}, true
				}
			}
			if d, ok := isoDateAfterDueWord(text, e); ok {
				return [4]int{i, d + 10, d, d + 10}, true
			}
		}
	}
	return m, false
}

// isoDateAfterDueWord reads, from offset e after a due word, spaces, an
// optional ":" or "=", spaces and a date that no word character follows;
// it returns the date's offset.
func isoDateAfterDueWord(text string, e int) (int, bool) {
	j := skipTimeSpace(text, e)
	if j < len(text) && (text[j] == ':' || text[j] == '=') {
		j = skipTimeSpace(text, j+1)
	}
	if !isISODateAt(text, j) || isASCIIWordAt(text, j+10) {
		return 0, false
	}
	return j, true
}
