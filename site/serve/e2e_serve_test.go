package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
	"github.com/kb-tools/kb/templates"
)

// reloadBound is how soon after a save the issue wants the new text in the
// browser.
const reloadBound = time.Second

// scrollAt is how far down the test scrolls the postmortem.
const scrollAt = 1500

// streamSpy runs before every document of the tab: it keeps the page's
// event streams where the test can see whether one is open, and counts
// the documents loaded.
const streamSpy = `(() => {
  const Real = window.EventSource;
  window.kbTestStreams = [];
  window.EventSource = function (url, opts) { const s = new Real(url, opts); window.kbTestStreams.push(s); return s; };
  window.EventSource.prototype = Real.prototype;
  const n = +(sessionStorage.getItem("kbTestLoads") || "0") + 1;
  sessionStorage.setItem("kbTestLoads", String(n));
})()`

// servedTab is a tab of Chromium on a page of a Run.
type servedTab struct {
	t   *testing.T
	ctx context.Context
	run *liveRun
}

// eval evaluates expr in the tab, failing the test on an error.
func evalIn[T any](tab *servedTab, expr string) T {
	tab.t.Helper()
	return kbtest.Eval[T](tab.t, tab.ctx, expr)
}

// waitFor evaluates expr until it is true, through reloads, and returns
// how long that took; it fails the test after runWait.
func (tab *servedTab) waitFor(what, expr string) time.Duration {
	tab.t.Helper()
	start := time.Now()
	for {
		ok, err := chromedp.Run(tab.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return time.Since(start)
		}
		if time.Since(start) > runWait {
			tab.t.Fatalf("%s: never true: %s\nstderr of kb serve:\n%s", what, expr, tab.run.stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until the page shows the build the server serves and
// listens to its events.
func (tab *servedTab) settle() {
	tab.t.Helper()
	start := time.Now()
	for {
		gen, err := chromedp.Run(tab.ctx, chromedp.Evaluate[string](`document.readyState === "complete" &&
			window.kbTestStreams.some(s => s.readyState === 1) ?
			document.querySelector('meta[name="kb-gen"]').content : ""`))
		if err == nil && gen == strconv.FormatUint(tab.run.current().Gen, 10) {
			return
		}
		if time.Since(start) > runWait {
			tab.t.Fatalf("the page never settled on gen %d (it shows %q)", tab.run.current().Gen, gen)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// article is the expression of the text of the page's document, outside
// the preview's markup.
const article = `document.querySelector("article").textContent`

// editDoc changes the document's source with edit, saving it in place.
func (tab *servedTab) editDoc(path string, edit func(lines []string) []string) {
	tab.t.Helper()
	src := strings.Split(readKB(tab.t, tab.run.dir, path), "\n")
	saveInPlace(tab.t, tab.run.dir, path, []byte(strings.Join(edit(src), "\n")))
}

// appendToParagraph returns an edit that adds sentence at the end of the
// paragraph that starts on line (1-based), and the line it ends on.
func appendToParagraph(t *testing.T, src string, line int, sentence string) (func([]string) []string, int) {
	t.Helper()
	lines := strings.Split(src, "\n")
	end := line - 1
	for end+1 < len(lines) && strings.TrimSpace(lines[end+1]) != "" {
		end++
	}
	if line < 1 || strings.TrimSpace(lines[line-1]) == "" {
		t.Fatalf("no paragraph starts on line %d", line)
	}
	return func(l []string) []string {
		l[end] += " " + sentence
		return l
	}, end + 1
}

// TestServeInBrowser runs kb serve on a KB and follows one postmortem in
// Chromium through the edits of an author: a body edit shows without a
// reload of the author's within a second, at the same scroll position;
// broken front matter shows the overlay with its line over the old page,
// which goes once it is fixed; a blameless finding appears in the panel,
// linked to its paragraph; an error in another file shows in the banner;
// a stylesheet override is swapped in without a reload.
func TestServeInBrowser(t *testing.T) {
	ctx := kbtest.Browser(t)
	r := startRun(t, writeRunKB(t), Options{})
	tab := &servedTab{t: t, ctx: ctx, run: r}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: streamSpy})
		return err
	}), chromedp.EmulateViewport(1000, 700), chromedp.Navigate(r.base+runURL))
	if err != nil {
		t.Fatal(err)
	}
	tab.settle()
	if h := evalIn[int](tab, `document.documentElement.scrollHeight`); h < scrollAt+1500 {
		t.Fatalf("the page is %dpx high: too short to scroll %dpx down", h, scrollAt)
	}
	// The script, not the browser, restores the scroll position.
	evalIn[bool](tab, fmt.Sprintf(`history.scrollRestoration = "manual", window.scrollTo(0, %d), true`, scrollAt))
	if y := evalIn[int](tab, `window.scrollY`); y != scrollAt {
		t.Fatalf("scrolled to %d, want %d", y, scrollAt)
	}
	// The first paragraph still on screen below the top of the window.
	line := evalIn[int](tab, `+[...document.querySelectorAll("article p[data-kb-line]")].find(p => p.getBoundingClientRect().bottom > 150).dataset.kbLine`)

	sentence := tab.bodyEdit(line)
	tab.frontMatterError(sentence)
	tab.blamelessFinding(line)
	tab.otherFileError()
	tab.stylesheetOverride()
	t.Logf("%s documents loaded in the tab", evalIn[string](tab, `sessionStorage.getItem("kbTestLoads")`))
}

// bodyEdit appends a sentence to the paragraph on line and checks that
// the page shows it within reloadBound, at the same scroll position; a
// machine too busy gets a second try. It returns the sentence.
func (tab *servedTab) bodyEdit(line int) string {
	t := tab.t
	var sentence string
	for try := 1; ; try++ {
		sentence = fmt.Sprintf("The consumers caught up by try %d.", try)
		edit, _ := appendToParagraph(t, readKB(t, tab.run.dir, runDoc), line, sentence)
		evalIn[bool](tab, `window.kbMarker = true`)
		start := time.Now()
		tab.editDoc(runDoc, edit)
		tab.waitFor("the new sentence", fmt.Sprintf(`%s.includes(%q)`, article, sentence))
		took := time.Since(start)
		t.Logf("try %d: from the save to the new text in the browser: %v", try, took)
		if evalIn[bool](tab, `window.kbMarker === true`) {
			t.Fatal("the new text is there but the page did not reload")
		}
		if took < reloadBound {
			break
		}
		if try == 2 {
			t.Fatalf("the new text took %v, over %v, twice", took, reloadBound)
		}
		tab.settle()
	}
	tab.waitFor("the page loaded", `document.readyState === "complete"`)
	y := evalIn[int](tab, `window.scrollY`)
	if y < scrollAt-3 || y > scrollAt+3 {
		t.Errorf("after the reload the page is at %d, want %d", y, scrollAt)
	}
	return sentence
}

// frontMatterError breaks the front matter on line 4, checks the overlay
// over the last good page (which holds the sentence), then fixes it and
// checks that the overlay goes.
func (tab *servedTab) frontMatterError(sentence string) {
	t := tab.t
	tab.settle()
	tab.editDoc(runDoc, func(l []string) []string {
		if l[3] != "severity: SEV2" {
			t.Fatalf("line 4 is %q", l[3])
		}
		l[3] = "severity: [SEV2"
		return l
	})
	took := tab.waitFor("the overlay", `document.readyState === "complete" && document.querySelector(".kb-preview-overlay") !== null`)
	t.Logf("from the save to the overlay: %v", took)
	pos := evalIn[string](tab, `document.querySelector(".kb-preview-overlay .kb-preview-pos").textContent`)
	if !strings.HasPrefix(pos, runDoc+":4:") {
		t.Errorf("the overlay's position is %q, want %s:4:...", pos, runDoc)
	}
	marked := evalIn[string](tab, `[...document.querySelectorAll(".kb-preview-overlay .kb-preview-line-marked")].map(l => l.textContent).join("|")`)
	if marked != "4severity: [SEV2" {
		t.Errorf("the marked source lines are %q, want line 4 alone", marked)
	}
	covers := `(() => { const e = document.elementFromPoint(500, 350); return e !== null && e.closest(".kb-preview-overlay") !== null; })()`
	if !evalIn[bool](tab, covers) {
		t.Error("the overlay does not cover the page")
	}
	if !evalIn[bool](tab, fmt.Sprintf(`%s.includes(%q)`, article, sentence)) {
		t.Error("the page under the overlay is not the last good one")
	}
	tab.editDoc(runDoc, func(l []string) []string {
		l[3] = "severity: SEV2"
		return l
	})
	took = tab.waitFor("the overlay gone", `document.readyState === "complete" && document.querySelector(".kb-preview-overlay") === null`)
	t.Logf("from the fix to the overlay gone: %v", took)
	if !evalIn[bool](tab, fmt.Sprintf(`%s.includes(%q)`, article, sentence)) {
		t.Error("the page lost the sentence once fixed")
	}
}

// blamelessFinding adds a blaming sentence to the paragraph on line and
// checks the panel: a blameless finding on the line the sentence ends up
// on, linked to that paragraph.
func (tab *servedTab) blamelessFinding(line int) {
	t := tab.t
	tab.settle()
	if n := evalIn[int](tab, `document.querySelectorAll(".kb-preview-finding").length`); n != 0 {
		t.Fatalf("%d findings before the blaming sentence, want none", n)
	}
	edit, findingLine := appendToParagraph(t, readKB(t, tab.run.dir, runDoc), line, "Bob should have known better.")
	tab.editDoc(runDoc, edit)
	took := tab.waitFor("the blameless finding", `document.readyState === "complete" &&
		[...document.querySelectorAll(".kb-preview-finding .kb-preview-rule")].some(r => r.textContent.startsWith("blameless/"))`)
	t.Logf("from the save to the finding in the panel: %v", took)
	got := evalIn[string](tab, `(() => {
		const f = [...document.querySelectorAll(".kb-preview-finding")].find(f => f.querySelector(".kb-preview-rule").textContent.startsWith("blameless/"));
		const href = f.querySelector("a.kb-preview-goto").getAttribute("href");
		const target = href.length > 1 ? document.getElementById(href.slice(1)) : null;
		return [f.dataset.kbFindingLine, target ? target.dataset.kbLine : "none", target ? target.textContent.includes("Bob should have known better.") : false].join(" ");
	})()`)
	if want := fmt.Sprintf("%d %d true", findingLine, line); got != want {
		t.Errorf("finding line, linked element's line, element holds the sentence: %q, want %q", got, want)
	}
	if errs := evalIn[string](tab, `document.querySelector(".kb-preview-count.kb-preview-sev-error").textContent`); errs == "0 errors" {
		t.Errorf("the panel counts %q", errs)
	}
}

// otherFileError breaks another postmortem's front matter and checks the
// banner on this page, then fixes it.
func (tab *servedTab) otherFileError() {
	t := tab.t
	tab.settle()
	good := readKB(t, tab.run.dir, runOtherDoc)
	saveInPlace(t, tab.run.dir, runOtherDoc, []byte(strings.Replace(good, "severity: SEV3", "severity: [SEV3", 1)))
	banner := `document.readyState === "complete" && document.querySelector(".kb-preview-banner") !== null &&
		document.querySelector(".kb-preview-banner").textContent.includes(` + strconv.Quote(runOtherDoc) + `)`
	took := tab.waitFor("the banner", banner)
	t.Logf("from the save of another file to the banner: %v", took)
	if href := evalIn[string](tab, `document.querySelector(".kb-preview-banner a").getAttribute("href")`); href != "/postmortems/2026-02-11-cache-eviction/" {
		t.Errorf("the banner links to %q", href)
	}
	if evalIn[bool](tab, `document.querySelector(".kb-preview-overlay") !== null`) {
		t.Error("an error in another file shows the overlay on this page")
	}
	saveInPlace(t, tab.run.dir, runOtherDoc, []byte(good))
	tab.waitFor("the banner gone", `document.readyState === "complete" && document.querySelector(".kb-preview-banner") === null`)
}

// stylesheetOverride writes the KB's own style.css and checks the page
// takes it without a reload, twice: the override made, then changed.
func (tab *servedTab) stylesheetOverride() {
	t := tab.t
	tab.settle()
	base, err := fs.ReadFile(templates.Default(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.MkdirAll(filepath.Join(tab.run.dir, "templates", "static"), 0o755))
	for _, color := range []string{"rgb(1, 2, 3)", "rgb(4, 5, 6)"} {
		evalIn[bool](tab, `window.kbMarker = true`)
		css := string(base) + "\narticle h1 { color: " + color + " !important; }\n"
		saveInPlace(t, tab.run.dir, "templates/static/style.css", []byte(css))
		took := tab.waitFor("the new style "+color, `getComputedStyle(document.querySelector("article h1")).color === `+strconv.Quote(color))
		t.Logf("from the save of the stylesheet to the style %s: %v", color, took)
		if !evalIn[bool](tab, `window.kbMarker === true`) {
			t.Errorf("the page reloaded for a stylesheet change (%s)", color)
		}
	}
}
