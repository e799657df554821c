package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/lint"
)

// oddTitles are titles that break naive YAML writers, file namers and
// template expanders.
var oddTitles = []string{
	"Checkout: latency spike!", "{{ template }}", "a {{ template }}", "{{ x", "}}{{ y", "{{- .Title -}}",
	"# not a comment", "ends with # hash", "- leading dash", "* star", "& anchor", "*alias", "! tag", "!!str x", "% directive",
	"@at", "`backtick`", "[flow] list", "{flow: map}", "'single' quotes", `"double" quotes`, `it's`, `back\slash`, `\n literal`,
	"key: value # comment", "? question", "| literal", "> folded", "--- fence ---", "... end", "~ tilde", "null", "yes", "123", "0x1F",
	"line\nbreak", "two\n\nparagraphs", "tab\there", "cr\rhere", "ctrl \x01\x02\x1b\x7f", "nel \u0085 ls \u2028 ps \u2029",
	"bom \ufeff x", "nonchar \ufffe \uffff x", "\u00a0nbsp", "事故", "決済の障害", "Ünïcode café", "emoji 🔥 outage",
	"  padded  ", "x" + strings.Repeat(" word", 2000), strings.Repeat("事", 3400),
}

func TestNewTitles(t *testing.T) {
	for _, title := range oddTitles {
		t.Run("", func(t *testing.T) { checkNewTitle(t, title) })
	}
}

func TestNewRefusesUnusableTitles(t *testing.T) {
	for _, title := range []string{"!!!", "   ", "\xff\xfe abc", "🔥"} {
		dir := t.TempDir()
		code, out, errOut := kbRun(t, "new", "--dir", dir, "postmortem", "--", title)
		if code != 2 || out != "" || !strings.Contains(errOut, "title") {
			t.Errorf("title %q: exit %d, stdout %q, stderr %q; want a usage error about the title", title, code, out, errOut)
		}
		if entries, _ := os.ReadDir(filepath.Join(dir, "postmortems")); len(entries) > 0 {
			t.Errorf("title %q: a file was written: %v", title, entries)
		}
	}
}

// TestNewCapsTheFileName: a long title's file name is cut after a word,
// and a second title that differs only past the cut does not overwrite
// the first file.
func TestNewCapsTheFileName(t *testing.T) {
	dir := t.TempDir()
	title := "Checkout latency " + strings.Repeat("again and ", 1000)
	code, out, errOut := kbRun(t, "new", "--dir", dir, "--date", "2026-03-14", "postmortem", title+"one")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	name := filepath.Base(strings.TrimSpace(out))
	stem := strings.TrimSuffix(name, ".md")
	if len(stem) > content.MaxSegmentBytes || !strings.HasPrefix(stem, "2026-03-14-checkout-latency-again-and-") || strings.HasSuffix(stem, "-") ||
		!(strings.HasSuffix(stem, "-again") || strings.HasSuffix(stem, "-and")) {
		t.Errorf("file name %q (%d bytes): want at most %d bytes, cut after a word", name, len(stem), content.MaxSegmentBytes)
	}
	first := readFile(t, strings.TrimSpace(out))
	code, _, errOut = kbRun(t, "new", "--dir", dir, "--date", "2026-03-14", "postmortem", title+"two")
	if code != 2 || !strings.Contains(errOut, "never overwrites") {
		t.Errorf("second title: exit %d %q, want a refusal", code, errOut)
	}
	if readFile(t, strings.TrimSpace(out)) != first {
		t.Error("the first file was overwritten")
	}
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Docs) != 1 || kb.Docs[0].ID != stem {
		t.Errorf("the document's id is not its file name %q: %+v", stem, kb.Docs)
	}
}

// checkNewTitle runs kb new with title in an empty KB and checks that the
// file is named within the cap, that kb reads the title back as it was
// given (without spaces at its ends), and that lint finds nothing wrong
// with the front matter.
func checkNewTitle(t *testing.T, title string) {
	t.Helper()
	dir := t.TempDir()
	code, out, errOut := kbRun(t, "new", "--dir", dir, "--date", "2026-03-14", "postmortem", "--", title)
	if code != 0 {
		t.Fatalf("title %q: exit %d: %s", title, code, errOut)
	}
	rel, err := filepath.Rel(dir, strings.TrimSpace(out))
	if err != nil {
		t.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	if stem := strings.TrimSuffix(filepath.Base(rel), ".md"); len(stem) > content.MaxSegmentBytes || !utf8.ValidString(stem) {
		t.Errorf("title %q: file name %q is %d bytes", title, stem, len(stem))
	}
	kb, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Docs) != 1 || len(kb.Errors) > 0 {
		t.Fatalf("title %q: %d documents, errors %v", title, len(kb.Docs), kb.Errors)
	}
	if got, want := kb.Docs[0].Title, strings.TrimSpace(title); got != want {
		t.Errorf("title %q reads back as %q\n%s", want, got, readFile(t, filepath.Join(dir, rel)))
	}
	res, err := lint.Run(dir, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Rule == "schema/frontmatter" || d.Rule == "schema/type" || d.Rule == "schema/unknown-key" {
			t.Errorf("title %q: %s %s: %s", title, d.Pos, d.Rule, d.Message)
		}
	}
}

// FuzzNewTitle: for any title kb new accepts, kb reads the title back as
// written and lint accepts the front matter; any other title is refused
// with a usage error and no file.
func FuzzNewTitle(f *testing.F) {
	for _, title := range oddTitles {
		f.Add(title)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if len(title) > 20000 {
			t.Skip()
		}
		trimmed := strings.TrimSpace(title)
		if utf8.ValidString(trimmed) && strings.IndexFunc(trimmed, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			checkNewTitle(t, title)
			return
		}
		dir := t.TempDir()
		if code, _, errOut := kbRun(t, "new", "--dir", dir, "postmortem", "--", title); code != 2 {
			t.Errorf("title %q: exit %d %q, want 2", title, code, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "postmortems")); err == nil {
			t.Errorf("title %q: postmortems/ was created", title)
		}
	})
}
