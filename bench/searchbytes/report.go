package main

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// total is the count and the bytes of some requests.
type total struct {
	n          int
	wire, body int64
}

// sum totals the requests that keep accepts.
func sum(reqs []request, keep func(request) bool) total {
	var t total
	for _, q := range reqs {
		if keep(q) {
			t.n++
			t.wire += q.Wire
			t.body += q.Body
		}
	}
	return t
}

// String is the total as "N requests, W B (body B B)".
func (t total) String() string {
	noun := "requests"
	if t.n == 1 {
		noun = "request"
	}
	return fmt.Sprintf("%d %s, %s B on the wire (bodies %s B)", t.n, noun, grouped(t.wire), grouped(t.body))
}

// requestPath is the path and query of a request's URL.
func requestPath(q request) string {
	u, err := url.Parse(q.URL)
	if err != nil {
		return q.URL
	}
	return u.RequestURI()
}

// report writes the figures of the runs: bytes and requests of the first
// run, times as medians over all runs.
func report(w io.Writer, o options, base string, runs [][]phase) {
	first := runs[0]
	fmt.Fprintf(w, "site %s served at %s (gzip for text types), page %s, %d run(s) in fresh browsers\n", o.site, base, o.cfg.page, len(runs))
	isPage := func(q request) bool { return requestPath(q) == o.cfg.page }
	isAsset := func(q request) bool { return !isPage(q) && hasAnyPrefix(requestPath(q), o.assets) }
	load := first[0].Requests
	assets := sum(load, isAsset)
	fmt.Fprintf(w, "load: the page %s; search assets (%s) %s; other %s\n",
		sum(load, isPage), strings.Join(o.assets, ", "), assets,
		sum(load, func(q request) bool { return !isPage(q) && !isAsset(q) }))
	all := func(request) bool { return true }
	for i, p := range first[1:] {
		fmt.Fprintf(w, "%s %q: %s; %s\n", p.Name, p.Query, sum(p.Requests, all), timing(runs, i+1, o.cfg.js != ""))
	}
	q1 := sum(first[1].Requests, all)
	fmt.Fprintf(w, "first query in all (search assets at load + query 1): %s B on the wire, %d requests\n", grouped(assets.wire+q1.wire), assets.n+q1.n)
	var server []string
	for _, p := range first {
		server = append(server, p.Name+" "+grouped(p.Server)+" B")
	}
	fmt.Fprintf(w, "the server wrote (all responses, headers included): %s\n", strings.Join(server, ", "))
	if n := countAdded(first); n > 0 {
		fmt.Fprintf(w, "note: Chromium counted only the headers of %d response(s) (a worker's main script); their Content-Length is added above\n", n)
	}
	if !sameBytes(runs) {
		fmt.Fprintln(w, "note: the runs did not all receive the same bytes; the figures above are the first run's")
	}
	if o.verbose {
		listRequests(w, first)
	}
}

// timing is the median over the runs of phase i's times, with their range.
func timing(runs [][]phase, i int, called bool) string {
	var firsts, lasts []float64
	for _, r := range runs {
		firsts, lasts = append(firsts, r[i].FirstMS), append(lasts, r[i].LastMS)
	}
	if called {
		return "the call took " + spread(lasts)
	}
	return "results settled " + spread(lasts) + " after the last keystroke (first change " + spread(firsts) + ")"
}

// spread is the median of xs in milliseconds, with the range when there
// are several.
func spread(xs []float64) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	if len(s) == 1 {
		return strconv.FormatFloat(m, 'f', 0, 64) + " ms"
	}
	return fmt.Sprintf("%.0f ms (median of %d, %.0f–%.0f)", m, len(s), s[0], s[len(s)-1])
}

// sameBytes reports whether every run received the same bytes in each phase.
func sameBytes(runs [][]phase) bool {
	all := func(request) bool { return true }
	for _, r := range runs[1:] {
		for i := range r {
			if sum(r[i].Requests, all) != sum(runs[0][i].Requests, all) {
				return false
			}
		}
	}
	return true
}

// countAdded is the number of requests whose body was added to the bytes
// Chromium reported.
func countAdded(phases []phase) int {
	n := 0
	for _, p := range phases {
		for _, q := range p.Requests {
			if q.Added {
				n++
			}
		}
	}
	return n
}

// listRequests writes a line per request of the phases.
func listRequests(w io.Writer, phases []phase) {
	fmt.Fprintln(w, "phase\tsource\tstatus\twire B\tbody B\tpath")
	for _, p := range phases {
		for _, q := range p.Requests {
			status := strconv.FormatInt(q.Status, 10)
			switch {
			case q.Cached:
				status += " (cache)"
			case q.Failed:
				status = "failed"
			case q.Added:
				status += " (body added)"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\n", p.Name, q.Source, status, q.Wire, q.Body, requestPath(q))
		}
	}
}

// hasAnyPrefix reports whether s starts with one of the prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if p != "" && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// grouped is n with commas between groups of three digits.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
