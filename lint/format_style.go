package lint

import (
	"fmt"

	"github.com/kb-tools/kb/internal/ansi"
)

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

// severityStyle is the ANSI style of a severity.
func severityStyle(sev Severity) string {
	switch sev {
	case Error:
		return ansi.BoldRed
	case Warning:
		return ansi.Yellow
	case Info:
		return ansi.Cyan
	}
	return ""
}

func (s textStyle) wrap(code, text string) string { return ansi.Style(s.colour, code, text) }

// severity styles text, which shows sev, in sev's colour.
func (s textStyle) severity(sev Severity, text string) string {
	return s.wrap(severityStyle(sev), text)
}

func (s textStyle) dim(text string) string { return s.wrap(ansi.Dim, text) }

// finding is the first line of a finding, as Diagnostic.String gives it
// on one line, styled.
func (s textStyle) finding(d Diagnostic) string {
	if !s.colour {
		return oneLine(d.String())
	}
	return fmt.Sprintf("%s: %s %s: %s", s.wrap(ansi.Bold, oneLine(d.Pos.String())),
		s.severity(d.Severity, d.Severity.String()), s.dim(oneLine(d.Rule)), oneLine(d.Message))
}
