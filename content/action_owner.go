package content

import (
	"unicode"
	"unicode/utf8"
)

// ownerWords are the words that may name an action item's owner before
// ":" or "=", in the order findOwnerToken tries them.
var ownerWords = []string{"owner", "owners", "assignee", "assignees", "assigned to", "who", "dri"}

// findOwnerToken finds the first owner token of an item's text ("owner:
// @sre", "Assignee = 田中") and returns the bounds of the match and of the
// owner, as the regular expression in action_owner_test.go (ownerTokenRE)
// would with FindStringSubmatchIndex: one of ownerWords at a word
// boundary, in any case (an "s" may be written "ſ", as case-insensitive
// matching reads it), spaces, ":" or "=", spaces, then an optional "@" and
// a run of letters, marks, digits and "_.-/". A differential test and a
// fuzz target check that the two agree.
func findOwnerToken(text string) []int {
	for i := 0; i < len(text); i++ {
		if i > 0 && isASCIIWordAt(text, i-1) {
			continue
		}
		for _, w := range ownerWords {
			e, ok := foldedWordAt(text, i, w)
			if !ok {
				continue
			}
			if v, end, ok := ownerAfterWord(text, e); ok {
				return []int{i, end, v, end}
			}
		}
	}
	return nil
}

// foldedWordAt reports whether w, a lower-case ASCII word with spaces,
// stands at offset i of text in any case, and returns the offset after it.
func foldedWordAt(text string, i int, w string) (int, bool) {
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c == 's' {
			j, ok := foldedS(text, i)
			if !ok {
				return 0, false
			}
			i = j
			continue
		}
		if i >= len(text) || lowerASCII(text[i]) != c {
			return 0, false
		}
		i++
	}
	return i, true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ownerAfterWord reads, from offset e after an owner word, spaces, ":" or
// "=", spaces and the owner: an optional "@" and at least one character of
// the owner's run. It returns where the owner starts and ends.
func ownerAfterWord(text string, e int) (start, end int, ok bool) {
	j := skipTimeSpace(text, e)
	if j >= len(text) || text[j] != ':' && text[j] != '=' {
		return 0, 0, false
	}
	start = skipTimeSpace(text, j+1)
	k := start
	if k < len(text) && text[k] == '@' {
		k++
	}
	end = k
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isOwnerRune(r) {
			break
		}
		end += size
	}
	if end == k {
		return 0, 0, false
	}
	return start, end, true
}

// isOwnerRune reports the characters of an owner's name: letters, marks,
// digits and "_.-/".
func isOwnerRune(r rune) bool {
	return r == '_' || r == '.' || r == '-' || r == '/' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}
