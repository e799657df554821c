// Command serve measures kb serve beside hugo server on the same corpus,
// as whole processes: the time from a file's write to the reload message
// reaching a page in headless Chromium (a one-document body edit, a
// front-matter edit that moves the document between lists, a change of
// many files at once), the time from the process's start to the first
// page served, kb serve's heap after many edits against after the first,
// /_kb/search under a load from wrk, and, in this process, the time of
// each step of kb serve's update after a change of one document.
//
//	go build -o /tmp/kb ./cmd/kb
//	cp -r /tmp/kbgen10k /tmp/kbgen10k-serve; rm -rf /tmp/kbgen10k-serve/.kb /tmp/kbgen10k-serve/public
//	bench/hugo-site.sh /tmp/kbgen10k /tmp/hugo-serve
//	go run ./bench/serve -kb /tmp/kb -kbdir /tmp/kbgen10k-serve -hugodir /tmp/hugo-serve -n 50
//
// It edits both copies (a sentence added to postmortems' bodies, severities
// turned between SEV2 and SEV3): never give it a corpus to keep. The
// page's clock (Date.now()) at a message's arrival is compared with the
// program's, read just before the write: the same machine clock, to the
// millisecond. Each figure is printed with the machine's load average.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// config is what to run and how much.
type config struct {
	kb, kbDir, hugo, hugoDir, chromium, wrk string
	profile                                 string
	hugoFlags                               []string
	n, files, reps, startups, heapEdits     int
	pace                                    int
	wrkTime                                 time.Duration
	seed                                    uint64
	phases                                  map[string]bool
}

func main() {
	var cfg config
	home, _ := os.UserHomeDir()
	var only, hugoFlags string
	flag.StringVar(&cfg.kb, "kb", "kb", "the kb binary")
	flag.StringVar(&cfg.kbDir, "kbdir", "", "the KB kb serve previews (it is edited)")
	flag.StringVar(&cfg.hugo, "hugo", filepath.Join(home, "go", "bin", "hugo"), "the hugo binary")
	flag.StringVar(&cfg.hugoDir, "hugodir", "", "the Hugo site of the same files, under content/ (it is edited)")
	flag.StringVar(&hugoFlags, "hugoflags", "", "more flags for hugo server, space-separated (such as --disableFastRender)")
	flag.StringVar(&cfg.chromium, "chromium", "/usr/bin/chromium", "the Chromium binary")
	flag.StringVar(&cfg.wrk, "wrk", "wrk", "the wrk binary")
	flag.IntVar(&cfg.n, "n", 50, "edits of each kind, for each server")
	flag.IntVar(&cfg.files, "files", 200, "files written at once in the many-files change")
	flag.IntVar(&cfg.reps, "reps", 3, "repetitions of the many-files change")
	flag.IntVar(&cfg.startups, "startups", 5, "starts of each server")
	flag.IntVar(&cfg.heapEdits, "heapedits", 1000, "body edits between the two heap readings")
	flag.IntVar(&cfg.pace, "pace", 95, "PACE_MS of bench/searchload.lua: each of wrk's 50 connections waits that long before a request")
	flag.DurationVar(&cfg.wrkTime, "wrktime", 30*time.Second, "how long wrk runs")
	flag.Uint64Var(&cfg.seed, "seed", 1, "seed of the choice of documents")
	flag.StringVar(&cfg.profile, "cpuprofile", "", "write CPU profiles of the steps phase's edits to `PREFIX`-body-edit.prof and PREFIX-severity-edit.prof")
	flag.StringVar(&only, "only", "startup,edits,search,heap,steps", "the phases to run, comma-separated")
	flag.Parse()
	if cfg.kbDir == "" || cfg.hugoDir == "" {
		fmt.Fprintln(os.Stderr, "serve: -kbdir and -hugodir are required")
		os.Exit(2)
	}
	cfg.hugoFlags = strings.Fields(hugoFlags)
	cfg.phases = map[string]bool{}
	for _, p := range strings.Split(only, ",") {
		cfg.phases[strings.TrimSpace(p)] = true
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

func run(cfg config) error {
	fmt.Printf("kb serve %s on %s; hugo server (%s) on %s; load %s\n", cfg.kb, cfg.kbDir, cfg.hugo, cfg.hugoDir, loadavg())
	if cfg.phases["startup"] {
		if err := startupPhase(cfg); err != nil {
			return err
		}
	}
	if cfg.phases["edits"] || cfg.phases["search"] {
		if err := editsAndSearch(cfg); err != nil {
			return err
		}
	}
	if cfg.phases["heap"] {
		if err := heapPhase(cfg); err != nil {
			return err
		}
	}
	if cfg.phases["steps"] {
		return stepsPhase(cfg)
	}
	return nil
}
