package content

import (
	"fmt"
	"testing"
)

func TestTitlePlaceholders(t *testing.T) {
	for _, tc := range []struct {
		path, src string
		title     string
	}{
		{"a.md", "# ISSUE NAME\n\nText.\n", "a"},
		{"a.md", "# Title:\n\n# Checkout latency\n", "Checkout latency"},
		{"a.md", "# Overview\n\n# Metadata\n\n# Real one\n", "Real one"},
		{"a.md", "---\ntitle: Postmortem template\n---\n# Cache stampede\n", "Cache stampede"},
		{"a.md", "---\ntitle: ''\n---\n# Cache stampede\n", "Cache stampede"},
		{"PMyyyy-nnn - Postmortem template.md", "# Incident Title\n\n## Summary\n", "PMyyyy nnn Postmortem template"},
		{"a.md", "# <Incident title>\n", "a"},
		{"a.md", "# [Short description]\n", "a"},
		{"a.md", "# [SEV1] Checkout [EU]\n", "[SEV1] Checkout [EU]"},
		{"a.md", "---\ntitle: <script>alert(1)</script>\n---\n", "<script>alert(1)</script>"},
		{"a.md", "# Timeline\n", "a"},
		{"a.md", "#\n\n# SERVICE NAME INCIDENT\n\n# ADFS OUTAGE\n", "ADFS OUTAGE"},
		{"a.md", "# Timeline of the checkout outage\n", "Timeline of the checkout outage"},
		{"a.md", "# 決済の障害\n", "決済の障害"},
		{"a.md", "# {{ .Title }} took checkout down\n", "{{ .Title }} took checkout down"},
		{"runbooks/KubePodCrashLooping/README.md", "Text.\n", "KubePodCrashLooping"},
		{"docs/db_fail-over.md", "Text.\n", "db fail over"},
	} {
		doc, _ := parse(t, tc.path, tc.src)
		if doc.Title != tc.title {
			t.Errorf("%s %q: title %q, want %q", tc.path, tc.src, doc.Title, tc.title)
		}
	}
}

func TestDateOrder(t *testing.T) {
	timeline := "## Timeline\n\n- 2019-04-17 10:00 first alert\n"
	for _, tc := range []struct {
		name, path, src string
		date            string
		from            DateSource
		pos             string
	}{
		{"front matter first", "2019-04-10-x.md", "---\ndate: 2019-04-01\ntitle: 2019-04-18 outage\n---\n" + timeline, "2019-04-01", DateFromFrontMatter, "2019-04-10-x.md:2:7"},
		{"then the file name", "2019-04-10-x.md", "# 2019-04-18 outage\n\n" + timeline, "2019-04-10", DateFromFileName, "2019-04-10-x.md:1:1"},
		{"then an ISO date in the title", "x.md", "# 2019-04-18 outage\n\n" + timeline, "2019-04-18", DateFromTitle, "x.md:1:3"},
		{"a month name in the title", "x.md", "Intro.\n\n# Outage on April 18, 2019\n\n" + timeline, "2019-04-18", DateFromTitle, "x.md:3:3"},
		{"day month year", "x.md", "# Outage of 18th Apr 2019\n", "2019-04-18", DateFromTitle, "x.md:1:3"},
		{"a front matter title", "x.md", "---\ntitle: Outage (2022-03-04)\n---\n" + timeline, "2022-03-04", DateFromTitle, "x.md:2:8"},
		{"a placeholder title's date is no date", "x.md", "# <2019-04-18>\n\n" + timeline, "2019-04-17", DateFromTimeline, "x.md:5:3"},
		{"no such day", "x.md", "# Outage on February 30, 2019\n\n" + timeline, "2019-04-17", DateFromTimeline, "x.md:5:3"},
		{"a version is no date", "x.md", "# Upgrade to 2019-04-18-rc1\n\n" + timeline, "2019-04-17", DateFromTimeline, "x.md:5:3"},
		{"then the timeline", "x.md", "# Outage\n\n" + timeline, "2019-04-17", DateFromTimeline, "x.md:5:3"},
		{"none", "x.md", "# Outage\n", "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := parse(t, tc.path, tc.src)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			date, pos := "", ""
			if doc.Date.Set {
				date, pos = doc.Date.Format("2006-01-02"), doc.DatePos.String()
			}
			if date != tc.date || doc.DateFrom != tc.from || pos != tc.pos {
				t.Errorf("date %q from %d at %q, want %q from %d at %q", date, doc.DateFrom, pos, tc.date, tc.from, tc.pos)
			}
		})
	}
}

func TestIndexFileIDs(t *testing.T) {
	for _, tc := range []struct{ path, id string }{
		{"runbooks/KubePodCrashLooping/README.md", "kubepodcrashlooping"},
		{"runbooks/payments/db/index.md", "db"},
		{"content/runbooks/node/_index.md", "node"},
		{"runbooks/Disk Full/readme.markdown", "disk-full"},
		{"README.md", "readme"},
		{"index.md", "index"},
		{"_index.md", "index"},
		{"runbooks/readme-notes.md", "readme-notes"},
	} {
		doc, _ := parse(t, tc.path, "Text.\n")
		if doc.ID != tc.id {
			t.Errorf("%s: id %q, want %q", tc.path, doc.ID, tc.id)
		}
	}
}

// TestREADMEIDsStillClash: two READMEs of folders with one name are a
// duplicate id, reported as any other.
func TestREADMEIDsStillClash(t *testing.T) {
	dir := writeKB(t, "-- runbooks/a/Disk/README.md --\n# A\n-- runbooks/b/Disk/README.md --\n# B\n")
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Docs) != 2 || kb.Docs[0].ID != "disk" || kb.Docs[1].ID != "disk-2" {
		t.Fatalf("docs %v", kb.Docs)
	}
	if len(kb.Errors) != 1 || kb.Errors[0].Kind != ErrorDuplicateID || kb.Errors[0].Pos.String() != "runbooks/b/Disk/README.md:1:1" {
		t.Errorf("errors %v, want one duplicate id at runbooks/b/Disk/README.md:1:1", kb.Errors)
	}
}

func TestIgnore(t *testing.T) {
	dir := writeKB(t, "-- kb.yaml --\nignore:\n  - \"**/template.md\"\n  - \"drafts/**\"\n  - \"[bad\"\n  - \"PM*template*.md\"\n"+
		"-- postmortems/template.md --\n# T\n-- postmortems/a.md --\n# A\n-- drafts/b.md --\n# B\n-- drafts/deep/c.md --\n# C\n"+
		"-- PMyyyy - Postmortem template.md --\n# T\n-- notes/drafts.md --\n# kept: the glob names the folder\n")
	kb, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range kb.Docs {
		paths = append(paths, d.Path)
	}
	if want := "[notes/drafts.md postmortems/a.md]"; fmt.Sprint(paths) != want {
		t.Errorf("docs %v, want %s", paths, want)
	}
	if len(kb.Errors) != 1 || kb.Errors[0].Kind != ErrorConfig || kb.Errors[0].Pos.String() != "kb.yaml:4:5" {
		t.Errorf("errors %v, want one config error at kb.yaml:5:5", kb.Errors)
	}
}
