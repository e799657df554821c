package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// gitlabSeverity maps severities to GitLab Code Quality's (info, minor,
// major, critical, blocker): an error, which fails the lint, is major;
// critical and blocker are left for tools that find broken code.
var gitlabSeverity = map[Severity]string{Error: "major", Warning: "minor", Info: "info"}

// gitlabIssue is one finding of a GitLab Code Quality report.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string `json:"path"`
	Lines struct {
		Begin int `json:"begin"`
	} `json:"lines"`
}

// WriteGitLab prints a GitLab Code Quality report, the JSON array a job's
// artifacts:reports:codequality names: one object per finding with its
// description ("rule: message", and the suggestion after " — "), rule id
// as check_name, severity, path and line. Paths are written as the
// findings carry them; GitLab reads them from the repository root, so kb
// lint runs there (--dir for a KB in a sub-folder). See gitlabFingerprint
// for what a fingerprint is made of.
func WriteGitLab(w io.Writer, res *Result) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, d := range res.Diagnostics {
		key := fingerprintKey(d)
		n := seen[key]
		seen[key]++
		desc := d.Rule + ": " + oneLine(d.Message)
		if d.Suggestion != "" {
			desc += " — " + oneLine(d.Suggestion)
		}
		issue := gitlabIssue{Description: desc, CheckName: d.Rule, Fingerprint: gitlabFingerprint(key, n), Severity: gitlabSeverity[d.Severity]}
		issue.Location.Path = d.Pos.File
		issue.Location.Lines.Begin = max(d.Pos.Line, 1)
		issues = append(issues, issue)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// fingerprintKey is what identifies a finding across runs: its file, rule,
// message and the text of its line (trimmed, as the excerpt has it), but
// not its line or column number, which change whenever lines are added or
// removed above it.
func fingerprintKey(d Diagnostic) string {
	return strings.Join([]string{d.Pos.File, d.Rule, d.Message, strings.TrimSpace(d.Excerpt.Text)}, "\x00")
}

// gitlabFingerprint hashes a finding's key and its occurrence, the number
// of earlier findings of the report with the same key (0 for the first),
// which tells apart the same finding on two identical lines of a file.
// It is the SHA-256 of both, in hex: the same finding keeps its
// fingerprint when an unrelated edit moves it, so GitLab does not show it
// as new.
func gitlabFingerprint(key string, occurrence int) string {
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(occurrence)))
	return hex.EncodeToString(sum[:])
}
