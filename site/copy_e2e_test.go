package site

import (
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/kb-tools/kb/internal/kbtest"
)

// TestCopyButtonPutsCommandOnClipboard clicks the Copy button of a
// runbook's first command in Chromium and reads the clipboard back.
func TestCopyButtonPutsCommandOnClipboard(t *testing.T) {
	ctx := kbtest.Browser(t)
	base := serveSite(t)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(base+"runbooks/cache-stampede/")); err != nil {
		t.Fatal(err)
	}
	if n := kbtest.Eval[int](t, ctx, `document.querySelectorAll("main .codeblock > button.copy").length`); n < 2 {
		t.Fatalf("%d Copy buttons on the runbook's code blocks, want one each", n)
	}
	want := kbtest.Eval[string](t, ctx, `document.querySelector("main pre").innerText.replace(/\n$/, "")`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("main .codeblock button.copy")),
		chromedp.WaitVisible(chromedp.Search(`//main//button[text()="Copied"]`))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != want || len(got) < 10 {
		t.Errorf("clipboard %q, want the block's text %q", got, want)
	}
}
