package main

import (
	"context"
	"errors"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// chromiumPath is the browser to run: the given path, or Debian's chromium
// (or chromium-browser, google-chrome) on PATH.
func chromiumPath(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium on PATH (install Debian's chromium, or pass -chromium PATH)")
}

// startBrowser starts headless Chromium with a new, empty profile, so that
// nothing is cached from an earlier run, and with the flags of kb's browser
// tests (internal/kbtest): no GPU, QUIC, background networking, component
// updates or sync. The returned stop ends the browser and removes the
// profile.
func startBrowser(ctx context.Context, chromium string) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "searchbytes-profile-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(alloc)
	stop := func() { cancelTab(); cancelAlloc(); _ = os.RemoveAll(profile) }
	if err := chromedp.Do(tab); err != nil {
		stop()
		return nil, nil, err
	}
	return tab, stop, nil
}
