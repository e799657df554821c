// Command searchbytes measures what a static site's search costs a browser:
// it serves a built site folder over loopback HTTP with gzip for text types
// (as a typical static host does), opens the search page in headless
// Chromium with an empty cache, types each query into the search box (or
// calls a JS function with it) and waits until the results have changed and
// then stayed still. For the page's search assets at load and for each
// query it reports the bytes received on the wire (the sum of the
// encodedDataLength of the DevTools network events, headers included, of
// the page and of its web workers), the number of requests, and the time
// from the last keystroke to the results on screen; the server's own count
// of the bytes it wrote is printed beside them as a check.
//
//	go run ./bench/searchbytes [flags] SITE QUERY [QUERY...]
//
// The defaults fit Pagefind's default UI on a page at /search/ (see
// bench/search-peer.sh):
//
//	go run ./bench/searchbytes /tmp/hugo-search/public "disk full database" "certificate expired renewal"
//
// For another site, name its search page, box, results and asset folder:
//
//	go run ./bench/searchbytes -page /search/ -input '#q' -results '.hit' -assets /search/ OUT QUERY...
//
// -js 'FUNCTION' calls a JS function of the query (awaited) instead of
// typing; -keydelay D types one key every D, as a person does, for a
// search that fetches while the query is typed; -runs N repeats everything
// in N fresh browsers and gives the median times; -v lists every request.
//
// Chromium leaves out the body of a web worker's main script from its
// count; searchbytes adds that response's Content-Length to its raw headers
// and says so. A query's results are the text of the elements matching
// -results: the time is taken at the first animation frame after the last
// change of that text, and the phase ends when text and network have been
// still for -quiet.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func main() {
	opts, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	if err := measureSite(opts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "searchbytes:", err)
		os.Exit(1)
	}
}

// options are the command line: what to measure, where, and how often.
type options struct {
	cfg      config
	site     string
	queries  []string
	assets   []string
	runs     int
	chromium string
	verbose  bool
}

// parseFlags reads the command line; on an error it has printed the usage
// to stderr.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("searchbytes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var assets string
	fs.StringVar(&o.cfg.page, "page", "/search/", "URL path of the search page")
	fs.StringVar(&o.cfg.input, "input", ".pagefind-ui__search-input", "CSS selector of the search box")
	fs.StringVar(&o.cfg.results, "results", ".pagefind-ui__result-link", "CSS selector of the results")
	fs.StringVar(&o.cfg.js, "js", "", "JS function of the query to call (and await) instead of typing")
	fs.StringVar(&assets, "assets", "/pagefind/", "comma-separated URL path prefixes of the search assets")
	fs.DurationVar(&o.cfg.keyDelay, "keydelay", 0, "time between two keys typed (0: as fast as the browser takes them)")
	fs.DurationVar(&o.cfg.quiet, "quiet", 500*time.Millisecond, "how long results and network stay still before a phase ends")
	fs.DurationVar(&o.cfg.timeout, "timeout", time.Minute, "bound on each phase")
	fs.IntVar(&o.runs, "runs", 1, "runs, each in a fresh browser; times are their medians")
	fs.StringVar(&o.chromium, "chromium", os.Getenv("KB_CHROMIUM"), "Chromium to run (default: $KB_CHROMIUM, or chromium on PATH)")
	fs.BoolVar(&o.verbose, "v", false, "list every request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: searchbytes [flags] SITE QUERY [QUERY...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() < 2 || o.runs < 1 {
		fs.Usage()
		return o, fmt.Errorf("usage")
	}
	o.site, o.queries = fs.Arg(0), fs.Args()[1:]
	o.assets = strings.Split(assets, ",")
	return o, nil
}

// measureSite serves the site, measures it o.runs times and writes the
// report to w.
func measureSite(o options, w io.Writer) error {
	chromium, err := chromiumPath(o.chromium)
	if err != nil {
		return err
	}
	srv, err := serve(o.site)
	if err != nil {
		return err
	}
	defer srv.close()
	var runs [][]phase
	for range o.runs {
		phases, err := measureOnce(srv, chromium, o)
		if err != nil {
			return err
		}
		runs = append(runs, phases)
	}
	report(w, o, srv.url, runs)
	return nil
}

// measureOnce measures the site in a browser of its own.
func measureOnce(srv *server, chromium string, o options) ([]phase, error) {
	tab, stop, err := startBrowser(context.Background(), chromium)
	if err != nil {
		return nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	defer stop()
	return run(tab, srv, o.cfg, o.queries)
}
