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
// many of its rows are shown, and the address keeps the filters.
func TestActionBoardFilters(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(base+"actions/")); err != nil {
		t.Fatal(err)
	}
	visible := `[...document.querySelectorAll("section.group tbody tr")].filter(tr => !tr.hidden && tr.offsetParent !== null)`
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
	choose("status", "done")
	done := kbtest.Eval[int](t, ctx, `document.querySelectorAll('section.group tbody tr[data-owner="team-payments"][data-status="done"]').length`)
	if got := kbtest.Eval[int](t, ctx, visible+`.length`); got != done || done == 0 {
		t.Errorf("%d rows shown for team-payments, done; want %d", got, done)
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
