package lint

import "fmt"

// TextOption styles the text output of WriteText.
type TextOption func(*textStyle)

// WithColour styles the text output with ANSI escapes when on is true:
// the severity in its colour (error red, warning yellow, info cyan), the
// position bold and the rule dim. Whether the output is a terminal that
// takes colour is for the caller to judge.
func WithColour(on bool) TextOption {
	return func(s *textStyle) { s.colour = on }
}

// textStyle is how WriteText styles its output.
type textStyle struct{ colour bool }

// ANSI styles of the text output.
const (
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiReset  = "\x1b[0m"
)

// severityStyle is the ANSI style of each severity.
var severityStyle = map[Severity]string{Error: ansiRed, Warning: ansiYellow, Info: ansiCyan}

func (s textStyle) wrap(code, text string) string {
	if !s.colour || text == "" || code == "" {
		return text
	}
	return code + text + ansiReset
}

// severity styles text, which shows sev, in sev's colour.
func (s textStyle) severity(sev Severity, text string) string {
	return s.wrap(severityStyle[sev], text)
}

func (s textStyle) dim(text string) string { return s.wrap(ansiDim, text) }

// finding is the first line of a finding, as Diagnostic.String gives it
// on one line, styled.
func (s textStyle) finding(d Diagnostic) string {
	if !s.colour {
		return oneLine(d.String())
	}
	return fmt.Sprintf("%s: %s %s: %s", s.wrap(ansiBold, oneLine(d.Pos.String())),
		s.severity(d.Severity, d.Severity.String()), s.dim(oneLine(d.Rule)), oneLine(d.Message))
}
