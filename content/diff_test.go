package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// differentialDirs are the KBs the scanner is checked against goldmark on:
// the example, the lint fixtures and, when present, the shared corpus of
// real runbooks and postmortems.
func differentialDirs(t *testing.T) []string {
	dirs := []string{"../examples/acme", "../lint/testdata", "testdata/markdown"}
	// KB_DIFF_DIRS adds KBs, such as a kbgen corpus, separated by ":".
	if extra := os.Getenv("KB_DIFF_DIRS"); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	corpus := os.Getenv("KB_CORPUS_DIR")
	if corpus == "" {
		corpus = "../../shared/corpus"
	}
	if entries, err := os.ReadDir(corpus); err == nil {
		for _, e := range entries {
			if e.IsDir() {
				dirs = append(dirs, filepath.Join(corpus, e.Name()))
			}
		}
	} else {
		t.Logf("no corpus at %s: checking the example and fixtures only", corpus)
	}
	return dirs
}

// eachDifferentialFile calls fn with every markdown file of the
// differential KBs.
func eachDifferentialFile(t *testing.T, fn func(rel string, src []byte)) {
	for _, dir := range differentialDirs(t) {
		files, err := OpenFiles(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		paths, _ := findDocuments(files, &Config{})
		for _, rel := range paths {
			src, err := files.ReadFile(rel, Limit{Bytes: DefaultDocumentBytes})
			var fe *FileError
			if errors.As(err, &fe) && fe.Problem != FileUnreadable {
				continue // a path kb does not read (the lint fixture of links)
			}
			if err != nil {
				t.Fatal(err)
			}
			fn(rel, src)
		}
	}
}

// oracle extracts a document's body the way the goldmark-based scanner did.
func oracle(d *Doc) *Doc {
	o := *d
	o.Sections, o.Timeline, o.Links, o.Code, o.Quotes = nil, nil, nil, nil, nil
	o.Actions = nil
	for _, a := range d.Actions {
		if a.Form == FormFrontMatter {
			o.Actions = append(o.Actions, a)
		}
	}
	if _, ok := d.KeyPos("date"); !ok {
		o.Date = fileDate(d.Path)
	}
	if d.PlainBody {
		return &o // shown as plain text: nothing is read from the markdown
	}
	scanBody(newScanMarkdown(), &o, NewLineIndex(d.Source))
	settleActions(&o)
	return &o
}

// TestScannerAgreesWithGoldmark checks that the line scanner extracts what
// a full CommonMark parse does, document by document.
func TestScannerAgreesWithGoldmark(t *testing.T) {
	cfg := DefaultConfig()
	p := NewParser(&cfg)
	docs, mismatches := 0, 0
	eachDifferentialFile(t, func(rel string, src []byte) {
		d, _ := p.Parse(rel, src)
		if d == nil || d.Source == nil {
			return
		}
		docs++
		if diff := compareDocs(d, oracle(d)); diff != "" {
			mismatches++
			if mismatches <= 15 {
				t.Errorf("%s:\n%s", rel, diff)
			}
		}
	})
	t.Logf("%d documents compared, %d differ", docs, mismatches)
}

func compareDocs(got, want *Doc) string {
	var b strings.Builder
	check := func(name string, g, w any) {
		if !reflect.DeepEqual(g, w) {
			fmt.Fprintf(&b, "  %s:\n    scanner: %s\n    goldmark: %s\n", name, brief(g), brief(w))
		}
	}
	check("sections", got.Sections, want.Sections)
	// The oracle does not locate due dates inside an item: it takes the
	// scanner's (TestActionItemForms and the lint fixtures check them).
	if len(got.Actions) == len(want.Actions) {
		for i := range want.Actions {
			want.Actions[i].DuePos = got.Actions[i].DuePos
		}
	}
	check("actions", got.Actions, want.Actions)
	check("timeline", timelineKeys(got.Timeline), timelineKeys(want.Timeline))
	if len(got.Links) == len(want.Links) {
		for i := range want.Links {
			if want.Links[i].Pos == (Pos{}) {
				want.Links[i].Pos = got.Links[i].Pos
			}
		}
	}
	check("links", got.Links, want.Links)
	check("code", got.Code, want.Code)
	check("quotes", got.Quotes, want.Quotes)
	return b.String()
}

type timelineKey struct {
	TimeText, Event string
	Time            time.Time
	Line            int
}

func timelineKeys(es []TimelineEntry) []timelineKey {
	var out []timelineKey
	for _, e := range es {
		out = append(out, timelineKey{e.TimeText, e.Event, e.Time.UTC(), e.Pos.Line})
	}
	return out
}

func brief(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 1500 {
		s = s[:1500] + "…"
	}
	return s
}
