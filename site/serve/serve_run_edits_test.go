package serve

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// saver writes data as the file rel of the KB at dir, the way one kind of
// editor saves.
type saver func(t *testing.T, dir, rel string, data []byte)

// savers are the ways editors save a file.
var savers = []struct {
	name string
	save saver
}{
	{"in-place", saveInPlace},
	{"vim", saveLikeVim},
	{"atomic-rename", saveAtomically},
	{"jetbrains", saveLikeJetBrains},
}

// saveInPlace truncates the file and writes it again.
func saveInPlace(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), data, 0o644))
}

// saveLikeVim saves as vim does by default: it checks it may write in the
// folder with a file named 4913, renames the file to its backup, writes a
// new file and removes the backup.
func saveLikeVim(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	probe := filepath.Join(filepath.Dir(p), "4913")
	must(t, os.WriteFile(probe, nil, 0o644))
	must(t, os.Remove(probe))
	must(t, os.Rename(p, p+"~"))
	must(t, os.WriteFile(p, data, 0o644))
	must(t, os.Remove(p+"~"))
}

// saveAtomically writes a temporary file beside the file and renames it
// over the file: the file gets a create and no write.
func saveAtomically(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".82716.tmp")
	must(t, os.WriteFile(tmp, data, 0o644))
	must(t, os.Rename(tmp, p))
}

// saveLikeJetBrains saves as JetBrains' safe write does: a temporary
// file, the file renamed to an old one, the temporary one renamed to the
// file, the old one removed.
func saveLikeJetBrains(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	must(t, os.WriteFile(p+"___jb_tmp___", data, 0o644))
	must(t, os.Rename(p, p+"___jb_old___"))
	must(t, os.Rename(p+"___jb_tmp___", p))
	must(t, os.Remove(p+"___jb_old___"))
}

// readKB reads a file of the KB.
func readKB(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	must(t, err)
	return string(data)
}

// extraPostmortem is a new postmortem of the edit tests.
func extraPostmortem(title string) string {
	return "---\ntitle: " + title + "\ndate: 2026-05-05\nseverity: SEV3\nservices: [queue]\nauthors: [team-queue]\n" +
		"actions:\n  - what: Check the " + title + " case\n    owner: team-queue\n    due: 2026-12-01\n    status: open\n---\n\n" +
		"## Summary\n\nThe " + title + " case.\n\n## Impact\n\nNone.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | It began |\n\n" +
		"## Root cause\n\nA setting.\n"
}

// editRun is a sequence of edits to a running Run's KB, each checked in
// the served HTML.
type editRun struct {
	*liveRun
	missed []string
	took   []time.Duration
}

// expect waits for what an edit should do to the served site, recording a
// miss (not failing at once) when it is not done within runWait.
func (e *editRun) expect(edit, path string, ok func(status int, body string) bool) {
	e.t.Helper()
	start := time.Now()
	for {
		status, body := e.get(path)
		if ok(status, body) {
			e.took = append(e.took, time.Since(start))
			return
		}
		if time.Since(start) > runWait {
			e.missed = append(e.missed, fmt.Sprintf("%s: GET %s (%d)", edit, path, status))
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// listHref is the link of the postmortems' list to the page at url.
func listHref(url string) string { return `href="..` + url + `index.html"` }

func notFound(status int, _ string) bool { return status == http.StatusNotFound }

// lacks is a check of expect: a 200 whose body holds none of texts.
func lacks(texts ...string) func(int, string) bool {
	return func(status int, body string) bool {
		if status != http.StatusOK {
			return false
		}
		for _, s := range texts {
			if strings.Contains(body, s) {
				return false
			}
		}
		return true
	}
}

// TestRunTakesEverySave saves the KB's files in each way editors do, and
// deletes, renames, and makes a folder with a document in it, 30 edits in
// all, each checked in the served page or list before the next: none is
// missed. Then the site served equals the one a fresh Run of the same
// files serves.
func TestRunTakesEverySave(t *testing.T) {
	for _, mode := range []struct {
		name  string
		watch WatchOptions
	}{
		{"fsnotify", runWatch},
		{"poll", WatchOptions{Quiet: 20 * time.Millisecond, MaxDelay: 100 * time.Millisecond, Poll: 25 * time.Millisecond, ForcePoll: true}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			e := &editRun{liveRun: startRun(t, writeRunKB(t), Options{Watch: mode.watch})}
			e.mixedEdits(30)
			if len(e.missed) > 0 {
				t.Errorf("%d of 30 edits missed:\n%s", len(e.missed), strings.Join(e.missed, "\n"))
			}
			slices.Sort(e.took)
			t.Logf("from the save to the served page: median %v, max %v over %d checks", e.took[len(e.took)/2], e.took[len(e.took)-1], len(e.took))
			waitSameSite(t, e.liveRun, startRun(t, copyKB(t, e.dir), Options{}))
		})
	}
}

// mixedEdits makes n edits, cycling through the kinds of save of an
// existing document, a new document in a new folder, a rename of it and
// its deletion.
func (e *editRun) mixedEdits(n int) {
	docs := []struct{ path, url string }{
		{runDoc, runURL},
		{runOtherDoc, "/postmortems/2026-02-11-cache-eviction/"},
		{"runbooks/queue-drain.md", "/runbooks/queue-drain/"},
		{"about.md", "/about/"},
	}
	var extra, extraURL string // the document made by the last "new folder" edit
	for i := range n {
		kind := i % 7
		switch {
		case kind < len(savers):
			d := docs[i%len(docs)]
			marker := fmt.Sprintf("Edit %d was saved by %s.", i, savers[kind].name)
			savers[kind].save(e.t, e.dir, d.path, []byte(readKB(e.t, e.dir, d.path)+"\n"+marker+"\n"))
			e.expect(fmt.Sprintf("edit %d (%s of %s)", i, savers[kind].name, d.path), d.url, contains(marker))
		case kind == 4:
			title := fmt.Sprintf("Extra case %d", i)
			extra = fmt.Sprintf("postmortems/new-%d/2026-05-05-extra-%d.md", i, i)
			extraURL = fmt.Sprintf("/postmortems/2026-05-05-extra-%d/", i)
			must(e.t, os.Mkdir(filepath.Join(e.dir, "postmortems", fmt.Sprintf("new-%d", i)), 0o755))
			must(e.t, os.WriteFile(filepath.Join(e.dir, filepath.FromSlash(extra)), []byte(extraPostmortem(title)), 0o644))
			e.expect(fmt.Sprintf("edit %d (new folder with %s)", i, extra), extraURL, contains(title))
			e.expect(fmt.Sprintf("edit %d (new folder with %s): the list", i, extra), runListURL, contains(listHref(extraURL)))
		case kind == 5:
			from, fromURL := extra, extraURL
			extra = strings.Replace(extra, "-extra-", "-renamed-", 1)
			extraURL = strings.Replace(extraURL, "-extra-", "-renamed-", 1)
			must(e.t, os.Rename(filepath.Join(e.dir, filepath.FromSlash(from)), filepath.Join(e.dir, filepath.FromSlash(extra))))
			e.expect(fmt.Sprintf("edit %d (rename of %s)", i, from), extraURL, contains("Extra case"))
			e.expect(fmt.Sprintf("edit %d (rename of %s): the old page", i, from), fromURL, notFound)
			e.expect(fmt.Sprintf("edit %d (rename of %s): the list", i, from), runListURL, func(status int, body string) bool {
				return contains(listHref(extraURL))(status, body) && lacks(listHref(fromURL))(status, body)
			})
		default:
			must(e.t, os.Remove(filepath.Join(e.dir, filepath.FromSlash(extra))))
			e.expect(fmt.Sprintf("edit %d (delete of %s)", i, extra), extraURL, notFound)
			e.expect(fmt.Sprintf("edit %d (delete of %s): the list", i, extra), runListURL, lacks(listHref(extraURL)))
		}
	}
}

// TestRunTakesABurstOfSaves makes 30 saves of four documents, of every
// kind, one straight after the other, with no wait between them: each
// page ends up with every sentence its saves added, and the site equals a
// fresh Run's.
func TestRunTakesABurstOfSaves(t *testing.T) {
	r := startRun(t, writeRunKB(t), Options{})
	docs := map[string]string{runDoc: runURL, runOtherDoc: "/postmortems/2026-02-11-cache-eviction/",
		"runbooks/queue-drain.md": "/runbooks/queue-drain/", "about.md": "/about/"}
	paths := []string{runDoc, runOtherDoc, "runbooks/queue-drain.md", "about.md"}
	markers := map[string][]string{}
	for i := range 30 {
		path, s := paths[i%len(paths)], savers[(i/len(paths))%len(savers)]
		marker := fmt.Sprintf("Burst save %d by %s.", i, s.name)
		s.save(t, r.dir, path, []byte(readKB(t, r.dir, path)+"\n"+marker+"\n"))
		markers[path] = append(markers[path], marker)
	}
	for _, path := range paths {
		took := r.waitPage("the saves of "+path, docs[path], contains(markers[path]...))
		t.Logf("%s: all %d saves served %v after the last check began", path, len(markers[path]), took)
	}
	waitSameSite(t, r, startRun(t, copyKB(t, r.dir), Options{}))
}
