package content

import (
	"path"
	"strings"
	"unicode"
)

// placeholderTitles are the titles templates leave for their authors to
// replace, normalized as NormalizeHeading does.
var placeholderTitles = map[string]bool{
	"title": true, "your title": true, "your title here": true, "title here": true, "untitled": true,
	"issue name": true, "issue title": true, "incident name": true, "incident title": true,
	"name of the incident": true, "short title": true, "document title": true, "page title": true,
	"metadata": true, "template": true, "postmortem template": true, "post-mortem template": true,
	"incident template": true, "runbook template": true, "incident report template": true,
	"alert name": true, "runbook title": true, "tbd": true, "todo": true, "xxx": true,
}

// placeholderCapsWords are the words of a title written all in capitals
// that a template puts where the author writes ("ISSUE NAME", "SERVICE
// NAME INCIDENT"); a title of capitals made of these words alone is a
// placeholder, while "ADFS OUTAGE" is a title.
var placeholderCapsWords = map[string]bool{
	"ISSUE": true, "INCIDENT": true, "NAME": true, "TITLE": true, "SERVICE": true, "DATE": true,
	"EVENT": true, "SHORT": true, "DESCRIPTION": true, "HERE": true, "YOUR": true, "THE": true,
	"OF": true, "XXX": true, "TBD": true, "TODO": true, "PLACEHOLDER": true, "POSTMORTEM": true,
	"RUNBOOK": true, "TEMPLATE": true, "ALERT": true, "SUMMARY": true,
}

// titleJudge tells placeholder titles from real ones; it keeps the whole
// headings of the vocabulary, since a title that is only a section's name
// ("Overview", "Summary") is a template's too. One is made per Parser.
type titleJudge struct {
	headings map[string]bool
}

func newTitleJudge(vocab *Vocabulary) *titleJudge {
	j := &titleJudge{headings: map[string]bool{}}
	for _, k := range vocab.SectionKinds() {
		for _, h := range vocab.Headings(k) {
			j.headings[NormalizeHeading(h)] = true
		}
	}
	return j
}

// isPlaceholder reports whether title is no title of its own: empty or
// without a letter or digit, a label ("Title:"), a template's placeholder
// ("ISSUE NAME", "Incident Title", "<Incident title>", "Postmortem
// template"), or the bare name of a section of the vocabulary
// ("Overview").
func (j *titleJudge) isPlaceholder(title string) bool {
	t := strings.TrimSpace(title)
	if !strings.ContainsFunc(t, isLetterOrDigit) || strings.HasSuffix(t, ":") || isBracketed(t) {
		return true
	}
	if n := NormalizeHeading(t); n != "" && (placeholderTitles[n] || j.headings[n]) {
		return true
	}
	return isCapsPlaceholder(t)
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isBracketed reports whether t is one <…> or […] with no other bracket
// of its kind, as templates write what the author is to fill in
// ("<Incident title>"); "<b>x</b>" is markup, not a placeholder.
func isBracketed(t string) bool {
	for _, pair := range []string{"<>", "[]"} {
		open, end := pair[:1], pair[1:]
		if strings.HasPrefix(t, open) && strings.HasSuffix(t, end) && strings.Count(t, open) == 1 && strings.Count(t, end) == 1 {
			return true
		}
	}
	return false
}

// isCapsPlaceholder reports whether t is written in capitals with words
// of placeholderCapsWords only.
func isCapsPlaceholder(t string) bool {
	fields := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		if strings.ToUpper(f) != f || !placeholderCapsWords[f] {
			return false
		}
	}
	return true
}

// fileTitle makes a title of the file name (for a README or index below
// the root, of its folder's name): no extension, no date prefix, "-" and
// "_" as spaces, one space between words.
func fileTitle(p string) string {
	name := nameOf(p)
	if t := strings.TrimLeft(datePrefix.ReplaceAllString(name, ""), "-_ "); t != "" {
		name = t
	}
	return strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name)), " ")
}

// fileID is the id a document's path gives it (see nameOf).
func fileID(p string) string {
	if isIndexFile(p) && path.Dir(p) == "." {
		return Slug(strings.TrimSuffix(path.Base(p), path.Ext(p)))
	}
	return Slug(nameOf(p))
}

// titleDate reads a date written in a title ("2019-04-18 outage",
// "Outage on April 18, 2019", "18 April 2019"), as timeline headings
// are read (see dateIn).
func titleDate(title string) (Time, bool) {
	t, ok := dateIn(title)
	if !ok {
		return Time{}, false
	}
	return At(t), true
}
