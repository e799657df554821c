package lint

import (
	"fmt"
	"path"
	"strings"

	"github.com/kb-tools/kb/content"
)

// longValueHint is the suggestion of every schema/long-value finding.
const longValueHint = "Use a short name: a service, tag, owner, severity or id names a page; a description belongs in the body."

// runLongValues reports the values whose slug kb cuts to fit a URL
// segment: the front matter id (else the file and folder names that make
// the document's address), services, tags, the severity, the runbook owner
// and every action item's owner.
func runLongValues(p *Pass) {
	d := p.Doc
	if pos, ok := d.KeyPos("id"); ok {
		if content.IsCutSegment(d.ID) {
			p.Report(pos, fmt.Sprintf("id is longer than %d bytes: its page's address is cut to %d bytes and a hash (…%s)",
				content.MaxSegmentBytes, content.MaxSegmentBytes, d.ID[strings.LastIndexByte(d.ID, '-'):]), longValueHint)
		}
	} else {
		reportLongPath(p)
	}
	seen := map[string]bool{}
	check := func(pos content.Pos, key, value string) {
		if !content.SlugIsCut(value) || seen[key+"\x00"+value] {
			return
		}
		seen[key+"\x00"+value] = true
		p.Report(pos, fmt.Sprintf("%s %s is %d bytes: its page's address is cut to %d bytes and a hash", key, preview(value), len(value), content.MaxSegmentBytes), longValueHint)
	}
	for _, v := range d.Meta.Services {
		check(firstKeyPos(d, "services", "service"), "services value", v)
	}
	for _, v := range d.Meta.Tags {
		check(keyPos(d, "tags"), "tags value", v)
	}
	check(keyPos(d, "severity"), "severity", d.Meta.Severity)
	check(keyPos(d, "owner"), "owner", d.Meta.Owner)
	for _, a := range d.Actions {
		check(a.Pos, "action item owner", a.Owner)
	}
}

// reportLongPath reports a file or folder name that makes a segment of the
// document's address too long: the file name of a postmortem or runbook
// (its id), every folder and the file name of a plain page.
func reportLongPath(p *Pass) {
	d := p.Doc
	dir, file := path.Split(d.Path)
	names := []string{strings.TrimSuffix(file, path.Ext(file))}
	if d.Kind == content.KindPage {
		names = append(strings.Split(strings.Trim(dir, "/"), "/"), names...)
	}
	for _, n := range names {
		if content.SlugIsCut(n) {
			p.Report(docPos(d), fmt.Sprintf("the name %s makes an address segment longer than %d bytes: kb cuts it and adds a hash", preview(n), content.MaxSegmentBytes),
				"Rename the file or folder, or give the document a short id: in its front matter.")
			return
		}
	}
}

// firstKeyPos returns the position of the first of keys the front matter
// has, else of the document.
func firstKeyPos(d *content.Doc, keys ...string) content.Pos {
	for _, k := range keys {
		if pos, ok := d.KeyPos(k); ok {
			return pos
		}
	}
	return docPos(d)
}

// preview quotes the first 40 bytes of a long value (cut at a rune
// boundary), so a finding does not repeat all of it.
func preview(s string) string {
	const n = 40
	if len(s) <= n {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q…", content.CutText(s, n, ""))
}
