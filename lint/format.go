package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Formats lists the output formats of kb lint.
var Formats = []string{"text", "json", "github", "gitlab", "sarif"}

// Write prints a result in one of Formats; opts style the text format
// and are ignored by the others.
func Write(w io.Writer, format string, res *Result, rules []*Rule, opts ...TextOption) error {
	switch format {
	case "text":
		return WriteText(w, res, opts...)
	case "json":
		return WriteJSON(w, res)
	case "github":
		return WriteGitHub(w, res)
	case "sarif":
		return WriteSARIF(w, res, rules)
	case "gitlab":
		return WriteGitLab(w, res)
	}
	return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats, ", "))
}

// WriteText prints each finding as "path:line:col: severity rule: message"
// with its excerpt (the source line, cut around the column when it is
// long), a caret under the column and the suggestion, then a one-line
// summary. WithColour styles it with ANSI escapes.
func WriteText(w io.Writer, res *Result, opts ...TextOption) error {
	var st textStyle
	for _, o := range opts {
		o(&st)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(w, st.finding(d))
		if d.Excerpt.Text != "" {
			line := strings.ReplaceAll(d.Excerpt.Text, "\t", " ")
			fmt.Fprintf(w, "%6d | %s\n", d.Pos.Line, line)
			if d.Excerpt.Col > 0 {
				fmt.Fprintf(w, "       | %s^\n", strings.Repeat(" ", min(d.Excerpt.Col-1, utf8.RuneCountInString(line))))
			}
		}
		if d.Suggestion != "" {
			fmt.Fprintf(w, "       = %s\n", oneLine(d.Suggestion))
		}
	}
	writeRuleCounts(w, res, st)
	_, err := fmt.Fprintln(w, Summary(res))
	return err
}

// writeRuleCounts prints, after the findings of a run of several rules,
// how many each rule made and at which severity, most first: the place
// to start when a first run on an old KB makes thousands. A run of one
// rule has its count in the summary line.
func writeRuleCounts(w io.Writer, res *Result, st textStyle) {
	type key struct {
		rule string
		sev  Severity
	}
	counts := map[key]int{}
	for _, d := range res.Diagnostics {
		counts[key{d.Rule, d.Severity}]++
	}
	if len(counts) < 2 {
		return
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		return a.rule+a.sev.String() < b.rule+b.sev.String()
	})
	fmt.Fprintln(w, "\nfindings by rule:")
	for _, k := range keys {
		fmt.Fprintf(w, "%8d  %s  %s\n", counts[k], st.severity(k.sev, fmt.Sprintf("%-7s", k.sev)), st.dim(k.rule))
	}
}

// lineBreaks turns each line break into a space, so that a finding is one
// line of text however its phrase was wrapped in the source.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func oneLine(s string) string {
	if strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0 {
		return lineBreaks.Replace(s)
	}
	return s
}

// Summary says how many findings of each severity a run made, in how many
// files, out of how many documents.
func Summary(res *Result) string {
	if len(res.Diagnostics) == 0 {
		return fmt.Sprintf("no findings in %d documents", res.Docs)
	}
	files := map[string]bool{}
	for _, d := range res.Diagnostics {
		files[d.Pos.File] = true
	}
	return fmt.Sprintf("%s, %s, %d info in %d files (%d documents checked)",
		plural(res.Count(Error), "error"), plural(res.Count(Warning), "warning"), res.Count(Info), len(files), res.Docs)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteJSON prints the findings as one JSON array.
func WriteJSON(w io.Writer, res *Result) error {
	return writeJSONFindings(w, res.Diagnostics)
}

// WriteGitHub prints GitHub Actions workflow commands, which annotate the
// pull request's changed lines.
func WriteGitHub(w io.Writer, res *Result) error {
	for _, d := range res.Diagnostics {
		level := map[Severity]string{Error: "error", Warning: "warning", Info: "notice"}[d.Severity]
		msg := d.Message
		if d.Suggestion != "" {
			msg += "\n" + d.Suggestion
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			escapeProperty(d.Pos.File), d.Pos.Line, d.Pos.Col, escapeProperty(d.Rule), escapeData(msg)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, Summary(res))
	return err
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteStepSummary writes a markdown table of the findings, for
// $GITHUB_STEP_SUMMARY.
func WriteStepSummary(w io.Writer, res *Result) error {
	fmt.Fprintf(w, "### kb lint\n\n%s\n\n", Summary(res))
	if len(res.Diagnostics) == 0 {
		return nil
	}
	fmt.Fprintln(w, "| File | Line | Severity | Rule | Message |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, d := range res.Diagnostics {
		fmt.Fprintf(w, "| %s | %d | %s | `%s` | %s |\n", cell(d.Pos.File), d.Pos.Line, d.Severity, d.Rule, cell(d.Message))
	}
	return nil
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// sarifLevel maps severities to SARIF levels.
var sarifLevel = map[Severity]string{Error: "error", Warning: "warning", Info: "note"}

// WriteSARIF prints a SARIF 2.1.0 log for code scanning.
func WriteSARIF(w io.Writer, res *Result, rules []*Rule) error {
	type message struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID               string  `json:"id"`
		ShortDescription message `json:"shortDescription"`
		FullDescription  message `json:"fullDescription"`
		DefaultConfig    struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		RuleIndex int        `json:"ruleIndex"`
		Level     string     `json:"level"`
		Message   message    `json:"message"`
		Locations []location `json:"locations"`
	}
	index := map[string]int{}
	var sarifRules []rule
	sorted := append([]*Rule(nil), rules...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, r := range sorted {
		var sr rule
		sr.ID = r.Name
		sr.ShortDescription.Text = r.Name
		sr.FullDescription.Text = r.Doc
		sr.DefaultConfig.Level = sarifLevel[r.Severity]
		index[r.Name] = len(sarifRules)
		sarifRules = append(sarifRules, sr)
	}
	results := []result{}
	for _, d := range res.Diagnostics {
		var loc location
		loc.PhysicalLocation.ArtifactLocation.URI = uriReference(d.Pos.File)
		loc.PhysicalLocation.Region = region{StartLine: max(d.Pos.Line, 1), StartColumn: d.Pos.Col}
		text := d.Message
		if d.Suggestion != "" {
			text += " " + d.Suggestion
		}
		results = append(results, result{RuleID: d.Rule, RuleIndex: index[d.Rule], Level: sarifLevel[d.Severity], Message: message{text}, Locations: []location{loc}})
	}
	log := map[string]any{
		"version": "2.1.0",
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "kb", "informationUri": "https://github.com/kb-tools/kb", "rules": sarifRules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// uriReference writes a slash path as a relative URI reference, as SARIF's
// artifactLocation.uri must be: every byte but the unreserved characters
// of RFC 3986 and "/" is percent-encoded (spaces, "#", "%", "?", ":",
// backslashes, the UTF-8 of non-ASCII names), so no part of a file name is
// read as a scheme, a query or a fragment.
func uriReference(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
