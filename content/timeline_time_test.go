package content

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// leadingTimeRE is what matchLeadingTime reads, written as the regular
// expression kb used before it: a date and/or a clock time at the start
// of a line, with an optional zone, and the separator after it.
var leadingTimeRE = regexp.MustCompile(`^\s*` +
	`(?:(\d{4}-\d{2}-\d{2})(?:[ T,]+(\d{1,2}:\d{2}(?::\d{2})?)|[ T,]+(?i:hh:mm(?::ss)?))?` +
	`|(\d{1,2}:\d{2}(?::\d{2})?))` +
	`\s*((?i:am|pm))?\s*(Z\b|(?i:utc|gmt)(?:[+-]\d{1,2}(?::?\d{2})?)?\b|[+-]\d{2}:?\d{2}\b)?` +
	`\s*(?:[—–|:]|-(?:\s|$)|\s|$)\s*`)

// checkLeadingTime fails t when matchLeadingTime and leadingTimeRE read
// text differently.
func checkLeadingTime(t *testing.T, text string) {
	t.Helper()
	got, ok := matchLeadingTime(text)
	m := leadingTimeRE.FindStringSubmatch(text)
	if ok != (m != nil) {
		t.Fatalf("%q: matchLeadingTime says %v, the expression %v", text, ok, m != nil)
	}
	if m == nil {
		return
	}
	want := timeMatch{date: m[1], clock: m[2] + m[3], ampm: m[4], zone: m[5], end: len(m[0])}
	if got != want {
		t.Fatalf("%q: matchLeadingTime read %+v, the expression %+v", text, got, want)
	}
}

func TestMatchLeadingTimeAgreesWithExpression(t *testing.T) {
	for _, text := range []string{
		"", " ", "14:02", "14:02 Alert fires", "9:05 — page", "9:05:30 | x", "2018-04-18 12:35 deploy",
		"2018-04-18T12:35:00Z rollout", "2018-04-18, 12:35 UTC: x", "2018-04-18", "2018-04-18 ", "2018-04-18x",
		"2018-04-18 hh:mm event", "2018-04-18 HH:MM:SS - x", "2018-04-18 hh:mm:ſſ x", "2018-04-18 hh:mm:sſ",
		"2018-04-18 10:00x", "2018-04-18 10:00 x", "10:00 amber", "10:00 am", "10:00PM — x", "10:00 pmZ",
		"10:00 Z", "10:00 Zulu", "10:00Z", "10:00 UTC+5", "10:00 UTC+05:30 x", "10:00 utc+0530", "10:00 UTC+123",
		"10:00 UTC+1234", "10:00 GMT-8: x", "10:00 gmtx", "10:00 +0100", "10:00 +01:00", "10:00 +01:0", "10:00 +1",
		"10:00-x", "10:00 - x", "10:00 -", "10:00-", "10:00–x", "10:00—x", "10:00|x", "10:00:x", "10:00 am UTC — x",
		"10:00 am utcx", "10:00 am +01:00x", "\t\n10:00\f\r", "123:45", "1:2", "12:345", "12:34:5", "12:34:56:78",
		"2018-04-18 T 10:00", "2018-04-18TT,10:00", "2018-04-18 1:00 pm", "2018-04-18 12:00 am Z", "٣:00",
		"10:00\u00a0x", "10:00 a", "10:00 ZZ", "10:00 Z_", "10:00 UTC_", "10:00 +01:00_", "10:00 UTC+01:00:00",
		"10:00 \xe2\x80", "10:00 \xe2\x80\x94", "\xff10:00",
	} {
		checkLeadingTime(t, text)
	}
}

// timePieces are the parts generated texts are made of: the expression's
// tokens, their near misses and plain words.
var timePieces = []string{
	"", " ", "  ", "\t", "\n", "T", ",", "-", "—", "–", "|", ":", "_", "x", "a", "5", "05", "123",
	"2018-04-18", "2018-4-18", "18-04-2018", "12:35", "1:35", "12:35:10", "12:3", "hh:mm", "HH:MM:SS", "hh:mm:ſſ",
	"am", "PM", "amber", "Z", "Zulu", "UTC", "utc", "GMT", "+", "+01", "+0100", "+01:00", "-08", "UTC+5", "UTC+05:30",
	"gmt-0800", "ſ", "\xe2\x80", "é",
}

func TestMatchLeadingTimeAgreesOnGeneratedTexts(t *testing.T) {
	eachGeneratedText(timePieces, func(s string) { checkLeadingTime(t, s) })
}

// TestMatchLeadingTimeAgreesOnCorpus reads every line of the KBs at hand,
// and each table cell and each line without its block markers.
func TestMatchLeadingTimeAgreesOnCorpus(t *testing.T) {
	dirs := []string{"../examples", "testdata", "../lint/testdata", "../../shared/corpus"}
	if d := os.Getenv("KB_CORPUS_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	n := 0
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, line := range strings.Split(string(src), "\n") {
				checkLeadingTime(t, line)
				checkLeadingTime(t, strings.TrimLeft(line, "#>*-+ \t"))
				for _, c := range strings.Split(line, "|") {
					checkLeadingTime(t, c)
				}
				n++
			}
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no lines read")
	}
	t.Logf("%d lines", n)
}

func FuzzMatchLeadingTime(f *testing.F) {
	for _, s := range []string{"2018-04-18 12:35 deploy", "10:00 am UTC+05:30 — x", "2018-04-18 hh:mm:ss x", "9:05 +0100|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkLeadingTime(t, text)
	})
}

// splitClock is parseClock's reading of a clock before it read it byte by
// byte: the text split on ":".
func splitClock(clock string) (v [3]int, ok bool) {
	parts := strings.Split(clock, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return v, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 2 || i > 0 && len(p) != 2 {
			return v, false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return v, false
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	return v, true
}

func TestParseClockAgreesWithSplit(t *testing.T) {
	texts := []string{"", ":", "1", "12", "1:2", "1:23", "12:34", "123:45", "12:34:56", "12:34:5", "12:34:56:07", ":12", "12:", "1é:23", "12:3é", "00:00:60", "24:00", "23:59:59"}
	for h := range 30 {
		for m := range 65 {
			texts = append(texts, strconv.Itoa(h)+":"+strconv.Itoa(m), strconv.Itoa(h)+":"+strconv.Itoa(m)+":0"+strconv.Itoa(m%10))
		}
	}
	for _, text := range texts {
		v, ok := splitClock(text)
		if ok && (v[0] > 23 || v[1] > 59 || v[2] > 60) {
			ok = false
		}
		h, m, s, got := parseClock(text, "")
		if got != ok || ok && [3]int{h, m, s} != v {
			t.Errorf("parseClock(%q) = %d, %d, %d, %v; split reads %v, %v", text, h, m, s, got, v, ok)
		}
	}
}
