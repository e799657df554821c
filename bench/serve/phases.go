package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// The grace a server has to end after SIGTERM before it is killed.
const stopGrace = 5 * time.Second

// startupPhase starts each server in turn, cfg.startups times, timing its
// start to the first 200 of /.
func startupPhase(cfg config) error {
	fmt.Println("\n## start to the first page served (/ polled every 10 ms)")
	kinds := []kind{kbKind(cfg.kb), hugoKind(cfg.hugo, cfg.hugoFlags)}
	dirs := []string{cfg.kbDir, cfg.hugoDir}
	times := make([]samples, len(kinds))
	for round := range cfg.startups {
		for i, k := range kinds {
			s, err := start(k, dirs[i])
			if err != nil {
				return err
			}
			d, err := s.waitOK("/", 5*time.Minute)
			load := loadavg()
			gone, byItself := s.stop(stopGrace)
			if err != nil {
				return err
			}
			times[i] = append(times[i], ms(d))
			fmt.Printf("round %d %-12s %6s ms   load %s; stopped in %s%s\n", round+1, k.name, num(ms(d)), load, gone.Round(time.Millisecond), killedNote(byItself))
		}
	}
	for i, k := range kinds {
		fmt.Printf("%-12s %s\n", k.name, times[i].summary(" ms"))
	}
	fmt.Printf("kb/hugo      pairs: %s\n", ratios(times[0], times[1]).summary(""))
	return nil
}

func killedNote(byItself bool) string {
	if byItself {
		return ""
	}
	return fmt.Sprintf(" (killed: SIGTERM not obeyed in %s)", stopGrace)
}

// pair is one server with its corpus and its subscribed page.
type pair struct {
	srv  *server
	root string // the folder the corpus's paths are under
	tab  *listener
}

// startPair starts kb serve (and hugo server, withHugo), waits until kb serve's
// search index is built, and subscribes a page to each.
func startPair(cfg config, browser context.Context, withHugo bool, kbEnv ...string) ([]*pair, func(), error) {
	var pairs []*pair
	var stops []func()
	stopAll := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	specs := []struct {
		k    kind
		dir  string
		root string
		page string
		js   string
		env  []string
	}{
		{kbKind(cfg.kb), cfg.kbDir, cfg.kbDir, kbPage, kbSubscribe, kbEnv},
		{hugoKind(cfg.hugo, cfg.hugoFlags), cfg.hugoDir, filepath.Join(cfg.hugoDir, "content"), hugoPage, hugoSubscribe, nil},
	}
	for _, sp := range specs {
		if sp.k.name == "hugo server" && !withHugo {
			continue
		}
		s, err := start(sp.k, sp.dir, sp.env...)
		if err != nil {
			stopAll()
			return nil, nil, err
		}
		stops = append(stops, func() { s.stop(stopGrace) })
		if _, err := s.waitOK("/", 5*time.Minute); err != nil {
			stopAll()
			return nil, nil, err
		}
		if sp.k.name == "kb serve" {
			d, err := s.waitOK("/_kb/search?q=disk", 10*time.Minute)
			if err != nil {
				stopAll()
				return nil, nil, err
			}
			fmt.Printf("kb serve: search index ready %s after the start; load %s\n", d.Round(time.Millisecond), loadavg())
		}
		tab, cancel, err := listen(browser, s, sp.page, sp.js)
		if err != nil {
			stopAll()
			return nil, nil, err
		}
		stops = append(stops, cancel)
		pairs = append(pairs, &pair{srv: s, root: sp.root, tab: tab})
	}
	time.Sleep(3 * time.Second) // what the servers do after their start ends
	return pairs, stopAll, nil
}

// latency writes ch, then waits for the reload messages it brings, and
// returns the times from just before the write to the first and the last.
func (p *pair) latency(ch change, quiet, max time.Duration) (first, last float64, err error) {
	t0 := time.Now().UnixMilli()
	if err := ch.write(); err != nil {
		return 0, 0, err
	}
	got, err := p.tab.next(quiet, max)
	if err != nil {
		return 0, 0, err
	}
	if len(got) == 0 {
		return 0, 0, fmt.Errorf("%s: no reload message within %s of the write", p.srv.name, max)
	}
	return float64(got[0] - t0), float64(got[len(got)-1] - t0), nil
}

// editKind is one kind of change measured on both servers in turn.
type editKind struct {
	name        string
	files       int
	reps        int
	edit        func(c *corpus) edit
	quiet, max  time.Duration
	useLast     bool // the figure is the time to the last message, not the first
	pickMatches bool // the documents must be ones the edit changes
}

func editKinds(cfg config) []editKind {
	body := func(c *corpus) edit { return c.bodyEdit() }
	severity := func(*corpus) edit { return severityEdit }
	return []editKind{
		{name: "body edit", files: 1, reps: cfg.n, edit: body, quiet: time.Second, max: 30 * time.Second},
		{name: "severity edit", files: 1, reps: cfg.n, edit: severity, quiet: time.Second, max: 30 * time.Second, pickMatches: true},
		{name: strconv.Itoa(cfg.files) + " files", files: cfg.files, reps: cfg.reps, edit: body, quiet: 3 * time.Second, max: 2 * time.Minute, useLast: true},
	}
}

// editsAndSearch measures the edits on both servers, in turn, then the
// search API of kb serve.
func editsAndSearch(cfg config) error {
	c, err := loadCorpus(cfg.kbDir, cfg.seed)
	if err != nil {
		return err
	}
	browser, stopBrowser, err := startBrowser(cfg.chromium)
	if err != nil {
		return err
	}
	defer stopBrowser()
	pairs, stop, err := startPair(cfg, browser, cfg.phases["edits"])
	if err != nil {
		return err
	}
	defer stop()
	if cfg.phases["edits"] {
		for _, ek := range editKinds(cfg) {
			if err := measureEdits(c, pairs, ek); err != nil {
				return err
			}
		}
	}
	if cfg.phases["search"] {
		return searchLoad(cfg, pairs[0].srv)
	}
	return nil
}

// measureEdits makes ek.reps changes of ek.files documents each, to each
// server in turn, and prints the times to the reload messages.
func measureEdits(c *corpus, pairs []*pair, ek editKind) error {
	fmt.Printf("\n## %s: write to the reload message in the page\n", ek.name)
	firsts := make([]samples, len(pairs))
	lasts := make([]samples, len(pairs))
	for rep := range ek.reps {
		e := ek.edit(c)
		rels := c.pick(ek.files)
		if ek.pickMatches {
			rel, err := c.pickFor(pairs[0].root, e)
			if err != nil {
				return err
			}
			rels = []string{rel}
		}
		line := fmt.Sprintf("%-4d", rep+1)
		for i, p := range pairs {
			ch, err := prepare(p.root, rels, e)
			if err != nil {
				return err
			}
			first, last, err := p.latency(ch, ek.quiet, ek.max)
			if err != nil {
				return err
			}
			firsts[i] = append(firsts[i], first)
			lasts[i] = append(lasts[i], last)
			line += fmt.Sprintf("  %s %s/%s ms", p.srv.name, num(first), num(last))
		}
		fmt.Printf("%s  (first/last message)  load %s\n", line, loadavg())
	}
	for i, p := range pairs {
		fmt.Printf("%-12s first message: %s\n%-12s last message:  %s\n", p.srv.name, firsts[i].summary(" ms"), "", lasts[i].summary(" ms"))
	}
	if len(pairs) == 2 {
		figure := firsts
		if ek.useLast {
			figure = lasts
		}
		fmt.Printf("kb/hugo      pairs: %s\n", ratios(figure[0], figure[1]).summary(""))
	}
	return nil
}

// searchLoad runs bench/searchload.lua under wrk against srv.
func searchLoad(cfg config, srv *server) error {
	fmt.Printf("\n## /_kb/search under wrk: 2 threads, 50 connections, %s, PACE_MS=%d\n", cfg.wrkTime, cfg.pace)
	time.Sleep(5 * time.Second)
	before := loadavg()
	cmd := exec.Command(cfg.wrk, "-t2", "-c50", "-d"+cfg.wrkTime.String(), "--latency", "-s", filepath.Join("bench", "searchload.lua"), srv.url)
	cmd.Env = append(os.Environ(), "PACE_MS="+strconv.Itoa(cfg.pace))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	fmt.Printf("load before %s, after %s\n", before, loadavg())
	return err
}

// heapPhase starts kb serve under gctrace, makes one body edit, reads the
// live heap at the next collection and the resident size, then makes
// cfg.heapEdits more and reads both again.
func heapPhase(cfg config) error {
	fmt.Printf("\n## kb serve's heap: after 1 body edit and after %d more\n", cfg.heapEdits)
	c, err := loadCorpus(cfg.kbDir, cfg.seed+1)
	if err != nil {
		return err
	}
	browser, stopBrowser, err := startBrowser(cfg.chromium)
	if err != nil {
		return err
	}
	defer stopBrowser()
	pairs, stop, err := startPair(cfg, browser, false, "GODEBUG=gctrace=1")
	if err != nil {
		return err
	}
	defer stop()
	kb := pairs[0]
	var times samples
	var heaps []heapReading
	for i := range cfg.heapEdits + 1 {
		ch, err := prepare(kb.root, c.pick(1), c.bodyEdit())
		if err != nil {
			return err
		}
		first, _, err := kb.latency(ch, 100*time.Millisecond, 30*time.Second)
		if err != nil {
			return err
		}
		times = append(times, first)
		if i == 0 || i == cfg.heapEdits {
			h, err := readHeap(kb.srv)
			if err != nil {
				return err
			}
			fmt.Printf("after %4d edits: %s; load %s\n", i+1, h, loadavg())
			heaps = append(heaps, h)
		}
		if (i+1)%100 == 0 {
			fmt.Printf("edits %d–%d, write to first message: %s; load %s\n", i-98, i+1, times[i-99:i+1].summary(" ms"), loadavg())
		}
	}
	a, b := heaps[0], heaps[len(heaps)-1]
	fmt.Printf("after %d edits / after 1: live heap %.2f, VmRSS %.2f\n", cfg.heapEdits+1,
		float64(b.liveMB)/float64(a.liveMB), float64(b.rssMB)/float64(a.rssMB))
	return nil
}

// heapReading is kb serve's memory at one moment.
type heapReading struct {
	liveMB, rssMB int
	forced        bool
}

func (h heapReading) String() string {
	forced := ""
	if h.forced {
		forced = " (a forced collection)"
	}
	return fmt.Sprintf("live heap %d MB at the next collection%s, VmRSS %d MB", h.liveMB, forced, h.rssMB)
}

// readHeap waits for the first collection that starts 10 s from now (the
// edit's index update and search files done; the runtime forces one every
// two minutes when idle), and reads its live heap and the resident size.
func readHeap(s *server) (heapReading, error) {
	g, ok := s.gcAfter(time.Now().Add(10*time.Second), 3*time.Minute)
	if !ok {
		return heapReading{}, fmt.Errorf("no collection reported on kb serve's stderr in 3 minutes")
	}
	rss, err := s.rssMB()
	return heapReading{liveMB: g.liveMB, rssMB: rss, forced: g.forced}, err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
