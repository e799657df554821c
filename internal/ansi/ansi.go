// Package ansi holds the terminal styles kb's text output uses, for the
// lint findings and the search results alike.
package ansi

// Styles, as ANSI escape sequences.
const (
	Bold       = "\x1b[1m"
	Dim        = "\x1b[2m"
	BoldRed    = "\x1b[1;31m"
	Yellow     = "\x1b[33m"
	BoldYellow = "\x1b[1;33m"
	Cyan       = "\x1b[36m"
	Reset      = "\x1b[0m"
)

// Style returns s in the style code when on is true, and s as it is when
// on is false or s or code is empty.
func Style(on bool, code, s string) string {
	if !on || s == "" || code == "" {
		return s
	}
	return code + s + Reset
}
