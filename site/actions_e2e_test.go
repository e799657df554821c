package site

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestActionBoardFilters chooses an owner, then a status, in the filters
// of the example's action board in Chromium: the rows shown are the
// owner's (then those of that status too), each group's count says how
// many of its rows are shown, and the address keeps the filters. Done
// and won't-do items are folded until the filter asks for them.
func TestActionBoardFilters(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(base+"actions/")); err != nil {
		t.Fatal(err)
	}
	visible := `[...document.querySelectorAll("section.group tbody tr")].filter(tr => !tr.hidden && tr.offsetParent !== null)`
	folded := `[...document.querySelectorAll("section.group tbody tr")].filter(tr => !tr.checkVisibility()).map(tr => tr.dataset.status)`
	if got := kbtest.Eval[[]string](t, ctx, folded); len(got) == 0 || strings.Trim(strings.Join(got, ""), "donewt-") != "" {
		t.Errorf("rows folded on the board: %q, want the done and won't-do ones only", got)
	}
	all := kbtest.Eval[int](t, ctx, visible+`.length`)
	owned := kbtest.Eval[int](t, ctx, `document.querySelectorAll('section.group tbody tr[data-owner="team-payments"]').length`)
	if all < 20 || owned == 0 || owned == all {
		t.Fatalf("%d rows, %d of team-payments: not a board to filter", all, owned)
	}
	choose := func(name, value string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`form.board-filters select[name=`+name+`]`), value),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("form.board-filters").dispatchEvent(new Event("change"))`)); err != nil {
			t.Fatal(err)
		}
	}
	choose("owner", "team-payments")
	if got := kbtest.Eval[int](t, ctx, visible+`.length`); got != owned {
		t.Errorf("%d rows shown for team-payments, want %d", got, owned)
	}
	if n := kbtest.Eval[int](t, ctx, visible+`.filter(tr => tr.dataset.owner !== "team-payments").length`); n != 0 {
		t.Errorf("%d rows of other owners shown", n)
	}
	counts := kbtest.Eval[string](t, ctx, `[...document.querySelectorAll("section.group:not([hidden]) h2 .count")].map(c => c.textContent).join("; ")`)
	if !strings.Contains(counts, " of ") {
		t.Errorf("group counts %q do not say how many rows are shown", counts)
	}
	// The contents list above the board shows the groups shown, with the same counts.
	listed := kbtest.Eval[string](t, ctx, `[...document.querySelectorAll("nav.contents li:not([hidden]) .count")].map(c => c.textContent).join("; ")`)
	if listed != counts {
		t.Errorf("contents counts %q, group counts %q: they disagree", listed, counts)
	}
	choose("status", "done")
	done := kbtest.Eval[int](t, ctx, `document.querySelectorAll('section.group tbody tr[data-owner="team-payments"][data-status="done"]').length`)
	if got := kbtest.Eval[int](t, ctx, visible+`.length`); got != done || done == 0 {
		t.Errorf("%d rows shown for team-payments, done; want %d", got, done)
	}
	if n := kbtest.Eval[int](t, ctx, `[...document.querySelectorAll('section.group tbody tr[data-status="done"]:not([hidden])')].filter(tr => !tr.checkVisibility()).length`); n != 0 {
		t.Errorf("%d done rows still folded when the filter asks for done items", n)
	}
	if q := kbtest.Eval[string](t, ctx, `location.search`); q != "?status=done&owner=team-payments" && q != "?owner=team-payments&status=done" {
		t.Errorf("address query %q, want the two filters", q)
	}
	choose("owner", "")
	choose("status", "")
	if got := kbtest.Eval[int](t, ctx, visible+`.length`); got != all {
		t.Errorf("%d rows shown with no filter, want all %d", got, all)
	}
}

// TestActionBoardColumnsHoldSteady checks, at a desktop width, that each
// column of the board's groups starts at the same place in every group
// shown, whatever the lengths of their texts.
func TestActionBoardColumnsHoldSteady(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"actions/")); err != nil {
		t.Fatal(err)
	}
	starts := kbtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("table.actions")].filter(t => t.offsetParent !== null)
		.map(t => [...t.querySelectorAll("thead th")].map(th => Math.round(th.getBoundingClientRect().left)).join(" "))`)
	if len(starts) < 2 {
		t.Fatalf("%d action tables shown, want the board's groups", len(starts))
	}
	for i, s := range starts {
		if s != starts[0] {
			t.Errorf("group %d has its columns at %s, the first group at %s", i, s, starts[0])
		}
	}
}

// TestLinkUnfoldsDoneItems follows a link to the board's done items, as
// the count tiles give: the folded group opens.
func TestLinkUnfoldsDoneItems(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"actions/index.html#done")); err != nil {
		t.Fatal(err)
	}
	if !kbtest.Eval[bool](t, ctx, `document.querySelector("#done details").open`) {
		t.Error("#done is folded after a link to it")
	}
	if kbtest.Eval[bool](t, ctx, `document.querySelector("#won-t-do details").open`) {
		t.Error("#won-t-do opened by a link to #done")
	}
}
