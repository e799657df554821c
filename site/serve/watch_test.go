package serve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// watchFixture is the KB each save case starts from.
var watchFixture = map[string]string{
	"kb.yaml":              "title: Test\n",
	"a.md":                 "# A\n\nfirst version\n",
	"b.md":                 "# B\n",
	"sub/x.md":             "# X\n",
	"sub/deep/y.md":        "# Y\n",
	"templates/page.html":  "<main>{{.}}</main>\n",
	"public/index.html":    "<p>built</p>\n",
	".git/HEAD":            "ref: refs/heads/main\n",
	".kb/index/store":      "index\n",
	"node_modules/m/i.js":  "x\n",
	"images/diagram.svg":   "<svg/>\n",
	"sub/deep/notes.txt":   "notes\n",
	"runbooks/r/README.md": "# R\n",
}

// writeFixture writes watchFixture into dir.
func writeFixture(t *testing.T, dir string) {
	for rel, text := range watchFixture {
		writeFile(t, dir, rel, text)
	}
}

// ignorePublic leaves out the KB's output folder, as kb serve does.
func ignorePublic(rel string, dir bool) bool { return rel == "public" }

// saveStep is a change made to the KB and the paths it must report,
// exactly.
type saveStep struct {
	do   func(t *testing.T, dir string)
	want []string
}

// saveCase is a kind of save, in one or more steps.
type saveCase struct {
	name  string
	steps []saveStep
}

// one is a case of a single step.
func one(name string, do func(t *testing.T, dir string), want ...string) saveCase {
	return saveCase{name: name, steps: []saveStep{{do: do, want: want}}}
}

// outsideOf is a folder beside the KB dir, outside it, that runSaveCases
// makes.
func outsideOf(dir string) string { return filepath.Join(filepath.Dir(dir), "outside") }

// saveCases are the ways editors, tools and people change a KB's files.
func saveCases() []saveCase {
	return []saveCase{
		one("in-place write", func(t *testing.T, dir string) {
			f, err := os.OpenFile(filepath.Join(dir, "a.md"), os.O_WRONLY, 0)
			must(t, err)
			_, err = f.WriteAt([]byte("# Z"), 0)
			must(t, err)
			must(t, f.Close())
		}, "a.md"),
		one("truncate and write", func(t *testing.T, dir string) {
			writeFile(t, dir, "a.md", "# A\n\nsecond version\n")
		}, "a.md"),
		one("vim rename and write, with its probe and swap files", vimSave, "a.md"),
		one("atomic rename of a .tmp file", func(t *testing.T, dir string) {
			writeFile(t, dir, "a.md.tmp", "# A\n\natomic\n")
			must(t, os.Rename(filepath.Join(dir, "a.md.tmp"), filepath.Join(dir, "a.md")))
		}, "a.md"),
		one("atomic rename of a temporary file of any name", func(t *testing.T, dir string) {
			writeFile(t, dir, "a.md.4821-atomic", "# A\n\natomic\n")
			must(t, os.Rename(filepath.Join(dir, "a.md.4821-atomic"), filepath.Join(dir, "a.md")))
		}, "a.md"),
		one("JetBrains safe write", jetBrainsSave, "a.md"),
		one("create", func(t *testing.T, dir string) { writeFile(t, dir, "new.md", "# New\n") }, "new.md"),
		one("create in a watched folder", func(t *testing.T, dir string) {
			writeFile(t, dir, "sub/deep/z.md", "# Z\n")
		}, "sub/deep/z.md"),
		one("delete", func(t *testing.T, dir string) { must(t, os.Remove(filepath.Join(dir, "b.md"))) }, "b.md"),
		one("rename", func(t *testing.T, dir string) {
			must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "c.md")))
		}, "a.md", "c.md"),
		one("rename into a new folder", func(t *testing.T, dir string) {
			must(t, os.Mkdir(filepath.Join(dir, "n"), 0o755))
			must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "n", "a.md")))
		}, "a.md", "n/a.md"),
		one("new folder with files written at once", func(t *testing.T, dir string) {
			must(t, os.Mkdir(filepath.Join(dir, "n"), 0o755))
			writeFile(t, dir, "n/1.md", "1")
			writeFile(t, dir, "n/2.md", "2")
		}, "n/1.md", "n/2.md"),
		one("nested folders made at once, then files", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, "n", "o", "p"), 0o755))
			writeFile(t, dir, "n/1.md", "1")
			writeFile(t, dir, "n/o/2.md", "2")
			writeFile(t, dir, "n/o/p/3.md", "3")
		}, "n/1.md", "n/o/2.md", "n/o/p/3.md"),
		{name: "new folder, a file written in it later", steps: []saveStep{
			{do: func(t *testing.T, dir string) { must(t, os.MkdirAll(filepath.Join(dir, "n", "o"), 0o755)) }},
			{do: func(t *testing.T, dir string) { writeFile(t, dir, "n/o/later.md", "later") }, want: []string{"n/o/later.md"}},
		}},
		{name: "folder moved in from outside, then edited", steps: []saveStep{
			{do: func(t *testing.T, dir string) {
				writeFile(t, outsideOf(dir), "q/r.md", "r")
				writeFile(t, outsideOf(dir), "q/s/t.md", "t")
				must(t, os.Rename(filepath.Join(outsideOf(dir), "q"), filepath.Join(dir, "q")))
			}, want: []string{"q/r.md", "q/s/t.md"}},
			{do: func(t *testing.T, dir string) { writeFile(t, dir, "q/s/t.md", "t2") }, want: []string{"q/s/t.md"}},
		}},
		one("folder moved out", func(t *testing.T, dir string) {
			must(t, os.Rename(filepath.Join(dir, "sub"), filepath.Join(outsideOf(dir), "sub")))
		}, "sub/deep/notes.txt", "sub/deep/y.md", "sub/x.md"),
		{name: "folder renamed, then edited under its new name", steps: []saveStep{
			{do: func(t *testing.T, dir string) {
				must(t, os.Rename(filepath.Join(dir, "sub"), filepath.Join(dir, "sub2")))
			}, want: []string{"sub/deep/notes.txt", "sub/deep/y.md", "sub/x.md", "sub2/deep/notes.txt", "sub2/deep/y.md", "sub2/x.md"}},
			{do: func(t *testing.T, dir string) { writeFile(t, dir, "sub2/deep/y.md", "# Y2\n") }, want: []string{"sub2/deep/y.md"}},
		}},
		one("folder removed", func(t *testing.T, dir string) {
			must(t, os.RemoveAll(filepath.Join(dir, "sub")))
		}, "sub/deep/notes.txt", "sub/deep/y.md", "sub/x.md"),
		one("same bytes written again", func(t *testing.T, dir string) {
			writeFile(t, dir, "a.md", watchFixture["a.md"])
		}),
		one("touch", func(t *testing.T, dir string) {
			later := time.Now().Add(time.Hour)
			must(t, os.Chtimes(filepath.Join(dir, "a.md"), later, later))
		}),
		one("chmod", func(t *testing.T, dir string) { must(t, os.Chmod(filepath.Join(dir, "a.md"), 0o600)) }),
		one("layout changed", func(t *testing.T, dir string) {
			writeFile(t, dir, "templates/page.html", "<main>{{.}}!</main>\n")
		}, "templates/page.html"),
		one("ignored paths", writeIgnored),
	}
}

// vimSave saves a.md as vim does with backupcopy=auto, as seen with
// fsnotify: it makes and removes the probe file 4913, renames the file to
// its backup a.md~, writes a new a.md, and removes the backup; its swap
// file .a.md.swp is written meanwhile.
func vimSave(t *testing.T, dir string) {
	p := func(name string) string { return filepath.Join(dir, name) }
	writeFile(t, dir, ".a.md.swp", "swap")
	writeFile(t, dir, "4913", "")
	must(t, os.Chmod(p("4913"), 0o644))
	must(t, os.Remove(p("4913")))
	must(t, os.Rename(p("a.md"), p("a.md~")))
	writeFile(t, dir, "a.md", "# A\n\nsaved by vim\n")
	must(t, os.Chmod(p("a.md"), 0o644))
	must(t, os.Remove(p("a.md~")))
	writeFile(t, dir, ".a.md.swp", "swap 2")
}

// jetBrainsSave saves a.md as JetBrains' "safe write" does: the new text
// goes to a.md___jb_tmp___, the file is renamed to a.md___jb_old___, the
// new one renamed into place and the old one removed.
func jetBrainsSave(t *testing.T, dir string) {
	p := func(name string) string { return filepath.Join(dir, name) }
	writeFile(t, dir, "a.md___jb_tmp___", "# A\n\nsaved by an IDE\n")
	must(t, os.Rename(p("a.md"), p("a.md___jb_old___")))
	must(t, os.Rename(p("a.md___jb_tmp___"), p("a.md")))
	must(t, os.Remove(p("a.md___jb_old___")))
}

// writeIgnored changes only paths the watcher leaves out.
func writeIgnored(t *testing.T, dir string) {
	for _, rel := range []string{
		".git/HEAD", ".git/objects/ab/cdef", ".kb/index/store", ".kb/serve.json",
		"public/index.html", "public/new/page.html", "node_modules/m/i.js", "node_modules/n/j.js",
		".a.md.swp", ".a.md.swx", "a.md~", "#a.md#", ".#a.md", "4913", "5036",
		"b.md___jb_old___", "b.md___jb_tmp___", "x.tmp", "sub/.hidden.md", ".idea/workspace.xml",
	} {
		writeFile(t, dir, rel, "ignored "+rel)
	}
}

// runSaveCases runs each case on a fresh copy of the fixture, checking
// each step reports exactly its paths.
func runSaveCases(t *testing.T, opts WatchOptions, fixture func(t *testing.T, dir string), cases []saveCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "kb")
			must(t, os.MkdirAll(outsideOf(dir), 0o755))
			fixture(t, dir)
			run := startWatch(t, dir, opts, watchHooks{})
			for i, step := range c.steps {
				step.do(t, dir)
				if got := run.settle(); !slices.Equal(got, step.want) {
					t.Errorf("step %d reported %q, want %q", i+1, got, step.want)
				}
			}
		})
	}
}

// TestWatchSaves checks every kind of save reports exactly the files it
// changed, with fsnotify and by polling.
func TestWatchSaves(t *testing.T) {
	for _, mode := range watchModes {
		t.Run(mode.name, func(t *testing.T) {
			opts := mode.opts
			opts.Ignore = ignorePublic
			// A save's steps must land in one batch for its temporary
			// files to go unreported: a loaded machine can pause a test
			// longer than testQuiet between two steps of one save.
			opts.Quiet = saveQuiet
			runSaveCases(t, opts, writeFixture, saveCases())
		})
	}
}
