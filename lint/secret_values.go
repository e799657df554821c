package lint

import (
	"bytes"
	"slices"
)

// The values of credentials, told from text about them: "api_key: 9f2c…"
// is a key, "the API key", "token: renewed hourly" and
// "password: ${DB_PASSWORD}" are not.

// secretKeyNames end the names of settings whose value is a credential;
// a bare "key" or "id" is left out ("key: app" selects pods).
var secretKeyNames = [][]byte{[]byte("api_key"), []byte("apikey"), []byte("api-key"), []byte("secret_key"), []byte("secret-key"),
	[]byte("access_key"), []byte("private_key"), []byte("secret"), []byte("token")}

// minKeyValue is the shortest value of an API key or token kb reports.
const minKeyValue = 16

// findAssignedKeys finds "NAME: value" and "NAME=value" where NAME ends in
// a credential's name and value looks random: at least minKeyValue
// characters, as looksRandom says. It returns the matches in source order.
//
// A value may hold "=" ("token=a=b", base64 padding): a "NAME=" inside
// the value of another is part of that value, not a setting of its own,
// so the search goes on after the value. Each byte is then looked at a
// bounded number of times, whatever the document holds ("token=" many
// times over).
func findAssignedKeys(src []byte) [][]int {
	var out [][]int
	for _, sep := range []byte{':', '='} {
		for i := 0; i < len(src); i++ {
			j := bytes.IndexByte(src[i:], sep)
			if j < 0 {
				break
			}
			i += j
			if !namesSecret(src, i) {
				continue
			}
			start, end := valueAfter(src, i+1)
			if end-start >= minKeyValue && looksRandom(src[start:end]) {
				out = append(out, []int{nameStart(src, i), end, start, end})
			}
			i = resumeAfter(i, end)
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

// resumeAfter returns the offset the search for the next separator goes
// on from, less the loop's step, after the separator at sep whose value
// ends at end. The value's last byte is looked at again: a value that ends
// in a separator ("mytoken= 9f2c…") may have a value of its own beyond it.
func resumeAfter(sep, end int) int {
	return max(sep, end-2)
}

// secretNameEnds holds the last letters of secretKeyNames, lower-cased:
// most separators follow something else (a time, a plain key) and are
// ruled out by one look-up.
var secretNameEnds = [256]bool{'y': true, 't': true, 'n': true}

// namesSecret reports whether the name just before offset i (a ":" or
// "="), past spaces and a closing quote, ends in a credential's name.
func namesSecret(src []byte, i int) bool {
	k := i
	for k > 0 && (src[k-1] == ' ' || src[k-1] == '"' || src[k-1] == '\'') {
		k--
	}
	if k == 0 || !secretNameEnds[src[k-1]|0x20] {
		return false
	}
	for _, name := range secretKeyNames {
		if k >= len(name) && bytes.EqualFold(src[k-len(name):k], name) {
			return true
		}
	}
	return false
}

// nameStart returns the offset of the name that ends before offset i.
func nameStart(src []byte, i int) int {
	k := i
	for k > 0 && (src[k-1] == ' ' || src[k-1] == '"' || src[k-1] == '\'') {
		k--
	}
	for k > 0 && (isWordByte(src[k-1]) || src[k-1] == '-') {
		k--
	}
	return k
}

// valueAfter returns the bounds of the value after offset i: past spaces
// and an opening quote, the run of characters a key is made of.
func valueAfter(src []byte, i int) (int, int) {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i < len(src) && (src[i] == '"' || src[i] == '\'') {
		i++
	}
	end := i
	for end < len(src) && isKeyByte(src[end]) {
		end++
	}
	return i, end
}

func isKeyByte(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '+' || c == '='
}

// minRandomRun is the length of the run of mixed letters and digits that
// makes a value look generated.
const minRandomRun = 10

// looksRandom reports a value with a run of at least minRandomRun
// characters between separators (-, _, .) that mixes letters and digits,
// as generated keys do ("tk_live_51Hh2kLmNoPq…"); names keep their words
// and numbers apart ("prod-db-2024-01-15-backup").
func looksRandom(v []byte) bool {
	for len(v) > 0 {
		n := bytes.IndexAny(v, "-_.")
		if n < 0 {
			n = len(v)
		}
		if n >= minRandomRun && hasLetterAndDigit(v[:n]) {
			return true
		}
		v = v[min(n+1, len(v)):]
	}
	return false
}

// looksLikePassword reports a password value: letters with digits or
// symbols, and not a path.
func looksLikePassword(v []byte) bool {
	if len(v) == 0 || v[0] == '/' || v[0] == '~' || v[0] == '.' {
		return false
	}
	letters, others := false, false
	for _, c := range v {
		if isLetter(c) {
			letters = true
		} else {
			others = true
		}
	}
	return letters && others
}

func hasLetterAndDigit(v []byte) bool {
	return bytes.ContainsFunc(v, func(r rune) bool { return r < 0x80 && isLetter(byte(r)) }) &&
		bytes.ContainsFunc(v, func(r rune) bool { return r >= '0' && r <= '9' })
}
