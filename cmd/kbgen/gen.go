package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// options configure one generation run.
type options struct {
	N       int    // total number of documents
	Seed    uint64 // RNG seed; same N and Seed give byte-identical output
	Out     string // output directory
	Force   bool   // allow writing into a non-empty Out
	Workers int    // parallel writers; <= 0 means GOMAXPROCS
	// Messy is the share of postmortems written as teams often write
	// them (see messUp); 0 writes every one in kb's own form.
	Messy float64
}

// stats summarises what a run wrote.
type stats struct {
	Postmortems int
	Runbooks    int
	Bytes       int64
}

// errNotEmpty is returned when Out exists, is non-empty, and Force is unset.
var errNotEmpty = errors.New("output directory is not empty")

// The corpus spans these dates (UTC).
var (
	epochStart = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	epochEnd   = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
)

// rbPlan is what is decided up front about a runbook, so that postmortems
// can refer to it and file names stay unique.
type rbPlan struct {
	id, path, title string
	svcs            []int // indices into services
	owner           int   // index into teams
	alerts          []string
	tags            []string
	reviewed        time.Time
	drilled         time.Time // zero when absent
}

// pmPlan is what is decided up front about a postmortem.
type pmPlan struct {
	id, path, title string
	svcs            []int
	cause           string
	start           time.Time
}

// plan is the sequentially computed skeleton of the corpus. Workers only read it.
type plan struct {
	seed      uint64
	runbooks  []rbPlan
	pms       []pmPlan
	byService [][]int // service index → runbook indices
	dirs      []string
}

// headerRand and bodyRand return the two independent RNG streams of
// document i (runbooks first, then postmortems).
func headerRand(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)<<1))
}

func bodyRand(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)<<1|1))
}

// split returns the number of runbooks and postmortems for n documents (1:4).
func split(n int) (runbooks, postmortems int) {
	return n / 5, n - n/5
}

// randDate returns a time in [from, to), skewed towards recent dates.
func randDate(r *rand.Rand, from, to time.Time) time.Time {
	span := to.Sub(from)
	u := r.Float64()
	u = 1 - math.Pow(1-u, 1.3) // somewhat more mass near 1 (recent)
	return from.Add(time.Duration(u * float64(span)))
}

// unique returns id, or id with "-2", "-3", … appended if already taken.
func unique(seen map[string]bool, id string) string {
	out := id
	for k := 2; seen[out]; k++ {
		out = fmt.Sprintf("%s-%d", id, k)
	}
	seen[out] = true
	return out
}

// makePlan decides ids, paths and headers of every document, in order.
func makePlan(o options) *plan {
	nr, np := split(o.N)
	p := &plan{seed: o.Seed, byService: make([][]int, len(services))}
	seen := map[string]bool{}
	svcDir := make([]bool, len(services))
	for i := range nr {
		r := headerRand(o.Seed, i)
		s0 := r.IntN(len(services))
		rb := rbPlan{svcs: []int{s0}}
		if r.IntN(4) == 0 {
			if s1 := r.IntN(len(services)); s1 != s0 {
				rb.svcs = append(rb.svcs, s1)
			}
		}
		rb.title = fmt.Sprintf("%s %s %s", displayName(services[s0]), pick(r, components), pick(r, rbProblems))
		rb.id = unique(seen, slugify(rb.title, 8))
		rb.path = filepath.Join("runbooks", services[s0], rb.id+".md")
		if !svcDir[s0] {
			svcDir[s0] = true
			p.dirs = append(p.dirs, filepath.Join("runbooks", services[s0]))
		}
		rb.owner = s0 % len(teams)
		if r.IntN(5) == 0 {
			rb.owner = r.IntN(len(teams))
		}
		for _, suf := range pickN(r, alertSuffixes, 1+r.IntN(3)) {
			rb.alerts = append(rb.alerts, camel(services[s0])+suf)
		}
		rb.tags = pickN(r, tagList, 1+r.IntN(3))
		rb.reviewed = randDate(r, epochStart.AddDate(3, 0, 0), epochEnd).Truncate(24 * time.Hour)
		if r.IntN(100) < 65 {
			rb.drilled = randDate(r, epochStart.AddDate(2, 0, 0), epochEnd).Truncate(24 * time.Hour)
		}
		p.runbooks = append(p.runbooks, rb)
		p.byService[s0] = append(p.byService[s0], i)
	}
	yearDir := map[int]bool{}
	for j := range np {
		r := headerRand(o.Seed, nr+j)
		pm := pmPlan{svcs: []int{r.IntN(len(services))}}
		for range r.IntN(3) {
			if s := r.IntN(len(services)); s != pm.svcs[0] && (len(pm.svcs) < 2 || s != pm.svcs[1]) {
				pm.svcs = append(pm.svcs, s)
			}
		}
		pm.cause = pick(r, causes)
		svc := displayName(services[pm.svcs[0]])
		switch r.IntN(4) {
		case 0:
			pm.title = fmt.Sprintf("%s %s after %s", svc, pick(r, symptoms), pm.cause)
		case 1:
			pm.title = fmt.Sprintf("%s in %s during %s", upperFirst(pick(r, symptoms)), services[pm.svcs[0]], pick(r, occasions))
		case 2:
			pm.title = fmt.Sprintf("%s outage caused by %s", svc, pm.cause)
		default:
			pm.title = fmt.Sprintf("%s %s from %s", svc, pick(r, symptoms), pick(r, components))
		}
		pm.start = randDate(r, epochStart, epochEnd).Truncate(time.Minute)
		date := pm.start.Format("2006-01-02")
		pm.id = unique(seen, date+"-"+slugify(pm.title, 7))
		year := pm.start.Year()
		pm.path = filepath.Join("postmortems", fmt.Sprint(year), pm.id+".md")
		if !yearDir[year] {
			yearDir[year] = true
			p.dirs = append(p.dirs, filepath.Join("postmortems", fmt.Sprint(year)))
		}
		p.pms = append(p.pms, pm)
	}
	return p
}

// checkOut makes sure out can be written to: it must not exist, be an empty
// directory, or force must be set.
func checkOut(out string, force bool) error {
	fi, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s exists and is not a directory", out)
	}
	f, err := os.Open(out)
	if err != nil {
		return err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if len(names) > 0 && !force {
		return fmt.Errorf("%s: %w (use -force to write into it anyway)", out, errNotEmpty)
	}
	if err != nil && len(names) == 0 && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// generate writes the corpus described by o and reports what it wrote.
//
// The plan (ids, paths, cross references) is computed sequentially; each
// document's content then depends only on the plan and its own RNG stream,
// so the documents can be written in parallel with byte-identical results.
func generate(o options) (stats, error) {
	var st stats
	if o.N < 1 {
		return st, fmt.Errorf("n must be at least 1, got %d", o.N)
	}
	if err := checkOut(o.Out, o.Force); err != nil {
		return st, err
	}
	p := makePlan(o)
	for _, d := range p.dirs {
		if err := os.MkdirAll(filepath.Join(o.Out, d), 0o755); err != nil {
			return st, err
		}
	}
	getVocab() // build once, before the workers start

	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nr, np := split(o.N)
	masks := make([]uint64, o.N) // teams used by each document
	var (
		next     atomic.Int64
		total    atomic.Int64
		errOnce  sync.Once
		firstErr error
		failed   atomic.Bool
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= o.N {
					return
				}
				buf.Reset()
				r := bodyRand(o.Seed, i)
				var path string
				if i < nr {
					masks[i] = renderRunbook(&buf, p, i, r)
					path = p.runbooks[i].path
				} else {
					masks[i] = renderPostmortem(&buf, p, i-nr, r)
					path = p.pms[i-nr].path
					if mr := messyRand(o.Seed, i); o.Messy > 0 && mr.Float64() < o.Messy {
						messy := messUp(buf.Bytes(), mr)
						buf.Reset()
						buf.Write(messy)
					}
				}
				if err := os.WriteFile(filepath.Join(o.Out, path), buf.Bytes(), 0o644); err != nil {
					errOnce.Do(func() { firstErr = err })
					failed.Store(true)
					return
				}
				total.Add(int64(buf.Len()))
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return st, firstErr
	}
	var used uint64
	for _, m := range masks {
		used |= m
	}
	cfg := kbYAML(o, used)
	if err := os.WriteFile(filepath.Join(o.Out, "kb.yaml"), cfg, 0o644); err != nil {
		return st, err
	}
	st = stats{Postmortems: np, Runbooks: nr, Bytes: total.Load() + int64(len(cfg))}
	return st, nil
}

// kbYAML renders the KB configuration, listing the teams actually used.
func kbYAML(o options, used uint64) []byte {
	var owners []string
	for i, t := range teams {
		if used&(1<<i) != 0 {
			owners = append(owners, t)
		}
	}
	var b bytes.Buffer
	if o.Messy > 0 {
		fmt.Fprintf(&b, "# Synthetic knowledge base written by kbgen -n %d -seed %d -messy %g.\n", o.N, o.Seed, o.Messy)
	} else {
		fmt.Fprintf(&b, "# Synthetic knowledge base written by kbgen -n %d -seed %d.\n", o.N, o.Seed)
	}
	fmt.Fprintf(&b, "title: Synthetic KB (%d documents, seed %d)\n", o.N, o.Seed)
	fmt.Fprintf(&b, "severities: %s\n", yamlList(severities))
	fmt.Fprintf(&b, "owners: %s\n", yamlList(owners))
	return b.Bytes()
}
