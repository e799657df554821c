// Command kbgen writes a deterministic synthetic knowledge base of
// postmortems and runbooks, for benchmarks and scale tests of kb.
//
// Usage:
//
//	kbgen [-n N] [-seed S] [-messy F] [-force] [-workers W] OUT
//
// The same -n and -seed always produce byte-identical output. kbgen refuses
// to write into a non-empty OUT unless -force is given.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usageText = `usage: kbgen [-n N] [-seed S] [-messy F] [-force] [-workers W] OUT

Writes a deterministic synthetic KB to OUT: kb.yaml, postmortems/YYYY/*.md and
runbooks/<service>/*.md, in a ratio of about 4:1. The same -n and -seed give
byte-identical output. -messy F writes that share of the postmortems as
teams often write them: front-matter fields left out, action items under
sub-headings, most without an owner or a due date, vague ones among them,
blame in the summary. Flags must come before OUT.

Flags:
`

// run parses args, generates the corpus and returns the exit code:
// 0 on success, 2 on usage or runtime errors (including a non-empty OUT).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kbgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.N, "n", 1000, "number of documents to write")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
	fs.Float64Var(&o.Messy, "messy", 0, "share `F` (0 to 1) of postmortems written messily")
	fs.BoolVar(&o.Force, "force", false, "write into OUT even if it is not empty (same-named files are overwritten, others are left alone)")
	fs.IntVar(&o.Workers, "workers", 0, "parallel writers (default GOMAXPROCS; output does not depend on it)")
	usage := func(w io.Writer) {
		fmt.Fprint(w, usageText)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	fs.Usage = func() {} // printed below, to stdout for -h and stderr otherwise
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return 0
		}
		usage(stderr)
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "kbgen: expected exactly one output directory, got %d arguments\n", fs.NArg())
		usage(stderr)
		return 2
	}
	if o.N < 1 {
		fmt.Fprintf(stderr, "kbgen: -n must be at least 1, got %d\n", o.N)
		return 2
	}
	if o.Messy < 0 || o.Messy > 1 {
		fmt.Fprintf(stderr, "kbgen: -messy must be between 0 and 1, got %g\n", o.Messy)
		return 2
	}
	o.Out = fs.Arg(0)
	st, err := generate(o)
	if err != nil {
		fmt.Fprintf(stderr, "kbgen: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "kbgen: wrote %d postmortems and %d runbooks (%.1f MB) to %s\n",
		st.Postmortems, st.Runbooks, float64(st.Bytes)/1e6, o.Out)
	return 0
}
